/// Turns a ``SourceFile`` into ``Token``s.
///
/// Line breaks are significant: they separate statements, like `;`. A line break produces a
/// ``TokenKind/newline`` token except
/// - inside `(` … `)` and `[` … `]` (the innermost open bracket decides, so a `{` block inside a call's
///   parentheses still separates its statements by line breaks),
/// - after a token that cannot end a statement: a binary operator, `,`, `.`, `:`, `=`, `=>`, a compound
///   assignment, `not` or `in` — so a line ending in `+` or `,` continues on the next line,
/// - at the start of the input and after another line break (runs of blank lines give one token).
///
/// Errors (unexpected characters, bad escapes, malformed numbers, unterminated strings) are reported
/// as diagnostics; the lexer always runs to the end and ends the token list with
/// ``TokenKind/endOfInput``.
public struct Lexer {
    /// The reserved words, in declaration order (see ``Keyword``).
    public static let keywords: [String] = Keyword.allCases.map(\.rawValue)

    /// The contextual words of the domain forms (see ``ContextualKeyword``).
    public static let contextualKeywords: [String] = ContextualKeyword.allCases.map(\.rawValue)

    /// The result of lexing a file.
    public struct Result: Sendable {
        /// The tokens, ending with ``TokenKind/endOfInput``.
        public var tokens: [Token]
        /// Lexical errors, in source order.
        public var diagnostics: [Diagnostic]
    }

    private static let keywordTable: [String: Keyword] = Dictionary(
        uniqueKeysWithValues: Keyword.allCases.map { ($0.rawValue, $0) })

    /// Symbols after which a line break does not end the statement.
    private static let continuationSymbols: Set<Symbol> = [
        .comma, .dot, .colon, .assign, .arrow, .plusAssign, .minusAssign, .starAssign, .slashAssign,
        .plus, .minus, .star, .slash, .percent, .power, .at,
        .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual, .halfOpenRange, .closedRange,
    ]

    /// The symbols by their first byte, longest first so that maximal munch picks `..<` before `.`.
    private static let symbolsByFirstByte: [UInt8: [Symbol]] = Dictionary(
        grouping: Symbol.allCases.sorted { $0.rawValue.count > $1.rawValue.count }, by: { $0.rawValue.utf8.first! })

    let file: SourceFile
    let bytes: [UInt8]
    var position = 0
    var tokens: [Token] = []
    var diagnostics: [Diagnostic] = []
    /// The open brackets, innermost last: `(`, `[` or `{`.
    var openBrackets: [Symbol] = []
    /// Whether a line break has been seen since the last token.
    var atLineStart = true

    /// Creates a lexer for a file.
    public init(file: SourceFile) {
        self.file = file
        self.bytes = file.utf8
    }

    /// Lexes a whole file.
    public static func tokenize(_ file: SourceFile) -> Result {
        var lexer = Lexer(file: file)
        return lexer.tokenize()
    }

