import SamLanguage

/// The domain forms: each reaches a registered hook, so the engine behind them can change without
/// touching the interpreter.
///
/// - `train M on D { k = v ... probe ... }` calls the builtin `train` with the named arguments `model:`,
///   `data:` (none for `train M { … }`), one per setting, and `probes:` — a list of ``ProbeClauseSpec`` records, when there are
///   probe clauses.
/// - `sweep a in xs, b in ys { body }` hands the axes to ``BuiltinRegistry/sweepRunner``.
/// - `plot X to P` calls the builtin `plot(what: X, path: P)`; `save X to P` calls `save(value: X, path: P)`.
extension Interpreter {
    func evaluateTrain(_ form: TrainForm, in scope: Environment) throws -> Value {
        guard let train = registry.functions[TrainForm.builtinName] else {
            throw fail("training is not available: no builtin named 'train' is registered", at: form.keywordRange)
        }
        var arguments = [
            ArgumentValue(label: TrainForm.modelParameter, value: try evaluate(form.model, in: scope), range: form.model.range),
        ]
        if let data = form.data {
            arguments.append(ArgumentValue(label: TrainForm.dataParameter, value: try evaluate(data, in: scope), range: data.range))
        }
        for setting in form.settings {
            arguments.append(ArgumentValue(label: setting.name.name, value: try evaluate(setting.value, in: scope),
                                           range: setting.name.range.union(setting.value.range)))
        }
        if let first = form.probes.first {
            let clauses = try form.probes.map { try probeClause($0, in: scope).value }
            arguments.append(ArgumentValue(label: TrainForm.probesParameter, value: .list(clauses), range: first.range))
        }
        return try callBuiltin(train, arguments, callSite: here(form.keywordRange))
    }

    private func probeClause(_ clause: ProbeClauseSyntax, in scope: Environment) throws -> ProbeClauseSpec {
        let range = clause.schedule.range
        let schedule: ProbeClauseSpec.Schedule
        switch clause.schedule.kind {
        case .everySteps(let interval):
            let steps = try located(interval.range) { try evaluate(interval, in: scope).asInt(for: "the probe interval") }
            guard steps >= 1 else { throw fail("the probe interval must be at least 1 step, got \(steps)", at: interval.range) }
            schedule = .everySteps(steps)
        case .everySeconds(let interval):
            let seconds = try located(interval.range) { try evaluate(interval, in: scope).asDouble(for: "the probe interval") }
            guard seconds > 0 else { throw fail("the probe interval must be positive, got \(ValueFormatter.number(seconds)) seconds", at: interval.range) }
            schedule = .everySeconds(seconds)
        case .atSteps(let list):
            let steps = try located(list.range) { try evaluate(list, in: scope).asList(for: "the probe steps").map { try $0.asInt(for: "a probe step") } }
            if let negative = steps.first(where: { $0 < 0 }) { throw fail("probe steps cannot be negative, got \(negative)", at: list.range) }
            schedule = .atSteps(steps)
        case .logSpaced(let arguments):
            let bound = try bindProbeArguments(arguments, to: Checker.logScheduleSignature.parameters.map { Builtin.Parameter($0.name, $0.type) },
                                               owner: "log", in: scope, at: range)
            let points = try located(range) { try (bound["points"] ?? .none).asInt(for: "points") }
            guard points >= 1 else { throw fail("a log schedule needs at least 1 point, got \(points)", at: range) }
            schedule = .logSpaced(points: points)
        }
        let items = try clause.items.map { item -> ProbeClauseSpec.Item in
            guard let probe = registry.probes[item.name.name] else {
                throw fail("unknown probe '\(item.name.name)'", at: item.name.range,
                           hint: EditDistance.closest(to: item.name.name, among: registry.probes.keys).map { "did you mean '\($0)'?" })
            }
            let arguments = try bindProbeArguments(item.arguments ?? [], to: probe.parameters, owner: probe.name, in: scope, at: item.range)
            return ProbeClauseSpec.Item(name: probe.name, arguments: arguments)
        }
        return ProbeClauseSpec(schedule: schedule, items: items)
    }

    /// Evaluates probe or schedule arguments and binds them to `parameters` (defaults filled).
    private func bindProbeArguments(_ arguments: [Argument], to parameters: [Builtin.Parameter], owner: String,
                                    in scope: Environment, at range: SourceRange) throws -> Record {
        let values = try arguments.map { ArgumentValue(label: $0.label?.name, value: try evaluate($0.value, in: scope), range: $0.range) }
        let (bound, _) = try bind(values, to: parameters.map(\.name), variadic: false, owner: owner,
                                  usage: "parameters of '\(owner)': \(parameters.map(\.name).joined(separator: ", "))", callSite: here(range))
        var record = Record()
        for parameter in parameters {
            if let argument = bound[parameter.name] {
                guard argument.value.matches(parameter.type) else {
                    throw fail("argument '\(parameter.name)' of '\(owner)' must be \(parameter.type), but got \(argument.value.kindDescription)",
                               at: argument.range ?? range)
                }
                record[parameter.name] = argument.value
            } else if let defaultValue = parameter.defaultValue {
                record[parameter.name] = defaultValue
            } else {
                throw fail("missing argument '\(parameter.name)' of '\(owner)'", at: range)
            }
        }
        return record
    }

    func evaluateSweep(_ form: SweepForm, in scope: Environment) throws -> Value {
        var axes: [(name: String, values: [Value])] = []
        for axis in form.axes {
            let values = try located(axis.values.range) { try evaluate(axis.values, in: scope).asList(for: "sweep axis '\(axis.name.name)'") }
            guard !values.isEmpty else { throw fail("sweep axis '\(axis.name.name)' has no values", at: axis.values.range) }
            axes.append((axis.name.name, values))
        }
        let file = currentFile
        return try located(form.keywordRange) {
            let request = try SweepRequest(axes: axes, location: here(form.keywordRange), context: context)
            return try registry.sweepRunner.run(request) { cell in
                let cellScope = Environment(parent: scope)
                for field in cell.bindings.fields { cellScope.define(field.name, field.value) }
                let outer = context.currentCell
                context.currentCell = cell
                defer { context.currentCell = outer }
                return try withFile(file) { try runSweepBody(form.body, in: cellScope) }
            }
        }
    }

    /// Runs a sweep body; its value is that of a final expression statement, else `none`.
    private func runSweepBody(_ body: Block, in scope: Environment) throws -> Value {
        var value = Value.none
        for (index, statement) in body.statements.enumerated() {
            if index == body.statements.count - 1, case .expression(let expression) = statement.kind {
                try tick(statement.range)
                value = try evaluate(expression, in: scope)
            } else if case .returned = try execute(statement, in: scope) {
                throw fail("'return' cannot leave a sweep body", at: statement.range)
            }
        }
        return value
    }

    /// Calls the registered builtin behind `plot` or `save` with named arguments.
    func callHook(_ name: String, _ arguments: [(String, Expr)], at range: SourceRange, in scope: Environment) throws -> Value {
        guard let builtin = registry.functions[name] else {
            throw fail("'\(name)' is not available: no builtin named '\(name)' is registered", at: range)
        }
        let values = try arguments.map { ArgumentValue(label: $0.0, value: try evaluate($0.1, in: scope), range: $0.1.range) }
        return try callBuiltin(builtin, values, callSite: here(range))
    }
}
