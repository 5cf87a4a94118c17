import Foundation

/// Progress output for runs and sweeps: a live, redrawn line on a terminal; plain periodic lines when the
/// output is a pipe or file; nothing when quiet. Writes to standard error so results on standard output
/// stay clean.
public final class ProgressDisplay: @unchecked Sendable {
    /// How progress is shown.
    public enum Mode: Sendable { case live, lines, quiet }

    public let mode: Mode
    /// Minimum seconds between two outputs.
    public let interval: Double
    private var lastOutput = -Double.infinity
    private var lastWidth = 0
    private let lock = NSLock()

    /// `live` on a terminal, `lines` otherwise, `quiet` when asked.
    public init(quiet: Bool, interval: Double? = nil) {
        if quiet { mode = .quiet } else { mode = isatty(STDERR_FILENO) != 0 ? .live : .lines }
        self.interval = interval ?? (mode == .live ? 0.1 : 5)
    }

    public init(mode: Mode, interval: Double) {
        self.mode = mode
        self.interval = interval
    }

    /// Shows `text` if enough time has passed since the last output (always when `force`).
    public func update(_ text: @autoclosure () -> String, force: Bool = false) {
        guard mode != .quiet else { return }
        lock.lock(); defer { lock.unlock() }
        let now = ProcessInfo.processInfo.systemUptime
        guard force || now - lastOutput >= interval else { return }
        lastOutput = now
        let line = text()
        switch mode {
        case .live:
            let padding = max(0, lastWidth - line.count)
            FileHandle.standardError.write(Data(("\r" + line + String(repeating: " ", count: padding)).utf8))
            lastWidth = line.count
        case .lines:
            FileHandle.standardError.write(Data((line + "\n").utf8))
        case .quiet:
            break
        }
    }

    /// Ends a live line (so following output starts on a new line) and prints `text` if given.
    public func finish(_ text: String? = nil) {
        guard mode != .quiet else { return }
        lock.lock(); defer { lock.unlock() }
        if mode == .live && lastWidth > 0 { FileHandle.standardError.write(Data("\n".utf8)) }
        lastWidth = 0
        if let text { FileHandle.standardError.write(Data((text + "\n").utf8)) }
    }

    /// A text progress bar like `[#######-------]`.
    public static func bar(fraction: Double, width: Int = 24) -> String {
        let f = fraction.isFinite ? min(max(fraction, 0), 1) : 0
        let filled = Int((f * Double(width)).rounded())
        return "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled) + "]"
    }

    /// Seconds as `1h02m`, `3m05s` or `12.3s`.
    public static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "?" }
        if seconds >= 3600 { return String(format: "%dh%02dm", Int(seconds) / 3600, (Int(seconds) % 3600) / 60) }
        if seconds >= 60 { return String(format: "%dm%02ds", Int(seconds) / 60, Int(seconds) % 60) }
        return String(format: "%.1fs", seconds)
    }
}
