import SamLanguage

/// `param` and `import`: the top-level declarations that connect a script to its command line and to
/// other files.
extension Interpreter {
    /// `param name = default [in allowed]`: binds the `--set` override (if any) or the default, and
    /// checks it against the allowed values. An override outside them is a usage error.
    func executeParam(_ declaration: ParamDeclaration, in scope: Environment) throws {
        let name = declaration.name.name
        let defaultValue = try evaluate(declaration.defaultValue, in: scope)
        var value = defaultValue
        let override = options.parameterOverrides[name]
        if let override {
            value = try ParameterOverride.parse(override, name: name, default: defaultValue, location: here(declaration.name.range))
        }
        if let allowedExpression = declaration.allowedValues {
            let allowed = try located(allowedExpression.range) {
                try evaluate(allowedExpression, in: scope).asList(for: "the allowed values of '\(name)'")
            }
            if !allowed.contains(where: value.isEqual) {
                let choices = allowed.map(ValueFormatter.repr).joined(separator: ", ")
                if let override {
                    throw RuntimeError("--set \(name)=\(override): '\(name)' must be one of \(choices)", category: .usage,
                                       location: here(declaration.name.range))
                }
                throw fail("the default of '\(name)' is not one of its allowed values \(choices)", at: declaration.defaultValue.range)
            }
        }
        scope.define(name, value)
    }

    /// `import "path"`: runs the file (relative to the importing one) in the global scope, once.
    func executeImport(_ path: String, at range: SourceRange) throws {
        let target = modules.resolve(path, from: currentFile)
        if let start = importStack.firstIndex(of: target.path) {
            let cycle = (importStack[start...] + [target.path]).map { modules.displayName(of: $0) }
            throw fail("import cycle: \(cycle.joined(separator: " → "))", at: range, hint: "move what both files need into a third file")
        }
        guard !importedPaths.contains(target.path) else { return }
        let program: Program
        do {
            program = try modules.program(at: target.path, displayName: target.displayName)
        } catch let error as ModuleLoader.ReadError {
            throw RuntimeError(error.description, category: .io, location: here(range))
        }
        importStack.append(target.path)
        defer { importStack.removeLast() }
        try withFile(program.file) { _ = try execute(program.statements, in: globals) }
        importedPaths.insert(target.path)
    }
}

/// Parsing of `--set name=value` text into a value.
enum ParameterOverride {
    /// The value `text` stands for. When the default is a string, the text is taken as it is. Otherwise
    /// it is read as a literal (`0.1`, `3`, `true`, `none`, `[100, 100]`, `"a b"`) and, failing that, as a
    /// string; a numeric or boolean default requires an override of the same kind.
    static func parse(_ text: String, name: String, default defaultValue: Value, location: RuntimeError.Location) throws -> Value {
        if case .string = defaultValue { return .string(text) }
        let value = literal(text) ?? .string(text)
        switch (defaultValue, value) {
        case (.number, .integer(let n)): return .number(Double(n))
        case (.integer, .integer), (.number, .number), (.integer, .number), (.bool, .bool): return value
        case (.integer, _), (.number, _):
            throw RuntimeError("--set \(name)=\(text): '\(name)' is a number", category: .usage, location: location)
        case (.bool, _):
            throw RuntimeError("--set \(name)=\(text): '\(name)' is true or false", category: .usage, location: location)
        default: return value
        }
    }

    /// The value of `text` if it is a literal expression (numbers, strings, booleans, `none`, lists and
    /// records of them, negated numbers), else `nil`.
    private static func literal(_ text: String) -> Value? {
        let parsed = Parser.parseReplEntry(SourceFile(name: "--set", text: text))
        guard !parsed.diagnostics.containsErrors, let expression = parsed.node.echoedExpression else { return nil }
        return constant(expression)
    }

    private static func constant(_ expression: Expr) -> Value? {
        switch expression.kind {
        case .integer(let n): return .integer(n)
        case .float(let x): return .number(x)
        case .string(let s): return .string(s)
        case .bool(let b): return .bool(b)
        case .none: return Value.none
        case .unary(.negate, let operand):
            switch constant(operand) {
            case .integer(let n)?: return n == Int.min ? nil : .integer(-n)
            case .number(let x)?: return .number(-x)
            default: return nil
            }
        case .list(let elements):
            let values = elements.compactMap(constant)
            return values.count == elements.count ? .list(values) : nil
        case .record(let fields):
            let values = fields.compactMap { field in constant(field.value).map { (field.name.name, $0) } }
            return values.count == fields.count ? .record(Record(values)) : nil
        default:
            return nil
        }
    }
}
