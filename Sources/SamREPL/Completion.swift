import Foundation

/// What the ``Completer`` may complete from: the language's words, the builtins and the session.
///
/// The REPL session provides the real one; tests provide fixed lists. Nothing here may have side
/// effects: completion reads bindings, it never runs code.
public protocol CompletionSource {
    /// Reserved and contextual keywords.
    var keywords: [String] { get }
    /// Builtin functions, constants and probes.
    var builtinNames: [String] { get }
    /// The names the session has bound.
    var sessionNames: [String] { get }
    /// The parameter names of the function (builtin, probe or session function) called `name`, or `nil`.
    func parameterNames(of name: String) -> [String]?
    /// The field names of the record or native object reached by `path` (`["run", "final"]` for
    /// `run.final`), or `nil` when the path does not lead to a value with fields.
    func fieldNames(of path: [String]) -> [String]?
    /// The entries of a directory (relative paths from the current directory), with whether each is a
    /// directory itself.
    func directoryEntries(_ directory: String) -> [(name: String, isDirectory: Bool)]
}

extension CompletionSource {
    /// Lists a directory of the file system; an unreadable directory has no entries.
    public func directoryEntries(_ directory: String) -> [(name: String, isDirectory: Bool)] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.map { name in
            var isDirectory: ObjCBool = false
            let path = (directory as NSString).appendingPathComponent(name)
            return (name, FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue)
        }
    }
}

/// One completion candidate: the complete word, and what kind of word it is.
public struct CompletionCandidate: Hashable, Sendable {
    /// What a candidate completes to, which decides what follows it.
    public enum Kind: Int, Hashable, Sendable, Comparable {
        /// A named argument, written `name:` (a space follows).
        case parameter
        /// A meta-command such as `:load` (a space follows).
        case command
        /// A keyword (a space follows).
        case keyword
        /// A builtin or session name (nothing follows: a `(`, `.` or operator may come next).
        case name
        /// A record or native-object field.
        case field
        /// A directory inside a path (ends in `/`; completion continues inside it).
        case directory
        /// A file inside a path.
        case file

        public static func < (lhs: Kind, rhs: Kind) -> Bool { lhs.rawValue < rhs.rawValue }

        /// The text inserted after the word when it is the only candidate.
        public var terminator: String? {
            switch self {
            case .parameter, .command, .keyword: return " "
            case .name, .field, .directory, .file: return nil
            }
        }
    }

    /// The whole word, including the part already typed.
    public var text: String
    /// What kind of word it is.
    public var kind: Kind

    /// Creates a candidate.
    public init(_ text: String, _ kind: Kind) {
        self.text = text
        self.kind = kind
    }
}

/// The answer to a completion request: where the word being completed starts, and the candidates.
public struct Completion: Equatable, Sendable {
    /// The UTF-8 offset in the line where the word being completed starts. Every candidate begins with
    /// the text typed from there to the cursor.
    public var start: Int
    /// The candidates, sorted, without duplicates.
    public var candidates: [CompletionCandidate]

    /// Creates a completion; candidates are sorted by text and made unique (the first kind wins, in the
    /// order of ``CompletionCandidate/Kind``).
    public init(start: Int, candidates: [CompletionCandidate]) {
        self.start = start
        var seen: Set<String> = []
        self.candidates = candidates.sorted { ($0.text, $0.kind) < ($1.text, $1.kind) }.filter { seen.insert($0.text).inserted }
    }

    /// No candidates.
    public static func none(at offset: Int) -> Completion { Completion(start: offset, candidates: []) }

    /// The candidates' texts.
    public var texts: [String] { candidates.map(\.text) }

    /// What follows the completed word when there is exactly one candidate.
    public var terminator: String? { candidates.count == 1 ? candidates[0].kind.terminator : nil }

    /// The candidates as replacements of the word that starts at `wordStart` instead of ``start``
    /// (line editors find words with their own rules): longer by the text between the two when the
    /// word starts earlier, shorter by it when it starts later.
    public func texts(forWordStart wordStart: Int, in line: String) -> [String] {
        let bytes = Array(line.utf8)
        guard wordStart != start, (0...bytes.count).contains(wordStart), start <= bytes.count else { return texts }
        if wordStart < start {
            let extra = String(decoding: bytes[wordStart..<start], as: UTF8.self)
            return texts.map { extra + $0 }
        }
        let typed = Array(bytes[start..<wordStart])
        return candidates.compactMap { candidate in
            let text = Array(candidate.text.utf8)
            guard text.starts(with: typed) else { return nil }
            return String(decoding: text[typed.count...], as: UTF8.self)
        }
    }
}
