/// Matching arguments to builtin signatures, and the domain forms that reduce to it.
extension CheckPass {
    /// An argument to match: a call argument, a train setting, or the model/data of a train form.
    struct BoundArgument {
        var label: Identifier?
        /// `nil` for an argument supplied by the form itself without an expression (the probe clauses).
        var value: Expr?
        var range: SourceRange
    }

    /// The wording of messages: a call, a train block or a probe.
    enum MatchStyle {
        case call, trainBlock, probe

        var argumentNoun: String { self == .trainBlock ? "setting" : "argument" }
        var parameterNoun: String { self == .trainBlock ? "setting" : "parameter" }
    }

    /// Binds arguments to parameters like keyword arguments and reports every mismatch.
    func match(_ arguments: [BoundArgument], to signature: BuiltinSignature, style: MatchStyle, range: SourceRange,
               implicit: Set<String> = []) {
        let owner = "'\(signature.name)'"
        var filled: [String: (range: SourceRange, positional: Bool)] = [:]
        var positionalIndex = 0
        var sawNamed = false
        for argument in arguments {
            let parameter: BuiltinParameter
            if let label = argument.label {
                sawNamed = true
                guard let named = signature.parameter(named: label.name) else {
                    reportUnknownArgument(label, signature: signature, style: style, implicit: implicit)
                    continue
                }
                if let first = filled[named.name] {
                    let message = first.positional
                        ? "argument '\(label.name)' is given twice (also by position)"
                        : "duplicate \(style.argumentNoun) '\(label.name)'"
                    report(.duplicateArgument, message, at: label.range,
                           notes: [note("'\(label.name)' is first given here", at: first.range)])
                    continue
                }
                parameter = named
                filled[named.name] = (label.range, false)
            } else {
                if sawNamed {
                    report(.positionalAfterNamed, "positional argument after named arguments", at: argument.range,
                           hint: "put positional arguments first, or name this one")
                    continue
                }
                guard positionalIndex < signature.parameters.count else {
                    if !signature.variadic {
                        let count = signature.parameters.count
                        let given = arguments.filter { $0.label == nil }.count
                        report(.tooManyArguments,
                               "too many positional arguments to \(owner): it takes at most \(count), got \(given)",
                               at: argument.range, hint: usage(of: signature))
                        return
                    }
                    continue
                }
                parameter = signature.parameters[positionalIndex]
                positionalIndex += 1
                filled[parameter.name] = (argument.range, true)
            }
            if let value = argument.value {
                let actual = staticType(of: value)
                if !parameter.type.accepts(actual) {
                    report(.typeMismatch,
                           "\(style.argumentNoun) '\(parameter.name)' of \(owner) must be \(parameter.type), but this is \(actual)",
                           at: value.range)
                }
            }
        }
        let missing = signature.parameters.filter { !$0.hasDefault && filled[$0.name] == nil }.map(\.name)
        guard !missing.isEmpty else { return }
        let list = missing.map { "'\($0)'" }.joined(separator: ", ")
        let plural = missing.count == 1 ? "" : "s"
        switch style {
        case .trainBlock:
            report(.missingArgument, "missing setting\(plural) \(list) in the train block", at: range,
                   hint: "add \(missing.map { "\($0) = ..." }.joined(separator: ", ")) to the block")
        case .call, .probe:
            report(.missingArgument, "missing argument\(plural) \(list) in call to \(owner)", at: range,
                   hint: usage(of: signature))
        }
    }

    private func reportUnknownArgument(_ label: Identifier, signature: BuiltinSignature, style: MatchStyle,
                                       implicit: Set<String>) {
        let candidates = signature.parameters.map(\.name).filter { !implicit.contains($0) }
        let suggestion = EditDistance.closest(to: label.name, among: candidates)
        let known = candidates.isEmpty ? "it takes none" : candidates.joined(separator: ", ")
        report(.unknownArgument, "'\(signature.name)' has no \(style.parameterNoun) named '\(label.name)'", at: label.range,
               hint: suggestion.map { "did you mean '\($0)'?" } ?? "\(style.parameterNoun)s of '\(signature.name)': \(known)",
               suggestion: suggestion)
    }

