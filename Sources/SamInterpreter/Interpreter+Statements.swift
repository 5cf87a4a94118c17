import SamLanguage

/// Statement execution.
extension Interpreter {
    /// How a statement list ended: normally, or by `return`.
    enum Flow {
        case normal
        case returned(Value)
    }

    func execute(_ statements: [Stmt], in scope: Environment) throws -> Flow {
        for statement in statements {
            if case .returned(let value) = try execute(statement, in: scope) { return .returned(value) }
        }
        return .normal
    }

    /// Executes one statement. Loops and the rarer statements are their own methods, which keeps this
    /// function's stack frame small: it is on the stack once per level of `.sam` recursion.
    func execute(_ statement: Stmt, in scope: Environment) throws -> Flow {
        try tick(statement.range)
        switch statement.kind {
        case .let(let name, let value):
            scope.define(name.name, try evaluate(value, in: scope))
        case .assign(let name, let op, let value):
            try executeAssignment(name, op, value, at: statement.range, in: scope)
        case .expression(let expression):
            _ = try evaluate(expression, in: scope)
        case .function(let name, let literal):
            scope.define(name.name, .function(.closure(Closure(name: name.name, literal: literal, file: currentFile, environment: scope))))
        case .if(let statement):
            return try execute(statement, in: scope)
        case .for(let variable, let sequence, let body):
            return try executeFor(variable, sequence, body, in: scope)
        case .while(let test, let body):
            return try executeWhile(test, body, in: scope)
        case .return(let value):
            return .returned(try value.map { try evaluate($0, in: scope) } ?? .none)
        case .assert(let condition, let message):
            try executeAssert(condition, message, in: scope)
        case .param(let declaration):
            try executeParam(declaration, in: scope)
        case .import(let path, let pathRange):
            try executeImport(path, at: pathRange)
        case .plot(let what, let path):
            _ = try callHook("plot", [("what", what), ("path", path)], at: statement.range, in: scope)
        case .save(let value, let path):
            _ = try callHook("save", [("value", value), ("path", path)], at: statement.range, in: scope)
        }
        return .normal
    }

    /// `name = value` (assign the nearest binding, else bind here) or `name op= value` (needs a binding).
    private func executeAssignment(_ name: Identifier, _ op: BinaryOperator?, _ value: Expr, at range: SourceRange,
                                   in scope: Environment) throws {
        guard let op else {
            let result = try evaluate(value, in: scope)
            if !scope.assign(name.name, result) { scope.define(name.name, result) }
            return
        }
        guard let current = scope.lookup(name.name) else { throw unknownName(name.name, at: name.range, in: scope) }
        let result = try binary(op, current, try evaluate(value, in: scope), at: range)
        _ = scope.assign(name.name, result)
    }

    private func executeWhile(_ test: Expr, _ body: Block, in scope: Environment) throws -> Flow {
        while try condition(test, in: scope, what: "a 'while' condition") {
            if case .returned(let value) = try execute(body.statements, in: Environment(parent: scope)) { return .returned(value) }
            try tick(test.range)
        }
        return .normal
    }

    private func execute(_ statement: IfStatement, in scope: Environment) throws -> Flow {
        if try condition(statement.condition, in: scope, what: "an 'if' condition") {
            return try execute(statement.thenBlock.statements, in: Environment(parent: scope))
        }
        switch statement.elseBranch {
        case .block(let block): return try execute(block.statements, in: Environment(parent: scope))
        case .elseIf(let nested, _): return try execute(nested, in: scope)
        case nil: return .normal
        }
    }

    private func executeFor(_ variable: Identifier, _ sequence: Expr, _ body: Block, in scope: Environment) throws -> Flow {
        let elements = try evaluate(sequence, in: scope)
        let count: Int
        let element: (Int) throws -> Value
        switch elements {
        case .list(let values): (count, element) = (values.count, { values[$0] })
        case .range(let range): (count, element) = (range.count, { .integer(range.element($0)) })
        case .tensor(let tensor) where tensor.rank >= 1:
            (count, element) = (tensor.shape[0], { try Indexing.index(elements, [.integer($0)]) })
        default:
            throw fail("cannot loop over \(elements.kindDescription)", at: sequence.range,
                       hint: "a 'for' loop runs over a list, a range or the first axis of a tensor")
        }
        var index = 0
        while index < count {
            let iteration = Environment(parent: scope)
            iteration.define(variable.name, try element(index))
            if case .returned(let value) = try execute(body.statements, in: iteration) { return .returned(value) }
            index += 1
            if index < count { try tick(sequence.range) }
        }
        return .normal
    }

    private func executeAssert(_ condition: Expr, _ message: Expr?, in scope: Environment) throws {
        guard try !self.condition(condition, in: scope, what: "an assert condition") else { return }
        let text: String
        if let message {
            text = ValueFormatter.display(try evaluate(message, in: scope))
        } else {
            text = currentFile.text(in: condition.range)
        }
        throw fail("assertion failed: \(text)", at: condition.range)
    }

    /// Evaluates a condition, which must be a boolean.
    func condition(_ expression: Expr, in scope: Environment, what: String) throws -> Bool {
        let value = try evaluate(expression, in: scope)
        guard case .bool(let result) = value else {
            throw fail("\(what) must be a boolean, but got \(value.kindDescription)", at: expression.range)
        }
        return result
    }
}
