/// A reserved word of the language. Reserved words can never be used as names.
///
/// The raw value is the spelling. ``Lexer/keywords`` lists them all, and `grammar/sam.tmLanguage.json`
/// must highlight exactly this list (a test keeps the two equal).
public enum Keyword: String, CaseIterable, Sendable {
    case `let`, `fn`, `if`, `else`, `for`, `in`, `while`, `return`
    case `assert`, `import`, `param`
    case `train`, `sweep`, `plot`, `save`
    case `and`, `or`, `not`
    case `true`, `false`, `none`
}

/// A contextual word: an ordinary identifier that has a special meaning only in one position of a
/// domain form (`train M on D`, `plot X to P`, `probe every N steps`, `probe at L`, `probe log(...)`).
/// Everywhere else it is a plain name, so `steps:`, `log(x)` or `param probe = "v.npz"` keep working
/// (`probe` starts a probe clause only as an item of a train block not followed by `=`).
public enum ContextualKeyword: String, CaseIterable, Sendable {
    case on, to, every, at, steps, seconds, log, probe
}

/// An operator or punctuation symbol. The raw value is the spelling.
public enum Symbol: String, CaseIterable, Sendable {
    case leftParen = "(", rightParen = ")"
    case leftBracket = "[", rightBracket = "]"
    case leftBrace = "{", rightBrace = "}"
    case comma = ",", dot = ".", colon = ":", semicolon = ";"
    case assign = "=", arrow = "=>"
    case plusAssign = "+=", minusAssign = "-=", starAssign = "*=", slashAssign = "/="
    case plus = "+", minus = "-", star = "*", slash = "/", percent = "%", power = "**", at = "@"
    case equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
    case halfOpenRange = "..<", closedRange = "..."
}

/// What a token is, with its literal value where it has one.
public enum TokenKind: Hashable, Sendable {
    /// A name: `[A-Za-z_][A-Za-z0-9_]*` that is not a ``Keyword``.
    case identifier(String)
    /// An integer literal such as `3` or `1_000`.
    case integer(Int)
    /// A floating-point literal such as `0.5` or `1e-3`.
    case float(Double)
    /// A string literal, with escapes already decoded.
    case string(String)
    /// A reserved word.
    case keyword(Keyword)
    /// An operator or punctuation symbol.
    case symbol(Symbol)
    /// A statement-separating line break (see the lexical grammar for when line breaks are dropped).
    case newline
    /// A character sequence the lexer rejected; a diagnostic has already been reported for it.
    case invalid
    /// The end of the input.
    case endOfInput
}

/// One token: its kind and the source range it spans.
public struct Token: Equatable, Sendable {
    /// What the token is.
    public var kind: TokenKind
    /// Where it is.
    public var range: SourceRange

    /// Creates a token.
    public init(_ kind: TokenKind, _ range: SourceRange) {
        self.kind = kind
        self.range = range
    }

    /// Whether this token is the given symbol.
    public func isSymbol(_ symbol: Symbol) -> Bool { kind == .symbol(symbol) }

    /// Whether this token is the given keyword.
    public func isKeyword(_ keyword: Keyword) -> Bool { kind == .keyword(keyword) }

    /// Whether this token is an identifier spelled like the given contextual keyword.
    public func isContextual(_ word: ContextualKeyword) -> Bool { kind == .identifier(word.rawValue) }

    /// The identifier's name, if this token is an identifier.
    public var identifierName: String? {
        if case .identifier(let name) = kind { return name }
        return nil
    }
}
