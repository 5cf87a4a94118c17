import SamLanguage

/// Expression evaluation.
extension Interpreter {
    /// Evaluates an expression. Every non-trivial form is its own method, which keeps this function's
    /// stack frame small: it is on the stack once or twice per level of `.sam` recursion.
    func evaluate(_ expression: Expr, in scope: Environment) throws -> Value {
        switch expression.kind {
        case .integer(let n): return .integer(n)
        case .float(let x): return .number(x)
        case .string(let s): return .string(s)
        case .bool(let b): return .bool(b)
        case .none: return .none
        case .name(let name): return try lookup(name, at: expression.range, in: scope)
        case .list(let elements): return try evaluateList(elements, in: scope)
        case .record(let fields): return try evaluateRecord(fields, in: scope)
        case .unary(let op, let operand): return try evaluateUnary(op, operand, at: expression.range, in: scope)
        case .binary(let op, let left, let right): return try evaluateBinary(op, left, right, at: expression.range, in: scope)
        case .range(let lower, let upper, let inclusive):
            return try rangeValue(lower, upper, inclusive: inclusive, at: expression.range, in: scope)
        case .call(let callee, let arguments): return try evaluateCall(callee, arguments, at: expression.range, in: scope)
        case .field(let base, let name): return try evaluateField(base, name, in: scope)
        case .index(let base, let indices): return try evaluateIndex(base, indices, at: expression.range, in: scope)
        case .function(let literal): return makeClosure(literal, in: scope)
        case .train(let form): return try evaluateTrain(form, in: scope)
        case .sweep(let form): return try evaluateSweep(form, in: scope)
        }
    }

    private func lookup(_ name: String, at range: SourceRange, in scope: Environment) throws -> Value {
        if let value = scope.lookup(name) ?? registry.value(named: name) { return value }
        throw unknownName(name, at: range, in: scope)
    }

    private func evaluateList(_ elements: [Expr], in scope: Environment) throws -> Value {
        .list(try elements.map { try evaluate($0, in: scope) })
    }

    private func evaluateRecord(_ fields: [RecordField], in scope: Environment) throws -> Value {
        .record(Record(try fields.map { ($0.name.name, try evaluate($0.value, in: scope)) }))
    }

    private func evaluateUnary(_ op: UnaryOperator, _ operand: Expr, at range: SourceRange, in scope: Environment) throws -> Value {
        switch op {
        case .negate:
            let value = try evaluate(operand, in: scope)
            return try located(range) { try Operators.negate(value) }
        case .not:
            return .bool(!(try condition(operand, in: scope, what: "the operand of 'not'")))
        }
    }

    private func evaluateBinary(_ op: BinaryOperator, _ left: Expr, _ right: Expr, at range: SourceRange, in scope: Environment) throws -> Value {
        if op == .and || op == .or { return try logical(op, left, right, at: range, in: scope) }
        let a = try evaluate(left, in: scope)
        let b = try evaluate(right, in: scope)
        return try binary(op, a, b, at: range)
    }

    private func evaluateField(_ base: Expr, _ name: Identifier, in scope: Environment) throws -> Value {
        let value = try evaluate(base, in: scope)
        return try located(name.range) { try Indexing.field(value, name.name) }
    }

    private func evaluateIndex(_ base: Expr, _ indices: [Expr], at range: SourceRange, in scope: Environment) throws -> Value {
        let value = try evaluate(base, in: scope)
        let positions = try indices.map { try evaluate($0, in: scope) }
        return try located(range) { try Indexing.index(value, positions) }
    }

    private func makeClosure(_ literal: FunctionLiteral, in scope: Environment) -> Value {
        .function(.closure(Closure(name: nil, literal: literal, file: currentFile, environment: scope)))
    }

    /// `a op b` for an evaluated pair, giving native operands the first say.
    func binary(_ op: BinaryOperator, _ a: Value, _ b: Value, at range: SourceRange) throws -> Value {
        try located(range) {
            if case .native(let object as NativeOperand) = a, let result = try object.binary(op, b, reversed: false) { return result }
            if case .native(let object as NativeOperand) = b, let result = try object.binary(op, a, reversed: true) { return result }
            return try Operators.binary(op, a, b)
        }
    }

    /// `and` / `or`: short-circuit on booleans; a native left operand combines with the right one.
    private func logical(_ op: BinaryOperator, _ left: Expr, _ right: Expr, at range: SourceRange, in scope: Environment) throws -> Value {
        let a = try evaluate(left, in: scope)
        switch a {
        case .bool(let x):
            if x == (op == .or) { return .bool(x) }
            let b = try evaluate(right, in: scope)
            guard case .bool = b else {
                throw fail("the right operand of '\(op.rawValue)' must be a boolean, but got \(b.kindDescription)", at: right.range)
            }
            return b
        case .native(let object as NativeOperand):
            let b = try evaluate(right, in: scope)
            if let result = try located(range, { try object.binary(op, b, reversed: false) }) { return result }
            throw fail("cannot combine \(a.kindDescription) and \(b.kindDescription) with '\(op.rawValue)'", at: range)
        default:
            throw fail("the left operand of '\(op.rawValue)' must be a boolean, but got \(a.kindDescription)", at: left.range)
        }
    }

    private func rangeValue(_ lower: Expr, _ upper: Expr, inclusive: Bool, at range: SourceRange, in scope: Environment) throws -> Value {
        let a = try evaluate(lower, in: scope), b = try evaluate(upper, in: scope)
        let start = try located(lower.range) { try a.asInt(for: "the start of a range") }
        let end = try located(upper.range) { try b.asInt(for: "the end of a range") }
        guard inclusive else { return .range(RangeValue(start: start, end: end)) }
        guard end < Int.max else { throw fail("the end of a range is too large", at: upper.range) }
        return .range(RangeValue(start: start, end: end + 1, inclusive: true))
    }

    private func evaluateCall(_ callee: Expr, _ arguments: [Argument], at range: SourceRange, in scope: Environment) throws -> Value {
        let value = try evaluate(callee, in: scope)
        guard case .function(let function) = value else {
            throw fail("cannot call \(value.kindDescription)", at: callee.range)
        }
        let values = try arguments.map { argument in
            ArgumentValue(label: argument.label?.name, value: try evaluate(argument.value, in: scope), range: argument.range)
        }
        return try invoke(function, values, callSite: here(range))
    }
}