    private func usage(of signature: BuiltinSignature) -> String {
        let parameters = signature.parameters.map { $0.hasDefault ? "\($0.name): ..." : "\($0.name):" }
        return "usage: \(signature.name)(\((parameters + (signature.variadic ? ["..."] : [])).joined(separator: ", ")))"
    }

    // MARK: - Domain forms

    /// A train form is a call of the `train` builtin with MODEL, DATA, the settings and the probes.
    func check(_ form: TrainForm) {
        check(form.model)
        if let data = form.data { check(data) }
        for setting in form.settings { check(setting.value) }
        for clause in form.probes { check(clause) }
        guard let signature = catalog.functions[TrainForm.builtinName] else {
            var seen: [String: SourceRange] = [:]
            for setting in form.settings {
                if let first = seen[setting.name.name] {
                    report(.duplicateArgument, "duplicate setting '\(setting.name.name)'", at: setting.name.range,
                           notes: [note("'\(setting.name.name)' is first given here", at: first)])
                }
                seen[setting.name.name] = seen[setting.name.name] ?? setting.name.range
            }
            return
        }
        var arguments = [
            BoundArgument(label: Identifier(TrainForm.modelParameter, form.model.range), value: form.model, range: form.model.range),
        ]
        if let data = form.data {
            arguments.append(BoundArgument(label: Identifier(TrainForm.dataParameter, data.range), value: data, range: data.range))
        }
        arguments += form.settings.map { BoundArgument(label: $0.name, value: $0.value, range: $0.name.range.union($0.value.range)) }
        if let first = form.probes.first, signature.parameter(named: TrainForm.probesParameter) != nil {
            arguments.append(BoundArgument(label: Identifier(TrainForm.probesParameter, first.range), value: nil, range: first.range))
        }
        match(arguments, to: signature, style: .trainBlock, range: form.keywordRange,
              implicit: [TrainForm.modelParameter, TrainForm.dataParameter])
    }

    private func check(_ clause: ProbeClauseSyntax) {
        switch clause.schedule.kind {
        case .everySteps(let interval): check(interval, expecting: .int, what: "a probe interval in steps")
        case .everySeconds(let interval): check(interval, expecting: .number, what: "a probe interval in seconds")
        case .atSteps(let steps): check(steps, expecting: .list, what: "the probe steps")
        case .logSpaced(let arguments):
            for argument in arguments { check(argument.value) }
            let bound = arguments.map { BoundArgument(label: $0.label, value: $0.value, range: $0.range) }
            match(bound, to: Checker.logScheduleSignature, style: .call, range: clause.schedule.range)
        }
        for item in clause.items {
            for argument in item.arguments ?? [] { check(argument.value) }
            guard let signature = catalog.probes[item.name.name] else {
                let suggestion = EditDistance.closest(to: item.name.name, among: catalog.probes.keys)
                report(.unknownProbe, "unknown probe '\(item.name.name)'", at: item.name.range,
                       hint: suggestion.map { "did you mean '\($0)'?" }
                           ?? "known probes: \(catalog.probes.keys.sorted().joined(separator: ", "))",
                       suggestion: suggestion)
                continue
            }
            let bound = (item.arguments ?? []).map { BoundArgument(label: $0.label, value: $0.value, range: $0.range) }
            match(bound, to: signature, style: .probe, range: item.range)
        }
    }

    /// A sweep: distinct axis names, list or range values, and the body in a scope with the axes bound.
    func check(_ form: SweepForm) {
        var seen: [String: SourceRange] = [:]
        var axes: [Identifier] = []
        for axis in form.axes {
            check(axis.values, expecting: .list, what: "the values of a sweep axis")
            if let first = seen[axis.name.name] {
                report(.duplicateSweepAxis, "duplicate sweep axis '\(axis.name.name)'", at: axis.name.range,
                       notes: [note("'\(axis.name.name)' is first swept here", at: first)])
            } else {
                seen[axis.name.name] = axis.name.range
                axes.append(axis.name)
            }
        }
        withScope(form.body.statements, bindings: axes)
    }
}
