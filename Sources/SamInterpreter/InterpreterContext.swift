import Experiments
import ProcessSupport
import Foundation

/// Where a program's text output goes: standard output, standard error, or a string (tests, REPL).
public protocol TextSink: AnyObject {
    /// Writes `text` as it is (callers add line breaks).
    func write(_ text: String)
}

/// A ``TextSink`` on a file descriptor (standard output or standard error).
public final class FileSink: TextSink {
    private let handle: FileHandle

    /// The process's standard output.
    public static let standardOutput = FileSink(.standardOutput)
    /// The process's standard error.
    public static let standardError = FileSink(.standardError)

    private init(_ handle: FileHandle) {
        self.handle = handle
    }

    public func write(_ text: String) {
        handle.write(Data(text.utf8))
    }
}

/// A ``TextSink`` that collects everything written, for tests and tools.
public final class StringSink: TextSink {
    /// All text written so far.
    public private(set) var text = ""

    /// Creates an empty sink.
    public init() {}

    public func write(_ text: String) {
        self.text += text
    }
}

/// One shard of a sweep: `--shard 2/4` runs the second of four interleaved parts of the grid.
public struct Shard: Equatable, Sendable {
    /// The 1-based shard number (`1...count`).
    public var number: Int
    /// How many shards the grid is split into.
    public var count: Int

    /// Creates a shard; `1 <= number <= count`.
    public init(number: Int, count: Int) {
        self.number = number
        self.count = count
    }

    /// Parses `I/N` (`1 <= I <= N`), or returns `nil`.
    public init?(parsing text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let number = Int(parts[0]), let count = Int(parts[1]), count >= 1, (1...count).contains(number)
        else { return nil }
        self.init(number: number, count: count)
    }

    /// The 0-based index (`number - 1`), as ``SweepGrid/shard(_:of:)`` takes it.
    public var index: Int { number - 1 }
}

/// What builtins may know about the invocation: where to write, the seed, the output directory, the
/// command-line switches, and the progress display. One context serves a whole run (or REPL session).
public final class InterpreterContext {
    /// Program output (`print`): standard output for `samlab run`.
    public let output: TextSink
    /// The base seed (`--seed`, default 0); sweeps derive per-cell seeds from it.
    public let seed: UInt64
    /// The results directory (`--out`, default `results/<script-name>`).
    public let outputDirectory: String
    /// Whether progress output is suppressed (`--quiet`).
    public let quiet: Bool
    /// The part of a sweep this invocation runs (`--shard I/N`), or `nil` for all of it.
    public let shard: Shard?
    /// Whether existing results may be replaced instead of resumed (`--overwrite`).
    public let overwrite: Bool
    /// Progress for long-running builtins (training, sweeps); quiet when ``quiet``.
    public let progress: ProgressDisplay
    /// The path of the script being run, or `nil` in the REPL.
    public let scriptPath: String?
    /// The sweep cell whose body is running, or `nil` outside sweeps; builtins such as `train` take
    /// their seed and results sub-directory from it.
    public internal(set) var currentCell: SweepCell?
    /// What the engine builtins remember during this session (runs, the last sweep).
    let domainState = DomainState()
    /// The `.sam` functions traced so far, compiled (see ``TraceCache``).
    let traceCache = TraceCache()
    /// How many seeds ``nextSeed()`` has handed out.
    private var drawnSeeds: UInt64 = 0

    /// Creates a context.
    public init(output: TextSink, seed: UInt64 = 0, outputDirectory: String, quiet: Bool = false,
                shard: Shard? = nil, overwrite: Bool = false, progress: ProgressDisplay? = nil, scriptPath: String? = nil) {
        self.output = output
        self.seed = seed
        self.outputDirectory = outputDirectory
        self.quiet = quiet
        self.shard = shard
        self.overwrite = overwrite
        self.progress = progress ?? ProgressDisplay(quiet: quiet)
        self.scriptPath = scriptPath
    }

    /// A fresh seed for a builtin whose caller gave none: the n-th seed derived from the current
    /// sweep cell's seed (or the run's), so reruns with the same `--seed` draw the same numbers.
    public func nextSeed() -> UInt64 {
        drawnSeeds += 1
        return SweepGrid.derivedSeed(currentCell?.seed ?? seed, "draw-\(drawnSeeds)")
    }
}