    /// Lexes the whole file.
    public mutating func tokenize() -> Result {
        tokens.reserveCapacity(bytes.count / 3)
        while let byte = peekByte() {
            let start = position
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                position += 1
            case UInt8(ascii: "\n"):
                position += 1
                addNewline(SourceRange(start, position))
            case UInt8(ascii: "#"):
                while let next = peekByte(), next != UInt8(ascii: "\n") { position += 1 }
            case UInt8(ascii: "\""):
                lexString()
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                lexNumber()
            default:
                if Lexer.isIdentifierStart(byte) {
                    lexIdentifier()
                } else if let symbol = matchSymbol() {
                    add(.symbol(symbol), SourceRange(start, position))
                    trackBrackets(symbol)
                } else {
                    lexUnexpectedCharacter()
                }
            }
        }
        tokens.append(Token(.endOfInput, file.endRange))
        return Result(tokens: tokens, diagnostics: diagnostics)
    }

    // MARK: - Tokens and line breaks

    mutating func add(_ kind: TokenKind, _ range: SourceRange) {
        tokens.append(Token(kind, range))
        atLineStart = false
    }

    private mutating func addNewline(_ range: SourceRange) {
        atLineStart = true
        if let top = openBrackets.last, top != .leftBrace { return }
        guard let last = tokens.last else { return }
        switch last.kind {
        case .newline: return
        case .symbol(let symbol) where Lexer.continuationSymbols.contains(symbol): return
        case .keyword(.and), .keyword(.or), .keyword(.not), .keyword(.in): return
        default: tokens.append(Token(.newline, range))
        }
    }

    /// Keywords that can only start a statement, so never appear directly inside `(` or `[`.
    private static let statementOnlyKeywords: Set<Keyword> = [
        .let, .if, .else, .for, .while, .return, .assert, .param, .import, .plot, .save,
    ]

    /// Error recovery for a `(` or `[` left open: a statement-only keyword cannot be inside it, so the
    /// brackets are taken as unclosed (the parser reports them) and line breaks count again from here.
    private mutating func closeUnterminatedBrackets(before range: SourceRange) {
        guard let top = openBrackets.last, top != .leftBrace else { return }
        while let last = openBrackets.last, last != .leftBrace { openBrackets.removeLast() }
        if atLineStart {
            addNewline(SourceRange(range.lowerBound, range.lowerBound))
        }
    }

    private mutating func trackBrackets(_ symbol: Symbol) {
        switch symbol {
        case .leftParen, .leftBracket, .leftBrace:
            openBrackets.append(symbol)
        case .rightParen, .rightBracket, .rightBrace:
            if !openBrackets.isEmpty { openBrackets.removeLast() }
        default:
            break
        }
    }

    // MARK: - Identifiers, symbols, stray characters

    static func isIdentifierStart(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) || byte == UInt8(ascii: "_")
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private mutating func lexIdentifier() {
        let start = position
        while let byte = peekByte(), Lexer.isIdentifierStart(byte) || Lexer.isDigit(byte) { position += 1 }
        let name = String(decoding: bytes[start..<position], as: UTF8.self)
        let range = SourceRange(start, position)
        if let keyword = Lexer.keywordTable[name] {
            if Lexer.statementOnlyKeywords.contains(keyword) { closeUnterminatedBrackets(before: range) }
            add(.keyword(keyword), range)
        } else {
            add(.identifier(name), range)
        }
    }

    private mutating func matchSymbol() -> Symbol? {
        guard let candidates = Lexer.symbolsByFirstByte[bytes[position]] else { return nil }
        for symbol in candidates where hasPrefix(symbol.rawValue) {
            position += symbol.rawValue.utf8.count
            return symbol
        }
        return nil
    }

    private mutating func lexUnexpectedCharacter() {
        let start = position
        let hint: String?
        if hasPrefix("&&") {
            position += 2
            hint = "use 'and' for logical and"
        } else if hasPrefix("||") {
            position += 2
            hint = "use 'or' for logical or"
        } else if hasPrefix("..") {
            position += 2
            hint = "use '..<' for a half-open range or '...' for a closed range"
        } else {
            position += Lexer.scalarLength(leadingByte: bytes[position])
            position = min(position, bytes.count)
            switch bytes[start] {
            case UInt8(ascii: "!"): hint = "use 'not' for logical negation"
            case UInt8(ascii: "'"): hint = "strings use double quotes"
            default: hint = nil
            }
        }
        let range = SourceRange(start, position)
        report(.unexpectedCharacter, "unexpected character '\(file.text(in: range))'", range, hint: hint)
        add(.invalid, range)
    }

    // MARK: - Helpers

    func peekByte(_ offset: Int = 0) -> UInt8? {
        position + offset < bytes.count ? bytes[position + offset] : nil
    }

    func hasPrefix(_ string: String) -> Bool {
        var index = position
        for byte in string.utf8 {
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
        }
        return true
    }

    /// The number of bytes of the UTF-8 sequence starting with `byte` (1 for a stray continuation byte).
    static func scalarLength(leadingByte byte: UInt8) -> Int {
        if byte < 0xC0 { return 1 }
        if byte < 0xE0 { return 2 }
        if byte < 0xF0 { return 3 }
        return 4
    }

    mutating func report(_ kind: DiagnosticKind, _ message: String, _ range: SourceRange, hint: String? = nil) {
        diagnostics.append(Diagnostic(.error, kind, message, file: file, range: range, hint: hint))
    }
}
