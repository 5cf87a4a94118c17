import SamLanguage

/// An evaluated call argument: its label (`nil` when positional), value and source range (`nil` when
/// supplied by native code).
struct ArgumentValue {
    var label: String?
    var value: Value
    var range: SourceRange?
}

/// Calls of closures and builtins: argument binding, the call-depth limit and the call trace.
extension Interpreter {
    func invoke(_ function: Function, _ arguments: [ArgumentValue], callSite: RuntimeError.Location?) throws -> Value {
        switch function {
        case .builtin(let builtin): return try callBuiltin(builtin, arguments, callSite: callSite)
        case .closure(let closure): return try callClosure(closure, arguments, callSite: callSite)
        }
    }

    /// An error about a call, at the given argument's range or the call site.
    private func callError(_ message: String, argument: ArgumentValue? = nil, callSite: RuntimeError.Location?,
                           hint: String? = nil) -> RuntimeError {
        var location = callSite
        if let range = argument?.range, let file = callSite?.file { location = RuntimeError.Location(file: file, range: range) }
        return RuntimeError(message, hint: hint, location: location)
    }

    /// Binds arguments to parameter names like keyword arguments. Returns the bound values, the
    /// variadic extras (when `variadic`), and the bound arguments by parameter name.
    func bind(_ arguments: [ArgumentValue], to parameters: [String], variadic: Bool, owner: String,
                      usage: String, callSite: RuntimeError.Location?)
        throws -> (bound: [String: ArgumentValue], extra: [ArgumentValue]) {
        var bound: [String: ArgumentValue] = [:]
        var extra: [ArgumentValue] = []
        var position = 0
        for argument in arguments {
            if let label = argument.label {
                guard parameters.contains(label) else {
                    let hint = EditDistance.closest(to: label, among: parameters).map { "did you mean '\($0)'?" } ?? usage
                    throw callError("'\(owner)' has no parameter named '\(label)'", argument: argument, callSite: callSite, hint: hint)
                }
                guard bound[label] == nil else {
                    throw callError("argument '\(label)' of '\(owner)' is given twice", argument: argument, callSite: callSite)
                }
                bound[label] = argument
            } else if position < parameters.count {
                bound[parameters[position]] = argument
                position += 1
            } else if variadic {
                extra.append(argument)
            } else {
                let given = arguments.filter { $0.label == nil }.count
                throw callError("too many arguments to '\(owner)': it takes at most \(parameters.count), got \(given)",
                                argument: argument, callSite: callSite, hint: usage)
            }
        }
        return (bound, extra)
    }

    func callBuiltin(_ builtin: Builtin, _ arguments: [ArgumentValue], callSite: RuntimeError.Location?) throws -> Value {
        let (bound, extra) = try bind(arguments, to: builtin.parameters.map(\.name), variadic: builtin.variadic,
                                      owner: builtin.name, usage: "usage: \(builtin.usage)", callSite: callSite)
        if !registry.tracedFunctions.contains(builtin.name) {
            try TraceGuard.reject(builtin.name, arguments.map(\.value), registry: registry, at: callSite)
        }
        var values: [String: Value] = [:]
        var ranges: [String: SourceRange] = [:]
        var missing: [String] = []
        for parameter in builtin.parameters {
            if let argument = bound[parameter.name] {
                guard argument.value.matches(parameter.type) else {
                    throw callError("argument '\(parameter.name)' of '\(builtin.name)' must be \(parameter.type), but got \(argument.value.kindDescription)",
                                    argument: argument, callSite: callSite)
                }
                values[parameter.name] = argument.value
                ranges[parameter.name] = argument.range
            } else if let defaultValue = parameter.defaultValue {
                values[parameter.name] = defaultValue
            } else {
                missing.append(parameter.name)
            }
        }
        guard missing.isEmpty else {
            let list = missing.map { "'\($0)'" }.joined(separator: ", ")
            throw callError("missing argument\(missing.count == 1 ? "" : "s") \(list) in call to '\(builtin.name)'",
                            callSite: callSite, hint: "usage: \(builtin.usage)")
        }
        let call = BuiltinCall(
            name: builtin.name, arguments: values, variadicArguments: extra.map(\.value), givenNames: Set(bound.keys),
            location: callSite, context: context, registry: registry, argumentRanges: ranges,
            variadicRanges: extra.compactMap(\.range),
            invoker: { [unowned self] function, positional, named in
                try self.invoke(function, positional.map { ArgumentValue(label: nil, value: $0, range: nil) }
                                + named.map { ArgumentValue(label: $0.0, value: $0.1, range: nil) }, callSite: callSite)
            })
        do {
            return try builtin.body(call)
        } catch {
            var wrapped = RuntimeError(wrapping: error)
            if wrapped.location == nil { wrapped.location = callSite }
            throw wrapped
        }
    }

    func callClosure(_ closure: Closure, _ arguments: [ArgumentValue], callSite: RuntimeError.Location?) throws -> Value {
        let name = closure.name ?? "<anonymous>"
        guard callDepth < options.maxCallDepth else {
            throw RuntimeError("recursion too deep: more than \(options.maxCallDepth) nested calls", location: callSite)
        }
        guard !stackGuard.isNearlyFull() else {
            throw RuntimeError("recursion too deep: the stack is nearly exhausted after \(callDepth) nested calls", location: callSite)
        }
        let parameters = closure.literal.parameters
        let usage = "usage: \(name)(\(parameters.map { $0.defaultValue == nil ? $0.name.name : "\($0.name.name): ..." }.joined(separator: ", ")))"
        let (bound, _) = try bind(arguments, to: parameters.map(\.name.name), variadic: false, owner: name, usage: usage, callSite: callSite)
        let missing = parameters.filter { bound[$0.name.name] == nil && $0.defaultValue == nil }.map { "'\($0.name.name)'" }
        guard missing.isEmpty else {
            throw callError("missing argument\(missing.count == 1 ? "" : "s") \(missing.joined(separator: ", ")) in call to '\(name)'",
                            callSite: callSite, hint: usage)
        }
        callDepth += 1
        defer { callDepth -= 1 }
        do {
            return try withFile(closure.file) {
                let scope = Environment(parent: closure.environment)
                for parameter in parameters {
                    if let argument = bound[parameter.name.name] {
                        scope.define(parameter.name.name, argument.value)
                    } else if let defaultValue = parameter.defaultValue {
                        scope.define(parameter.name.name, try evaluate(defaultValue, in: Environment(parent: closure.environment)))
                    }
                }
                switch closure.literal.body {
                case .block(let block):
                    if case .returned(let value) = try execute(block.statements, in: scope) { return value }
                    return .none
                case .expression(let expression):
                    return try evaluate(expression, in: scope)
                }
            }
        } catch var error as RuntimeError {
            if let callSite { error.trace.append(RuntimeError.Frame(function: name, callSite: callSite)) }
            throw error
        }
    }
}
