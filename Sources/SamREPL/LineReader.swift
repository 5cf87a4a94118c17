/// What one attempt to read a line produced.
public enum LineInput: Equatable, Sendable {
    /// A line of text, without its line terminator. A recalled multi-line history item may contain `\n`.
    case line(String)
    /// Ctrl-C at the prompt: the line typed so far is discarded.
    case interrupted
    /// Ctrl-D on an empty line, or the end of the input stream.
    case endOfInput
}

/// Where the REPL gets its lines from: GNU readline on a terminal (``ReadlineLineReader``) or a plain
/// stream without prompts or line editing (``StreamLineReader``).
public protocol LineReader: AnyObject {
    /// Shows `prompt` (if the reader shows prompts) and reads one line.
    func readLine(prompt: String) -> LineInput

    /// Records a complete entry (all its lines, joined by `\n`) as one history item.
    func recordHistory(_ entry: String)
}

/// A ``LineReader`` over a stream of lines — standard input when it is not a terminal, or a fixed text
/// in tests. It shows no prompts and keeps no history, so `samlab repl < entries.sam` prints only what
/// the entries print, echo and report.
public final class StreamLineReader: LineReader {
    private let next: () -> String?

    /// Creates a reader that takes each line from `next` until it returns `nil`.
    public init(next: @escaping () -> String?) {
        self.next = next
    }

    /// A reader over the lines of `text` (a final line break is optional).
    public convenience init(text: String) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        var iterator = lines.makeIterator()
        self.init { iterator.next() }
    }

    /// A reader over the process's standard input.
    public static func standardInput() -> StreamLineReader {
        StreamLineReader { Swift.readLine(strippingNewline: true) }
    }

    public func readLine(prompt: String) -> LineInput {
        next().map(LineInput.line) ?? .endOfInput
    }

    public func recordHistory(_ entry: String) {}
}
