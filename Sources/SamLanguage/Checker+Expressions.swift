/// Expression checks and static kinds of the ``Checker``.
extension CheckPass {
    func check(_ expression: Expr) {
        switch expression.kind {
        case .integer, .float, .string, .bool, .none:
            break
        case .name(let name):
            let resolution = resolve(name)
            reportUnresolved(Identifier(name, expression.range), resolution)
        case .list(let elements):
            for element in elements { check(element) }
        case .record(let fields):
            for field in fields { check(field.value) }
        case .unary(_, let operand):
            check(operand)
        case .binary(_, let left, let right), .range(let left, let right, _):
            check(left)
            check(right)
        case .call(let callee, let arguments):
            checkCall(callee, arguments, range: expression.range)
        case .field(let base, _):
            check(base)
        case .index(let base, let indices):
            check(base)
            for index in indices { check(index) }
        case .function(let function):
            check(function, name: nil)
        case .train(let form):
            check(form)
        case .sweep(let form):
            check(form)
        }
    }

    /// Checks `expression`, then reports it if its kind is statically known and cannot be `expected`.
    func check(_ expression: Expr, expecting expected: ValueTypeHint, what: String) {
        check(expression)
        let actual = staticType(of: expression)
        if !expected.accepts(actual) {
            report(.typeMismatch, "\(what) must be \(expected), but this is \(actual)", at: expression.range)
        }
    }

    /// The kind of value `expression` certainly has, or `.any` when that depends on run time.
    func staticType(of expression: Expr) -> ValueTypeHint {
        switch expression.kind {
        case .integer: return .int
        case .float: return .float
        case .string: return .string
        case .bool: return .bool
        case .none: return .none
        case .list: return .list
        case .record: return .record
        case .range: return .range
        case .function: return .function
        case .unary(.negate, let operand):
            let operandType = staticType(of: operand)
            return operandType == .int || operandType == .float ? operandType : .any
        case .name(let name):
            switch resolve(name) {
            case .constant(let constant): return constant.type
            case .builtin: return .function
            default: return .any
            }
        case .call(let callee, _):
            guard case .name(let name) = callee.kind, case .builtin(let signature) = resolve(name) else { return .any }
            return signature.returnType ?? .any
        case .train:
            return catalog.functions[TrainForm.builtinName]?.returnType ?? .any
        default:
            return .any
        }
    }

    private func checkCall(_ callee: Expr, _ arguments: [Argument], range: SourceRange) {
        for argument in arguments { check(argument.value) }
        if case .name(let name) = callee.kind, case .builtin(let signature) = resolve(name) {
            let bound = arguments.map { BoundArgument(label: $0.label, value: $0.value, range: $0.range) }
            match(bound, to: signature, style: .call, range: callee.range.union(range))
        } else {
            check(callee)
            checkArgumentOrder(arguments)
            checkDuplicateLabels(arguments)
        }
    }

    /// Positional arguments must come before named ones (in every call, builtin or not).
    func checkArgumentOrder(_ arguments: [Argument]) {
        var sawNamed = false
        for argument in arguments {
            if argument.label != nil {
                sawNamed = true
            } else if sawNamed {
                report(.positionalAfterNamed, "positional argument after named arguments", at: argument.range,
                       hint: "put positional arguments first, or name this one")
                return
            }
        }
    }

    /// A label may appear only once (in every call, builtin or not).
    func checkDuplicateLabels(_ arguments: [Argument]) {
        var seen: [String: SourceRange] = [:]
        for argument in arguments {
            guard let label = argument.label else { continue }
            if let first = seen[label.name] {
                report(.duplicateArgument, "duplicate argument '\(label.name)'", at: label.range,
                       notes: [note("'\(label.name)' is first given here", at: first)])
            } else {
                seen[label.name] = label.range
            }
        }
    }
}
