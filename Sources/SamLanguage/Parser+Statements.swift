/// The statement rules of ``Parser``.
extension Parser {
    /// Parses one statement.
    ///
    ///     statement = letStatement | functionDeclaration | ifStatement | forStatement | whileStatement
    ///               | returnStatement | assertStatement | paramStatement | importStatement
    ///               | plotStatement | saveStatement | assignmentOrExpression ;
    func statement() throws -> Stmt {
        switch peek.kind {
        case .keyword(.let): return try letStatement()
        case .keyword(.fn) where peekNext.identifierName != nil: return try functionDeclaration()
        case .keyword(.if): return try ifStatement()
        case .keyword(.for): return try forStatement()
        case .keyword(.while): return try whileStatement()
        case .keyword(.return): return try returnStatement()
        case .keyword(.assert): return try assertStatement()
        case .keyword(.param): return try paramStatement()
        case .keyword(.import): return try importStatement()
        case .keyword(.plot): return try plotStatement()
        case .keyword(.save): return try saveStatement()
        case .keyword(.else):
            throw error("'else' must follow the '}' of an 'if' block", hint: "write '} else {' on one line")
        default: return try assignmentOrExpression()
        }
    }

    /// Parses a binding.
    ///
    ///     letStatement = "let" IDENTIFIER "=" expression ;
    func letStatement() throws -> Stmt {
        let keyword = advance()
        let name = try expectIdentifier("after 'let'")
        try expect(.assign, "after the name in 'let'")
        let value = try expression()
        return Stmt(.let(name, value), keyword.range.union(value.range))
    }

    /// Parses a named function declaration.
    ///
    ///     functionDeclaration = "fn" IDENTIFIER parameters functionBody ;
    func functionDeclaration() throws -> Stmt {
        let keyword = advance()
        let name = try expectIdentifier("after 'fn'")
        let function = try functionRest(start: keyword)
        return Stmt(.function(name, function), keyword.range.union(function.range))
    }

    /// Parses a parameter list.
    ///
    ///     parameters = "(" [ parameter { "," parameter } [ "," ] ] ")" ;
    ///     parameter = IDENTIFIER [ ":" expression ] ;
    func parameters() throws -> [Parameter] {
        let open = try expect(.leftParen, "to start the parameter list")
        var result: [Parameter] = []
        while !peek.isSymbol(.rightParen) && peek.kind != .endOfInput {
            let name = try expectIdentifier("for a parameter")
            var defaultValue: Expr?
            if match(.colon) { defaultValue = try expression() }
            result.append(Parameter(name: name, defaultValue: defaultValue))
            if !match(.comma) { break }
        }
        try expectClosing(.rightParen, opening: open, "after the parameters")
        return result
    }

    /// Parses a function body.
    ///
    ///     functionBody = block | "=>" expression ;
    func functionBody() throws -> FunctionBody {
        if match(.arrow) { return .expression(try expression()) }
        guard peek.isSymbol(.leftBrace) else { throw error("expected '{' or '=>' to start the function body") }
        return .block(try block("to start the function body"))
    }

    /// Parses the parameters and body after `fn` (and the name, for a declaration).
    func functionRest(start: Token) throws -> FunctionLiteral {
        let parameters = try parameters()
        let body = try functionBody()
        let end: SourceRange
        switch body {
        case .block(let block): end = block.range
        case .expression(let expression): end = expression.range
        }
        return FunctionLiteral(parameters: parameters, body: body, range: start.range.union(end))
    }

    /// Parses a conditional. A line break between `}` and `else` is allowed.
    ///
    ///     ifStatement = "if" expression block [ "else" ( ifStatement | block ) ] ;
    func ifStatement() throws -> Stmt {
        let keyword = advance()
        let statement = try ifRest(keyword: keyword)
        return Stmt(.if(statement.0), keyword.range.union(statement.1))
    }

