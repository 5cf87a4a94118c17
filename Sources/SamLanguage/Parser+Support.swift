/// Token navigation, error reporting and the nesting guard of ``Parser``.
extension Parser {
    // MARK: - Navigation

    /// The current token.
    var peek: Token { tokens[current] }

    /// The token after the current one (the end-of-input token if there is none).
    var peekNext: Token { tokens[min(current + 1, tokens.count - 1)] }

    /// Consumes and returns the current token (never moves past the end of input).
    @discardableResult
    func advance() -> Token {
        let token = tokens[current]
        if current < tokens.count - 1 { current += 1 }
        return token
    }

    /// Consumes the current token if it is `symbol`.
    func match(_ symbol: Symbol) -> Bool {
        guard peek.isSymbol(symbol) else { return false }
        advance()
        return true
    }

    /// Consumes the current token if it is `keyword`.
    func match(_ keyword: Keyword) -> Bool {
        guard peek.isKeyword(keyword) else { return false }
        advance()
        return true
    }

    func isSeparator(_ token: Token) -> Bool {
        token.kind == .newline || token.isSymbol(.semicolon)
    }

    /// Skips line breaks and `;`.
    func skipSeparators() {
        while isSeparator(peek) { advance() }
    }

    /// Skips line breaks (inside record literals, where they do not separate anything).
    func skipNewlines() {
        while peek.kind == .newline { advance() }
    }

    // MARK: - Expectations

    /// Consumes `symbol` or reports "expected 'symbol' <context> at <token>".
    @discardableResult
    func expect(_ symbol: Symbol, _ context: String, hint: String? = nil) throws -> Token {
        guard peek.isSymbol(symbol) else { throw error("expected '\(symbol.rawValue)' \(context)", hint: hint) }
        return advance()
    }

    /// Consumes the closing bracket `symbol`; if it is missing, the error carries a note pointing at
    /// the opening bracket.
    @discardableResult
    func expectClosing(_ symbol: Symbol, opening: Token, _ context: String) throws -> Token {
        guard peek.isSymbol(symbol) else {
            let note = Diagnostic.note("to match this '\(file.text(in: opening.range))'", file: file, range: opening.range)
            throw error("expected '\(symbol.rawValue)' \(context)", notes: [note])
        }
        return advance()
    }

    /// Consumes an identifier or reports "expected a name <context>".
    func expectIdentifier(_ context: String, hint: String? = nil) throws -> Identifier {
        guard let name = peek.identifierName else {
            var hint = hint
            if case .keyword(let keyword) = peek.kind {
                hint = "'\(keyword.rawValue)' is a reserved word and cannot be used as a name"
            }
            throw error("expected a name \(context)", hint: hint)
        }
        let token = advance()
        return Identifier(name, token.range)
    }

    /// Consumes the contextual word `word` (an identifier) or reports an error.
    @discardableResult
    func expectContextual(_ word: ContextualKeyword, _ context: String, hint: String? = nil) throws -> Token {
        guard peek.isContextual(word) else { throw error("expected '\(word.rawValue)' \(context)", hint: hint) }
        return advance()
    }

    // MARK: - Errors

    /// Records a syntax error at the current token and returns the error to throw.
    ///
    /// At the end of input the kind is ``DiagnosticKind/unexpectedEndOfInput``; errors at a token the
    /// lexer already rejected, and repeated end-of-input errors, are not recorded again.
    func error(_ message: String, hint: String? = nil, notes: [Diagnostic] = []) -> Abort {
        error(message, at: peek, hint: hint, notes: notes)
    }

    /// Records a syntax error at `token` and returns the error to throw.
    func error(_ message: String, at token: Token, hint: String? = nil, notes: [Diagnostic] = []) -> Abort {
        switch token.kind {
        case .invalid:
            break
        case .endOfInput:
            if !reportedEndOfInput {
                reportedEndOfInput = true
                diagnostics.append(Diagnostic(.error, .unexpectedEndOfInput, "\(message) at end of input",
                                              file: file, range: token.range, hint: hint, notes: notes))
            }
        default:
            diagnostics.append(Diagnostic(.error, .syntax, "\(message) at \(describe(token))",
                                          file: file, range: token.range, hint: hint, notes: notes))
        }
        return Abort()
    }

    /// Records an error about a whole range (not tied to one token), e.g. an invalid assignment target.
    func error(_ message: String, range: SourceRange, hint: String? = nil) -> Abort {
        diagnostics.append(Diagnostic(.error, .syntax, message, file: file, range: range, hint: hint))
        return Abort()
    }

    /// How a token is named in messages: `'x'`, `end of line`, `end of input`.
    func describe(_ token: Token) -> String {
        switch token.kind {
        case .newline: return "end of line"
        case .endOfInput: return "end of input"
        default:
            var text = file.text(in: token.range)
            if let lineBreak = text.firstIndex(of: "\n") { text = String(text[..<lineBreak]) + "…" }
            if text.count > 30 { text = String(text.prefix(30)) + "…" }
            return "'\(text)'"
        }
    }

    // MARK: - Nesting guard

    /// Enters one nesting level, or reports ``DiagnosticKind/nestingTooDeep`` and aborts.
    func enter() throws {
        guard depth < Parser.maxNestingDepth else {
            if peek.kind != .endOfInput {
                diagnostics.append(Diagnostic(
                    .error, .nestingTooDeep,
                    "expression or block nested too deeply (more than \(Parser.maxNestingDepth) levels) at \(describe(peek))",
                    file: file, range: peek.range, hint: "split it with intermediate 'let' bindings"))
            }
            reportedEndOfInput = true
            throw Abort()
        }
        depth += 1
    }

    /// Leaves a nesting level entered with ``enter()``.
    func leave() {
        depth -= 1
    }
}
