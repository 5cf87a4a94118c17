/// Statement checks of the ``Checker``.
extension CheckPass {
    var atTopLevel: Bool { frames.count == 1 }

    func check(_ statement: Stmt) {
        switch statement.kind {
        case .let(let name, let value):
            check(value)
            define(name)
        case .assign(let name, let op, let value):
            check(value)
            checkAssignment(to: name, compound: op != nil)
        case .expression(let expression):
            check(expression)
        case .function(let name, let function):
            define(name)
            check(function, name: name.name)
        case .if(let statement):
            check(statement)
        case .for(let variable, let sequence, let body):
            check(sequence)
            withScope(body.statements, bindings: [variable])
        case .while(let condition, let body):
            check(condition)
            withScope(body.statements)
        case .return(let value):
            if functionDepth == 0 {
                report(.returnOutsideFunction, "'return' outside a function", at: statement.range,
                       hint: "a script ends at its last statement; use 'assert' to stop on a failed condition")
            }
            if let value { check(value) }
        case .assert(let condition, let message):
            check(condition)
            if let message { check(message, expecting: .string, what: "an assert message") }
        case .param(let declaration):
            check(declaration, range: statement.range)
        case .import(let path, let pathRange):
            checkImport(path, pathRange: pathRange, range: statement.range)
        case .plot(let what, let path):
            check(what)
            check(path, expecting: .string, what: "a plot path")
        case .save(let value, let path):
            check(value)
            check(path, expecting: .string, what: "a save path")
        }
    }

    private func checkAssignment(to name: Identifier, compound: Bool) {
        let resolution = resolve(name.name)
        switch resolution {
        case .binding:
            return
        case .builtin, .constant:
            report(.assignmentToBuiltin, "cannot assign to the builtin '\(name.name)'", at: name.range,
                   hint: "use 'let \(name.name) = ...' to define a new name that shadows the builtin")
        case .usedBeforeDefinition, .unknown:
            if compound { reportUnresolved(name, resolution) } else { define(name) }
        }
    }

    private func check(_ statement: IfStatement) {
        check(statement.condition)
        withScope(statement.thenBlock.statements)
        switch statement.elseBranch {
        case .block(let block): withScope(block.statements)
        case .elseIf(let nested, _): check(nested)
        case nil: break
        }
    }

    /// Checks a function: duplicate parameters, defaults (evaluated at call time, parameters not
    /// visible), then the body in a function scope with the parameters bound.
    func check(_ function: FunctionLiteral, name: String?) {
        var seen: [String: SourceRange] = [:]
        var unique: [Identifier] = []
        for parameter in function.parameters {
            if let first = seen[parameter.name.name] {
                let owner = name.map { " of '\($0)'" } ?? ""
                report(.duplicateParameter, "duplicate parameter '\(parameter.name.name)'\(owner)", at: parameter.name.range,
                       notes: [note("'\(parameter.name.name)' is first declared here", at: first)])
            } else {
                seen[parameter.name.name] = parameter.name.range
                unique.append(parameter.name)
            }
        }
        functionDepth += 1
        defer { functionDepth -= 1 }
        let statements: [Stmt]
        switch function.body {
        case .block(let block): statements = block.statements
        case .expression: statements = []
        }
        withScope([], isFunction: true) {
            for parameter in function.parameters {
                if let value = parameter.defaultValue { check(value) }
            }
        }
        withScope(statements, isFunction: true, bindings: unique) {
            if case .expression(let expression) = function.body { check(expression) }
        }
    }

    private func check(_ declaration: ParamDeclaration, range: SourceRange) {
        if !atTopLevel || functionDepth > 0 {
            report(.misplacedDeclaration, "'param' must be at the top level of a script", at: range)
        }
        let name = declaration.name
        if let first = scriptParameters[name.name] {
            report(.duplicateScriptParameter, "script parameter '\(name.name)' is declared twice", at: name.range,
                   notes: [note("'\(name.name)' is first declared here", at: first)])
        } else {
            scriptParameters[name.name] = name.range
        }
        check(declaration.defaultValue)
        if let allowed = declaration.allowedValues { check(allowed, expecting: .list, what: "the allowed values of a param") }
        define(name)
    }

    private func checkImport(_ path: String, pathRange: SourceRange, range: SourceRange) {
        if !atTopLevel || functionDepth > 0 {
            report(.misplacedDeclaration, "'import' must be at the top level of a script", at: range)
        }
        guard let resolver = checker.importResolver else {
            hasOpaqueImport = true
            return
        }
        if let names = resolver(path) {
            imported.formUnion(names)
        } else {
            report(.unresolvedImport, "cannot find the imported file '\(path)'", at: pathRange)
        }
    }
}
