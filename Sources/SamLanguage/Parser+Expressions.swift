/// The expression rules of ``Parser``, from lowest to highest precedence.
extension Parser {
    /// Parses an expression.
    ///
    ///     expression = orExpr ;
    func expression() throws -> Expr {
        try enter()
        defer { leave() }
        return try orExpr()
    }

    /// Parses logical or. Each link of a left-associative chain counts as one nesting level, so a
    /// left-deep tree stays within ``Parser/maxNestingDepth`` (the same holds for the other chains).
    ///
    ///     orExpr = andExpr { "or" andExpr } ;
    func orExpr() throws -> Expr {
        var result = try andExpr()
        var links = 0
        defer { depth -= links }
        while peek.isKeyword(.or) {
            try enter()
            links += 1
            advance()
            let right = try andExpr()
            result = Expr(.binary(.or, result, right), result.range.union(right.range))
        }
        return result
    }

    /// Parses logical and.
    ///
    ///     andExpr = notExpr { "and" notExpr } ;
    func andExpr() throws -> Expr {
        var result = try notExpr()
        var links = 0
        defer { depth -= links }
        while peek.isKeyword(.and) {
            try enter()
            links += 1
            advance()
            let right = try notExpr()
            result = Expr(.binary(.and, result, right), result.range.union(right.range))
        }
        return result
    }

    /// Parses logical negation.
    ///
    ///     notExpr = "not" notExpr | comparison ;
    func notExpr() throws -> Expr {
        guard peek.isKeyword(.not) else { return try comparison() }
        try enter()
        defer { leave() }
        let keyword = advance()
        let operand = try notExpr()
        return Expr(.unary(.not, operand), keyword.range.union(operand.range))
    }

    private static let additiveOperators: [TokenKind: BinaryOperator] = [
        .symbol(.plus): .add, .symbol(.minus): .subtract,
    ]
    private static let multiplicativeOperators: [TokenKind: BinaryOperator] = [
        .symbol(.star): .multiply, .symbol(.slash): .divide, .symbol(.percent): .remainder,
        .symbol(.at): .matrixMultiply,
    ]
    private static let comparisonOperators: [TokenKind: BinaryOperator] = [
        .symbol(.equal): .equal, .symbol(.notEqual): .notEqual, .symbol(.less): .less,
        .symbol(.lessEqual): .lessEqual, .symbol(.greater): .greater, .symbol(.greaterEqual): .greaterEqual,
    ]

    /// Parses a comparison. Comparisons do not chain: `a < b < c` is an error.
    ///
    ///     comparison = rangeExpr [ ( "==" | "!=" | "<" | "<=" | ">" | ">=" ) rangeExpr ] ;
    func comparison() throws -> Expr {
        let left = try rangeExpr()
        guard let op = Parser.comparisonOperators[peek.kind] else { return left }
        advance()
        let right = try rangeExpr()
        if Parser.comparisonOperators[peek.kind] != nil {
            throw error("comparison operators cannot be chained", hint: "combine comparisons with 'and'")
        }
        return Expr(.binary(op, left, right), left.range.union(right.range))
    }

    /// Parses a range. Ranges do not chain.
    ///
    ///     rangeExpr = additive [ ( "..<" | "..." ) additive ] ;
    func rangeExpr() throws -> Expr {
        let lower = try additive()
        guard peek.isSymbol(.halfOpenRange) || peek.isSymbol(.closedRange) else { return lower }
        let inclusive = advance().isSymbol(.closedRange)
        let upper = try additive()
        if peek.isSymbol(.halfOpenRange) || peek.isSymbol(.closedRange) {
            throw error("range operators cannot be chained")
        }
        return Expr(.range(lower, upper, inclusive: inclusive), lower.range.union(upper.range))
    }

    /// Parses addition and subtraction.
    ///
    ///     additive = multiplicative { ( "+" | "-" ) multiplicative } ;
    func additive() throws -> Expr {
        var result = try multiplicative()
        var links = 0
        defer { depth -= links }
        while let op = Parser.additiveOperators[peek.kind] {
            try enter()
            links += 1
            advance()
            let right = try multiplicative()
            result = Expr(.binary(op, result, right), result.range.union(right.range))
        }
        return result
    }

    /// Parses multiplication, division, remainder and matrix product.
    ///
    ///     multiplicative = unary { ( "*" | "/" | "%" | "@" ) unary } ;
    func multiplicative() throws -> Expr {
        var result = try unary()
        var links = 0
        defer { depth -= links }
        while let op = Parser.multiplicativeOperators[peek.kind] {
            try enter()
            links += 1
            advance()
            let right = try unary()
            result = Expr(.binary(op, result, right), result.range.union(right.range))
        }
        return result
    }

    /// Parses arithmetic negation.
    ///
    ///     unary = "-" unary | power ;
    func unary() throws -> Expr {
        guard peek.isSymbol(.minus) else { return try power() }
        try enter()
        defer { leave() }
        let minus = advance()
        let operand = try unary()
        return Expr(.unary(.negate, operand), minus.range.union(operand.range))
    }

    /// Parses exponentiation: right-associative, and binding tighter than a unary minus on its left
    /// (`-2 ** 2` is `-(2 ** 2)`, `2 ** -1` is allowed).
    ///
    ///     power = postfix [ "**" unary ] ;
    func power() throws -> Expr {
        let base = try postfix()
        guard peek.isSymbol(.power) else { return base }
        try enter()
        defer { leave() }
        advance()
        let exponent = try unary()
        return Expr(.binary(.power, base, exponent), base.range.union(exponent.range))
    }

    /// Parses calls, field accesses and indexing after a primary expression.
    ///
    ///     postfix = primary { "(" [ arguments ] ")" | "." IDENTIFIER | "[" expression { "," expression } [ "," ] "]" } ;
    func postfix() throws -> Expr {
        var result = try primary()
        var links = 0
        defer { depth -= links }
        while peek.isSymbol(.leftParen) || peek.isSymbol(.dot) || peek.isSymbol(.leftBracket) {
            try enter()
            links += 1
            let token = advance()
            switch token.kind {
            case .symbol(.leftParen):
                let arguments = try argumentsUntilClose()
                let close = try expectClosing(.rightParen, opening: token, "after the arguments")
                result = Expr(.call(result, arguments), result.range.union(close.range))
            case .symbol(.dot):
                let name = try expectIdentifier("after '.'")
                result = Expr(.field(result, name), result.range.union(name.range))
            default:
                var indices: [Expr] = []
                repeat {
                    if peek.isSymbol(.rightBracket) && !indices.isEmpty { break }
                    indices.append(try expression())
                } while match(.comma)
                let close = try expectClosing(.rightBracket, opening: token, "after the index")
                result = Expr(.index(result, indices), result.range.union(close.range))
            }
        }
        return result
    }

    /// Parses call arguments up to (not including) `)`: positional ones, then named ones.
    ///
    ///     arguments = argument { "," argument } [ "," ] ;
    ///     argument = [ IDENTIFIER ":" ] expression ;
    func argumentsUntilClose() throws -> [Argument] {
        var result: [Argument] = []
        while !peek.isSymbol(.rightParen) && peek.kind != .endOfInput {
            var label: Identifier?
            if let name = peek.identifierName, peekNext.isSymbol(.colon) {
                label = Identifier(name, advance().range)
                advance()
            }
            let value = try expression()
            result.append(Argument(label: label, value: value, range: (label?.range ?? value.range).union(value.range)))
            if !match(.comma) { break }
        }
        return result
    }
}
