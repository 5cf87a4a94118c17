/// The domain-form rules of ``Parser``: `train`, probe clauses, `sweep`, `plot`, `save`, `param`.
extension Parser {
    /// Parses a train form.
    ///
    ///     trainForm = "train" expression [ 'on' expression ] trainBlock ;
    ///     trainBlock = "{" { separator | trainItem separator } [ trainItem ] "}" ;
    ///     trainItem = setting | probeClause ;
    func trainForm() throws -> Expr {
        let keyword = advance()
        let model = try expression()
        var data: Expr?
        if !peek.isSymbol(.leftBrace) {
            try expectContextual(.on, "after the model in 'train'")
            data = try expression()
        }
        try enter()
        defer { leave() }
        let open = try expect(.leftBrace, "to start the train block")
        var settings: [Setting] = []
        var probes: [ProbeClauseSyntax] = []
        _ = itemList(inBlock: true, what: "setting") {
            if self.peek.isContextual(.probe) && !self.peekNext.isSymbol(.assign) {
                probes.append(try self.probeClause())
            } else {
                settings.append(try self.setting())
            }
        }
        let close = try expectClosing(.rightBrace, opening: open, "to close the train block")
        let form = TrainForm(keywordRange: keyword.range, model: model, data: data, settings: settings,
                             probes: probes, blockRange: open.range.union(close.range))
        return Expr(.train(form), keyword.range.union(close.range))
    }

    /// Parses one setting of a train block; the setting name is a named argument of `train`.
    ///
    ///     setting = IDENTIFIER "=" expression ;
    func setting() throws -> Setting {
        let name = try expectIdentifier("for a setting in the train block",
                                        hint: "a train block holds 'name = value' settings and 'probe' clauses")
        try expect(.assign, "after the setting name")
        return Setting(name: name, value: try expression())
    }

    /// Parses a probe clause.
    ///
    ///     probeClause = 'probe' schedule ":" probeItem { "," probeItem } ;
    func probeClause() throws -> ProbeClauseSyntax {
        let keyword = advance()
        let schedule = try self.schedule()
        try expect(.colon, "after the probe schedule")
        var items = [try probeItem()]
        while match(.comma) { items.append(try probeItem()) }
        return ProbeClauseSyntax(schedule: schedule, items: items, range: keyword.range.union(items[items.count - 1].range))
    }

    /// Parses a probe schedule.
    ///
    ///     schedule = 'every' expression ( 'steps' | 'seconds' ) | 'at' expression | 'log' "(" [ arguments ] ")" ;
    func schedule() throws -> ProbeScheduleSyntax {
        let word = peek
        if word.isContextual(.every) {
            advance()
            let interval = try expression()
            let unit = peek
            if match(contextual: .steps) { return ProbeScheduleSyntax(.everySteps(interval), word.range.union(unit.range)) }
            if match(contextual: .seconds) { return ProbeScheduleSyntax(.everySeconds(interval), word.range.union(unit.range)) }
            throw error("expected 'steps' or 'seconds' after the probe interval")
        }
        if word.isContextual(.at) {
            advance()
            let steps = try expression()
            return ProbeScheduleSyntax(.atSteps(steps), word.range.union(steps.range))
        }
        if word.isContextual(.log) {
            advance()
            let open = try expect(.leftParen, "after 'log'")
            let arguments = try argumentsUntilClose()
            let close = try expectClosing(.rightParen, opening: open, "after the arguments of 'log'")
            return ProbeScheduleSyntax(.logSpaced(arguments), word.range.union(close.range))
        }
        throw error("expected a probe schedule ('every N steps', 'every T seconds', 'at [...]' or 'log(points: N)')")
    }

    /// Parses one probed quantity.
    ///
    ///     probeItem = IDENTIFIER [ "(" [ arguments ] ")" ] ;
    func probeItem() throws -> ProbeItem {
        let name = try expectIdentifier("for a probe")
        guard peek.isSymbol(.leftParen) else { return ProbeItem(name: name, arguments: nil, range: name.range) }
        let open = advance()
        let arguments = try argumentsUntilClose()
        let close = try expectClosing(.rightParen, opening: open, "after the probe arguments")
        return ProbeItem(name: name, arguments: arguments, range: name.range.union(close.range))
    }

    /// Parses a sweep form.
    ///
    ///     sweepForm = "sweep" axis { "," axis } block ;
    ///     axis = IDENTIFIER "in" expression ;
    func sweepForm() throws -> Expr {
        let keyword = advance()
        var axes: [SweepAxis] = []
        repeat {
            let name = try expectIdentifier("for a sweep axis")
            guard match(.in) else { throw error("expected 'in' after the sweep axis name") }
            axes.append(SweepAxis(name: name, values: try expression()))
        } while match(.comma)
        let body = try block("to start the sweep body")
        return Expr(.sweep(SweepForm(keywordRange: keyword.range, axes: axes, body: body)), keyword.range.union(body.range))
    }

    /// Parses a plot statement.
    ///
    ///     plotStatement = "plot" expression 'to' expression ;
    func plotStatement() throws -> Stmt {
        let keyword = advance()
        let what = try expression()
        try expectContextual(.to, "after the value to plot", hint: "write plot WHAT to \"file.svg\"")
        let path = try expression()
        return Stmt(.plot(what, to: path), keyword.range.union(path.range))
    }

    /// Parses a save statement.
    ///
    ///     saveStatement = "save" expression 'to' expression ;
    func saveStatement() throws -> Stmt {
        let keyword = advance()
        let value = try expression()
        try expectContextual(.to, "after the value to save", hint: "write save VALUE to \"path\"")
        let path = try expression()
        return Stmt(.save(value, to: path), keyword.range.union(path.range))
    }

    /// Parses a script parameter declaration.
    ///
    ///     paramStatement = "param" IDENTIFIER "=" expression [ "in" expression ] ;
    func paramStatement() throws -> Stmt {
        let keyword = advance()
        let name = try expectIdentifier("after 'param'")
        try expect(.assign, "after the parameter name", hint: "a script parameter needs a default: param name = value")
        let defaultValue = try expression()
        var allowed: Expr?
        if match(.in) { allowed = try expression() }
        let declaration = ParamDeclaration(name: name, defaultValue: defaultValue, allowedValues: allowed)
        return Stmt(.param(declaration), keyword.range.union(allowed?.range ?? defaultValue.range))
    }

    /// Consumes the contextual word `word` if it is the current token.
    func match(contextual word: ContextualKeyword) -> Bool {
        guard peek.isContextual(word) else { return false }
        advance()
        return true
    }
}
