import SamLanguage

/// A REPL command: a line that starts with `:`, such as `:load sweep.sam`. Commands are not `.sam`
/// code; they act on the session.
public enum MetaCommand: Equatable, Sendable {
    /// `:help [name]`: the commands and builtins, or one builtin's signature and documentation.
    case help(String?)
    /// `:load FILE`: runs a `.sam` file into the session.
    case load(String)
    /// `:vars`: the session's names with short summaries of their values.
    case vars
    /// `:reset`: a fresh interpreter (every name is forgotten).
    case reset
    /// `:time ENTRY`: runs an entry and prints its wall time.
    case time(String)
    /// `:quit`: ends the session.
    case quit

    /// The command names.
    public enum Name: String, CaseIterable, Sendable {
        case help, load, vars, reset, time, quit

        /// What a command takes after its name.
        public enum Argument: Sendable {
            /// Nothing.
            case nothing
            /// An optional builtin or command name.
            case optionalName
            /// A file path.
            case path
            /// A `.sam` entry.
            case entry
        }

        /// What the command takes.
        public var argument: Argument {
            switch self {
            case .help: return .optionalName
            case .load: return .path
            case .time: return .entry
            case .vars, .reset, .quit: return .nothing
            }
        }

        /// How to write it, e.g. `:load FILE`.
        public var usage: String {
            switch argument {
            case .nothing: return ":" + rawValue
            case .optionalName: return ":\(rawValue) [NAME]"
            case .path: return ":\(rawValue) FILE"
            case .entry: return ":\(rawValue) ENTRY"
            }
        }

        /// One line saying what it does.
        public var summary: String {
            switch self {
            case .help: return "list the commands and builtins, or describe one builtin"
            case .load: return "run a .sam file into the session"
            case .vars: return "list the session's names and their values"
            case .reset: return "forget every name (a fresh interpreter)"
            case .time: return "run an entry and print its wall time"
            case .quit: return "leave the REPL (also Ctrl-D on an empty line)"
            }
        }
    }

    /// A malformed command line, with a hint.
    public struct ParseError: Error, Equatable, CustomStringConvertible {
        /// What is wrong.
        public var message: String
        /// How to fix it.
        public var hint: String?

        public var description: String { "error: \(message)" + (hint.map { "\nhint: \($0)" } ?? "") }
    }

    /// Whether a line is a command rather than code: its first non-blank character is `:`.
    public static func isCommand(_ line: String) -> Bool {
        line.first { !$0.isWhitespace } == ":"
    }

    /// The commands' usage lines, for `:help`.
    public static var overview: String {
        let width = Name.allCases.map(\.usage.count).max() ?? 0
        return (["commands:"] + Name.allCases.map { "  " + $0.usage.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + $0.summary })
            .joined(separator: "\n")
    }

    /// Parses a command line (see ``isCommand(_:)``).
    public static func parse(_ line: String) -> Result<MetaCommand, ParseError> {
        let text = line.drop { $0.isWhitespace }.dropFirst()
        let word = String(text.prefix { !$0.isWhitespace })
        let rest = text.dropFirst(word.count).trimmingWhitespace()
        guard let name = Name(rawValue: word) else {
            let known = Name.allCases.map(\.rawValue)
            let suggestion = EditDistance.closest(to: word, among: known).map { "did you mean ':\($0)'? " } ?? ""
            return .failure(ParseError(message: word.isEmpty ? "expected a command name after ':'" : "unknown command ':\(word)'",
                                       hint: suggestion + ":help lists the commands"))
        }
        switch (name.argument, rest.isEmpty) {
        case (.nothing, false):
            return .failure(ParseError(message: ":\(word) takes no argument", hint: "usage: \(name.usage)"))
        case (.path, true), (.entry, true):
            return .failure(ParseError(message: ":\(word) needs an argument", hint: "usage: \(name.usage)"))
        default:
            break
        }
        switch name {
        case .help: return .success(.help(rest.isEmpty ? nil : rest))
        case .load: return .success(.load(unquoted(rest)))
        case .time: return .success(.time(rest))
        case .vars: return .success(.vars)
        case .reset: return .success(.reset)
        case .quit: return .success(.quit)
        }
    }

    /// A path as typed, without surrounding double quotes if it has them.
    private static func unquoted(_ path: String) -> String {
        guard path.count >= 2, path.hasPrefix("\""), path.hasSuffix("\"") else { return path }
        return String(path.dropFirst().dropLast())
    }
}

extension StringProtocol {
    /// The text without leading and trailing whitespace.
    func trimmingWhitespace() -> String {
        String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}
