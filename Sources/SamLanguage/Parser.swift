/// A recursive-descent parser for `.sam`, one method per rule of `grammar/sam.ebnf`.
///
/// Each rule method's doc comment quotes the rule it implements. Syntax errors are recorded as
/// diagnostics that name the offending token ("at 'x'", "at end of line", "at end of input"); the
/// parser then skips to the next statement boundary (panic mode) and goes on, so one run reports every
/// syntax error of a file. An error at the end of input has kind ``DiagnosticKind/unexpectedEndOfInput``,
/// which the REPL uses to read continuation lines. Nesting deeper than ``maxNestingDepth`` is an error,
/// never a stack overflow.
public final class Parser {
    /// The deepest nesting of brackets, blocks, prefix operators and operator chains the parser accepts.
    public static let maxNestingDepth = 100

    /// The result of parsing: the tree (partial if there were errors) and the diagnostics.
    public struct Result<Node: Sendable>: Sendable {
        /// The syntax tree; statements with errors are left out.
        public var node: Node
        /// Lexical and syntax diagnostics, in source order.
        public var diagnostics: [Diagnostic]

        /// Whether the input is an unfinished prefix of valid input: its first error is an unexpected
        /// end of input (open bracket or block, trailing operator, unterminated string, ...). A REPL
        /// reads another line and parses again.
        public var isIncomplete: Bool {
            diagnostics.first { $0.severity == .error }?.isUnexpectedEndOfInput ?? false
        }
    }

    /// Thrown to unwind to the enclosing statement list after a syntax error has been recorded.
    struct Abort: Error {}

    let file: SourceFile
    let tokens: [Token]
    var current = 0
    var diagnostics: [Diagnostic] = []
    /// Whether an error at the end of input has been reported (later ones would only repeat it).
    var reportedEndOfInput = false
    /// The current nesting depth (see ``maxNestingDepth``).
    var depth = 0

    /// Lexes a file and prepares to parse it.
    public init(file: SourceFile) {
        let lexed = Lexer.tokenize(file)
        self.file = file
        self.tokens = lexed.tokens
        self.diagnostics = lexed.diagnostics
        self.reportedEndOfInput = lexed.diagnostics.contains { $0.isUnexpectedEndOfInput }
    }

    /// Parses a whole file (start rule `program`).
    public static func parseProgram(_ file: SourceFile) -> Result<Program> {
        let parser = Parser(file: file)
        return parser.finish(Program(file: file, statements: parser.program()))
    }

    /// Parses one REPL entry, possibly several lines (start rule `replEntry`). Check
    /// ``Result/isIncomplete`` to decide whether to read a continuation line.
    public static func parseReplEntry(_ file: SourceFile) -> Result<ReplEntry> {
        let parser = Parser(file: file)
        return parser.finish(ReplEntry(file: file, statements: parser.replEntry()))
    }

    private func finish<Node>(_ node: Node) -> Result<Node> {
        let sorted = diagnostics.enumerated().sorted {
            ($0.element.range.lowerBound, $0.offset) < ($1.element.range.lowerBound, $1.offset)
        }.map(\.element)
        return Result(node: node, diagnostics: sorted)
    }

    // MARK: - Start rules and statement lists

    /// Parses a file.
    ///
    ///     program = statements EOF ;
    func program() -> [Stmt] {
        statements(inBlock: false)
    }

    /// Parses a REPL entry; an entry of exactly one expression statement is an expression entry.
    ///
    ///     replEntry = statements EOF ;
    func replEntry() -> [Stmt] {
        statements(inBlock: false)
    }

    /// Parses statements up to `}` (in a block) or the end of input, recovering from errors.
    ///
    ///     statements = { separator | statement separator } [ statement ] ;
    ///     separator = NEWLINE | ";" ;
    func statements(inBlock: Bool) -> [Stmt] {
        itemList(inBlock: inBlock, what: "statement") { try self.statement() }
    }

    /// The shared loop of statement lists and train blocks: items separated by line breaks or `;`,
    /// ended by `}` (in a block) or the end of input. After an error it skips to the next boundary.
    func itemList<Item>(inBlock: Bool, what: String, parseItem: () throws -> Item) -> [Item] {
        var items: [Item] = []
        while true {
            skipSeparators()
            if peek.kind == .endOfInput || (inBlock && peek.isSymbol(.rightBrace)) { return items }
            let start = current
            do {
                items.append(try parseItem())
                if !isSeparator(peek) && peek.kind != .endOfInput && !(inBlock && peek.isSymbol(.rightBrace)) {
                    throw error("expected end of \(what)", hint: "put each \(what) on its own line or separate them with ';'")
                }
            } catch {
                synchronize(from: start, inBlock: inBlock)
            }
        }
    }

    /// Skips to the next statement boundary after an error: a line break or `;` outside the brackets
    /// opened since the failed statement began, or (in a block) the `}` closing the block.
    ///
    /// A line break inside an open `(` or `[` can only come from the lexer's recovery for an unclosed
    /// bracket (see ``Lexer``), so it closes those brackets here too.
    func synchronize(from start: Int, inBlock: Bool) {
        var open: [Symbol] = []
        for token in tokens[start..<current] { track(token, in: &open) }
        if current == start { advance() }
        while peek.kind != .endOfInput {
            if peek.kind == .newline {
                while let last = open.last, last != .leftBrace { open.removeLast() }
            }
            if open.isEmpty && isSeparator(peek) { advance(); return }
            if open.isEmpty && inBlock && peek.isSymbol(.rightBrace) { return }
            track(peek, in: &open)
            advance()
        }
    }

    private func track(_ token: Token, in open: inout [Symbol]) {
        switch token.kind {
        case .symbol(let symbol) where symbol == .leftParen || symbol == .leftBracket || symbol == .leftBrace:
            open.append(symbol)
        case .symbol(.rightParen), .symbol(.rightBracket), .symbol(.rightBrace):
            if !open.isEmpty { open.removeLast() }
        default:
            break
        }
    }

    /// Parses a brace-delimited statement list.
    ///
    ///     block = "{" statements "}" ;
    func block(_ context: String) throws -> Block {
        try enter()
        defer { leave() }
        let open = try expect(.leftBrace, context)
        let body = statements(inBlock: true)
        let close = try expectClosing(.rightBrace, opening: open, "to close the block")
        return Block(statements: body, range: open.range.union(close.range))
    }
}
