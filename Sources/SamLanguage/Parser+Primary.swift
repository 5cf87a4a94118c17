/// The primary-expression rules of ``Parser``: literals, names, grouping, lists, records, functions.
extension Parser {
    /// Parses a primary expression.
    ///
    ///     primary = INTEGER | FLOAT | STRING | "true" | "false" | "none" | IDENTIFIER
    ///             | "(" expression ")" | list | record | function
    ///             | "train" | trainForm | sweepForm ;
    ///
    /// `"train"` alone (a reference to the builtin, to be called) is chosen when `(` follows it;
    /// otherwise `train` starts a train form.
    func primary() throws -> Expr {
        let token = peek
        switch token.kind {
        case .integer(let value): advance(); return Expr(.integer(value), token.range)
        case .float(let value): advance(); return Expr(.float(value), token.range)
        case .string(let value): advance(); return Expr(.string(value), token.range)
        case .keyword(.true): advance(); return Expr(.bool(true), token.range)
        case .keyword(.false): advance(); return Expr(.bool(false), token.range)
        case .keyword(.none): advance(); return Expr(.none, token.range)
        case .identifier(let name): advance(); return Expr(.name(name), token.range)
        case .symbol(.leftParen):
            advance()
            let inner = try expression()
            let close = try expectClosing(.rightParen, opening: token, "after the expression")
            return Expr(inner.kind, token.range.union(close.range))
        case .symbol(.leftBracket): return try list()
        case .symbol(.leftBrace): return try record()
        case .keyword(.fn): return try function()
        case .keyword(.train) where peekNext.isSymbol(.leftParen):
            advance()
            return Expr(.name(TrainForm.builtinName), token.range)
        case .keyword(.train): return try trainForm()
        case .keyword(.sweep): return try sweepForm()
        default:
            throw error("expected an expression")
        }
    }

    /// Parses a list literal.
    ///
    ///     list = "[" [ expression { "," expression } [ "," ] ] "]" ;
    func list() throws -> Expr {
        let open = advance()
        var elements: [Expr] = []
        while !peek.isSymbol(.rightBracket) && peek.kind != .endOfInput {
            elements.append(try expression())
            if !match(.comma) { break }
        }
        let close = try expectClosing(.rightBracket, opening: open, "after the list elements")
        return Expr(.list(elements), open.range.union(close.range))
    }

    /// Parses a record literal; line breaks inside it are ignored.
    ///
    ///     record = "{" [ recordField { "," recordField } [ "," ] ] "}" ;
    ///     recordField = IDENTIFIER ":" expression ;
    func record() throws -> Expr {
        try enter()
        defer { leave() }
        let open = advance()
        var fields: [RecordField] = []
        skipNewlines()
        while !peek.isSymbol(.rightBrace) && peek.kind != .endOfInput {
            let name = try expectIdentifier("for a record field")
            try expect(.colon, "after the field name")
            let value = try expression()
            fields.append(RecordField(name: name, value: value))
            skipNewlines()
            if !match(.comma) { break }
            skipNewlines()
        }
        let close = try expectClosing(.rightBrace, opening: open, "after the record fields")
        return Expr(.record(fields), open.range.union(close.range))
    }

    /// Parses an anonymous function.
    ///
    ///     function = "fn" parameters functionBody ;
    func function() throws -> Expr {
        let keyword = advance()
        let literal = try functionRest(start: keyword)
        return Expr(.function(literal), literal.range)
    }
}
