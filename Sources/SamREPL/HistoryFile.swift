import Foundation

/// The REPL's persistent history: where it lives and how entries are stored in it.
///
/// The file holds one entry per line, oldest first, so that readline's `history_truncate_file` can
/// bound it. A multi-line entry stays one item: its line breaks are stored as `\n` and backslashes as
/// `\\` (``encode(_:)``), and reading the file turns them back (``decode(_:)``).
public struct HistoryFile: Equatable, Sendable {
    /// The environment variable that overrides the location; set to the empty string, history is not saved.
    public static let environmentVariable = "SAMLAB_HISTORY"
    /// The most entries kept, in memory and in the file.
    public static let defaultLimit = 1000

    /// The file's path.
    public var path: String
    /// The most entries kept.
    public var limit: Int

    /// Creates a history file description.
    public init(path: String, limit: Int = HistoryFile.defaultLimit) {
        self.path = path
        self.limit = limit
    }

    /// The user's history file: `$SAMLAB_HISTORY` if set (none if it is empty), otherwise
    /// `$XDG_STATE_HOME/samlab/history`, otherwise `~/.local/state/samlab/history`; `nil` when there
    /// is no such place (no `HOME`).
    public static func standard(environment: [String: String] = ProcessInfo.processInfo.environment) -> HistoryFile? {
        if let explicit = environment[environmentVariable] {
            return explicit.isEmpty ? nil : HistoryFile(path: explicit)
        }
        // The XDG base-directory specification ignores relative paths.
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            return HistoryFile(path: state + "/samlab/history")
        }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return HistoryFile(path: home + "/.local/state/samlab/history")
    }

    /// One entry as one line of the file.
    public static func encode(_ entry: String) -> String {
        var line = ""
        for character in entry {
            switch character {
            case "\\": line += "\\\\"
            case "\n": line += "\\n"
            case "\r\n": line += "\\n"
            default: line.append(character)
            }
        }
        return line
    }

    /// The entry a line of the file stores (the inverse of ``encode(_:)``; a stray backslash stays).
    public static func decode(_ line: String) -> String {
        var entry = ""
        var escaped = false
        for character in line {
            if escaped {
                switch character {
                case "n": entry.append("\n")
                case "\\": entry.append("\\")
                default: entry += "\\" + String(character)
                }
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else {
                entry.append(character)
            }
        }
        if escaped { entry.append("\\") }
        return entry
    }

    /// The stored entries, oldest first (the newest ``limit``); none if the file does not exist.
    public func load() -> [String] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: true).map { HistoryFile.decode(String($0)) }
        return Array(lines.suffix(limit))
    }

    /// Appends one entry, creating the file and its directory if needed. History is a convenience:
    /// a failure to write it is ignored.
    public func append(_ entry: String) {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        guard let handle = FileHandle(forWritingAtPath: path) ?? create() else { return }
        defer { try? handle.close() }
        _ = try? handle.seekToEnd()
        try? handle.write(contentsOf: Data((HistoryFile.encode(entry) + "\n").utf8))
    }

    private func create() -> FileHandle? {
        guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) else { return nil }
        return FileHandle(forWritingAtPath: path)
    }
}