    private func ifRest(keyword: Token) throws -> (IfStatement, SourceRange) {
        let condition = try expression()
        let thenBlock = try block("after the condition of 'if'")
        var end = thenBlock.range
        var elseBranch: ElseBranch?
        var lookahead = current
        while tokens[lookahead].kind == .newline { lookahead += 1 }
        if tokens[lookahead].isKeyword(.else) {
            current = lookahead
            advance()
            if peek.isKeyword(.if) {
                let elseIfKeyword = advance()
                let (nested, nestedEnd) = try ifRest(keyword: elseIfKeyword)
                let range = elseIfKeyword.range.union(nestedEnd)
                elseBranch = .elseIf(nested, range)
                end = range
            } else {
                let elseBlock = try block("or 'if' after 'else'")
                elseBranch = .block(elseBlock)
                end = elseBlock.range
            }
        }
        return (IfStatement(condition: condition, thenBlock: thenBlock, elseBranch: elseBranch), keyword.range.union(end))
    }

    /// Parses a loop over a sequence.
    ///
    ///     forStatement = "for" IDENTIFIER "in" expression block ;
    func forStatement() throws -> Stmt {
        let keyword = advance()
        let name = try expectIdentifier("after 'for'")
        guard match(.in) else { throw error("expected 'in' after the loop variable") }
        let sequence = try expression()
        let body = try block("after the sequence of 'for'")
        return Stmt(.for(name, sequence, body), keyword.range.union(body.range))
    }

    /// Parses a conditional loop.
    ///
    ///     whileStatement = "while" expression block ;
    func whileStatement() throws -> Stmt {
        let keyword = advance()
        let condition = try expression()
        let body = try block("after the condition of 'while'")
        return Stmt(.while(condition, body), keyword.range.union(body.range))
    }

    /// Parses a return; the value is absent when the statement ends right after `return`.
    ///
    ///     returnStatement = "return" [ expression ] ;
    func returnStatement() throws -> Stmt {
        let keyword = advance()
        if isSeparator(peek) || peek.isSymbol(.rightBrace) || peek.kind == .endOfInput {
            return Stmt(.return(nil), keyword.range)
        }
        let value = try expression()
        return Stmt(.return(value), keyword.range.union(value.range))
    }

    /// Parses an assertion with an optional message.
    ///
    ///     assertStatement = "assert" expression [ "," expression ] ;
    func assertStatement() throws -> Stmt {
        let keyword = advance()
        let condition = try expression()
        var message: Expr?
        if match(.comma) { message = try expression() }
        return Stmt(.assert(condition, message: message), keyword.range.union(message?.range ?? condition.range))
    }

    /// Parses an import of another file.
    ///
    ///     importStatement = "import" STRING ;
    func importStatement() throws -> Stmt {
        let keyword = advance()
        guard case .string(let path) = peek.kind else {
            throw error("expected a file path string after 'import'", hint: "write import \"other.sam\"")
        }
        let pathToken = advance()
        return Stmt(.import(path: path, pathRange: pathToken.range), keyword.range.union(pathToken.range))
    }

    /// Parses an assignment (`name = e`, `name += e`, ...) or an expression statement.
    ///
    ///     assignmentOrExpression = IDENTIFIER assignOperator expression | expression ;
    ///     assignOperator = "=" | "+=" | "-=" | "*=" | "/=" ;
    func assignmentOrExpression() throws -> Stmt {
        let target = try expression()
        let compound: [Symbol: BinaryOperator] = [
            .plusAssign: .add, .minusAssign: .subtract, .starAssign: .multiply, .slashAssign: .divide,
        ]
        guard case .symbol(let symbol) = peek.kind, symbol == .assign || compound[symbol] != nil else {
            if case .name(let name) = target.kind, !isSeparator(peek), peek.kind != .endOfInput,
               let keyword = EditDistance.closest(to: name, among: Lexer.keywords) {
                // `retrun x`, `lett x = 1`: a misspelled keyword followed by more of its statement.
                throw error("expected end of statement", hint: "did you mean '\(keyword)'?")
            }
            return Stmt(.expression(target), target.range)
        }
        guard case .name(let name) = target.kind else {
            throw error("only a name can be assigned to", range: target.range,
                        hint: "lists and records are values: build a new one and assign it to a name")
        }
        advance()
        let value = try expression()
        return Stmt(.assign(Identifier(name, target.range), operator: compound[symbol], value),
                    target.range.union(value.range))
    }
}
