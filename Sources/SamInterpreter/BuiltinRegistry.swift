import SamLanguage

/// Everything predefined in `.sam`: builtin functions, constants, probes, and the sweep runner.
///
/// Groups of builtins live in their own files as `extension BuiltinRegistry { static func
/// registerXBuiltins(into registry: inout BuiltinRegistry) }`; ``standard()`` calls each of them, so
/// adding a group is one file and one line. The registry feeds the checker (``catalog``), the REPL
/// (``help(_:)``, ``completionWords``) and the interpreter (lookup of names and hooks).
public struct BuiltinRegistry {
    /// Builtin functions by name.
    public private(set) var functions: [String: Builtin] = [:]
    /// Predefined constants by name.
    public private(set) var constants: [String: Constant] = [:]
    /// Probes (items of `probe` clauses) by name.
    public private(set) var probes: [String: ProbeSpec] = [:]
    /// The builtins that accept traced tensors (inside a function given to `grad`, `hvp`, `hessian` or
    /// `loss`); every other builtin refuses them with an error naming it.
    public internal(set) var tracedFunctions: Set<String> = []
    /// Runs the cells of a `sweep` form (see ``SweepRunning``).
    public var sweepRunner: SweepRunning = CartesianSweepRunner()

    /// Creates an empty registry.
    public init() {}

    /// The registry of every builtin group: what `samlab run`, `check` and the REPL use.
    /// The language's own builtins (values, math, tensors, JSON files) without the engine: what the
    /// language tests use to exercise the domain-form hooks with stand-ins.
    public static func language() -> BuiltinRegistry {
        var registry = BuiltinRegistry()
        registerCoreBuiltins(into: &registry)
        registerMathBuiltins(into: &registry)
        registerTensorBuiltins(into: &registry)
        registerFileBuiltins(into: &registry)
        registerTracedOperations(into: &registry)
        return registry
    }

    /// Every builtin: the language's, plus data sets, models, optimizers, training, spectra, quadratics,
    /// plots and parameter files, with the results-writing sweep runner.
    public static func standard() -> BuiltinRegistry {
        var registry = language()
        registerDataBuiltins(into: &registry)
        registerModelBuiltins(into: &registry)
        registerLayerBuiltins(into: &registry)
        registerParameterBuiltins(into: &registry)
        registerOptimizerBuiltins(into: &registry)
        registerTrainBuiltins(into: &registry)
        registerQuadraticBuiltins(into: &registry)
        registerCalculusBuiltins(into: &registry)
        registerPlotSaveBuiltins(into: &registry)
        registerResultsBuiltins(into: &registry)
        registerFunctionCalculusBuiltins(into: &registry)
        registerActivationFunctionArguments(into: &registry)
        registry.sweepRunner = ResultsSweepRunner()
        return registry
    }

    /// Adds a builtin; one of the same name is replaced (so a later group can override an earlier one).
    public mutating func register(_ builtin: Builtin) {
        functions[builtin.name] = builtin
    }

    /// Adds a builtin from its parts (see ``Builtin/init(_:parameters:variadic:returns:doc:body:)``).
    public mutating func register(_ name: String, parameters: [Builtin.Parameter] = [], variadic: Bool = false,
                                  returns returnType: ValueTypeHint? = nil, doc: String,
                                  body: @escaping (BuiltinCall) throws -> Value) {
        register(Builtin(name, parameters: parameters, variadic: variadic, returns: returnType, doc: doc, body: body))
    }

    /// Adds a constant; one of the same name is replaced.
    public mutating func register(_ constant: Constant) {
        constants[constant.name] = constant
    }

    /// Adds a probe; one of the same name is replaced.
    public mutating func register(_ probe: ProbeSpec) {
        probes[probe.name] = probe
    }

    /// The value a predefined name stands for: a builtin function or a constant.
    public func value(named name: String) -> Value? {
        if let builtin = functions[name] { return .function(.builtin(builtin)) }
        return constants[name]?.value
    }

    /// What the checker validates programs against.
    public var catalog: BuiltinCatalog {
        BuiltinCatalog(
            functions: functions.values.map(\.signature),
            constants: constants.values.map { GlobalConstant(name: $0.name, type: $0.typeHint, doc: $0.doc) },
            probes: probes.values.map(\.signature))
    }

    /// The builtin function names, sorted.
    public var functionNames: [String] { functions.keys.sorted() }

    /// Every predefined name (functions, constants, probes), sorted, for completion.
    public var completionWords: [String] {
        Array(Set(functions.keys).union(constants.keys).union(probes.keys)).sorted()
    }

    /// The help text for a builtin, constant or probe: usage, documentation and parameters; `nil` for
    /// an unknown name.
    public func help(_ name: String) -> String? {
        if let builtin = functions[name] {
            let returns = builtin.returnType.flatMap { $0 == .any ? nil : " -> \($0)" } ?? ""
            return ([builtin.usage + returns, "  " + builtin.doc] + parameterLines(builtin.parameters)).joined(separator: "\n")
        }
        if let constant = constants[name] {
            return "\(name) = \(ValueFormatter.repr(constant.value))\n  \(constant.doc)"
        }
        if let probe = probes[name] {
            let usage = probe.parameters.isEmpty ? name : "\(name)(\(probe.parameters.map(\.name).joined(separator: ", ")))"
            return (["probe \(usage)", "  " + probe.doc] + parameterLines(probe.parameters)).joined(separator: "\n")
        }
        return nil
    }

    /// One line per builtin and constant, `name — first line of its doc`, for `help()` without a name.
    public var overview: String {
        let width = (functions.keys.map(\.count) + constants.keys.map(\.count)).max() ?? 0
        func line(_ name: String, _ doc: String) -> String {
            name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + (doc.split(separator: "\n").first.map(String.init) ?? "")
        }
        var lines = ["functions:"] + functionNames.map { "  " + line($0, functions[$0]!.doc) }
        lines += ["constants:"] + constants.keys.sorted().map { "  " + line($0, constants[$0]!.doc) }
        if !probes.isEmpty { lines += ["probes:", "  " + probes.keys.sorted().joined(separator: ", ")] }
        lines.append("help(\"name\") describes one of them.")
        return lines.joined(separator: "\n")
    }

    private func parameterLines(_ parameters: [Builtin.Parameter]) -> [String] {
        parameters.map { parameter in
            let defaultText = parameter.defaultValue.map { " = \(ValueFormatter.repr($0))" } ?? ""
            let doc = parameter.doc.isEmpty ? "" : " — \(parameter.doc)"
            return "  \(parameter.name): \(parameter.type)\(defaultText)\(doc)"
        }
    }
}
