/// One parameter of a probe, e.g. `k` of `hessian_top(k: 3)`.
public struct ProbeParameter: Sendable {
    /// Whether the parameter takes whole numbers or any number.
    public enum Kind: Sendable {
        case integer
        case number
    }

    /// The name (the label of a named argument).
    public let name: String
    public let kind: Kind
    /// The value used when the argument is omitted.
    public let defaultValue: Double
    /// The smallest accepted value, if any.
    public let minimum: Double?
    /// One line of documentation.
    public let doc: String

    /// Creates a parameter.
    public init(_ name: String, _ kind: Kind, default defaultValue: Double, minimum: Double? = nil, doc: String) {
        self.name = name; self.kind = kind; self.defaultValue = defaultValue; self.minimum = minimum; self.doc = doc
    }

    /// The largest integer argument (2^53: every integer up to it is exact in a Double).
    static let largestInteger: Double = 9_007_199_254_740_992

    /// A value as scripts and descriptions write it (`3`, `0.05`).
    func format(_ value: Double) -> String {
        kind == .integer ? String(Int(value)) : "\(value)"
    }
}

/// Everything about one probe, in one place: its name, parameters with defaults, documentation, the
/// columns it writes and how it measures. ``ProbeCatalogue/all`` lists every probe; the language's probe
/// table, `help`, REPL completion, result-column names and checkpoint fingerprints are derived from it.
public struct ProbeDefinition: Sendable {
    /// The name `probe` clauses use.
    public let name: String
    /// Its parameters, in order.
    public let parameters: [ProbeParameter]
    /// One line of documentation.
    public let doc: String
    /// The columns it writes, as documented (`lambda_1 … lambda_k`).
    public let columnsDoc: String
    /// How many top Hessian eigenpairs it reads from ``ProbeContext/top`` (nil: none). The probe set
    /// estimates the largest count any of its probes asks for once per firing.
    let topEigenpairs: @Sendable (ProbeArguments) -> Int?
    /// What the probe needs from the task beyond the loss and its derivatives (nil: nothing).
    public let requires: ProbeRequirement?
    /// Measures the probe: the columns and values of one metrics row.
    let measure: @Sendable (ProbeContext, ProbeArguments) throws -> [(MetricColumn, Double)]

    /// Creates a definition.
    init(_ name: String, parameters: [ProbeParameter] = [], doc: String, columns columnsDoc: String, requires: ProbeRequirement? = nil,
         topEigenpairs: @escaping @Sendable (ProbeArguments) -> Int? = { _ in nil },
         measure: @escaping @Sendable (ProbeContext, ProbeArguments) throws -> [(MetricColumn, Double)]) {
        self.name = name; self.parameters = parameters; self.doc = doc; self.columnsDoc = columnsDoc
        self.requires = requires; self.topEigenpairs = topEigenpairs; self.measure = measure
    }

    /// The probe with these arguments (omitted ones take their defaults); throws for an unknown
    /// parameter, a fraction where an integer is needed, or a value below the parameter's minimum.
    public func callAsFunction(_ given: [String: Double] = [:]) throws -> ProbeQuantity {
        for label in given.keys where !parameters.contains(where: { $0.name == label }) {
            throw ProbeArgumentError(probe: name, argument: label, message: "\(name) has no parameter '\(label)'")
        }
        let quantity = ProbeQuantity(definition: self, arguments: ProbeArguments(values: parameters.map { given[$0.name] ?? $0.defaultValue }))
        try validate(quantity.arguments)
        return quantity
    }

    /// Throws for a fraction where an integer is needed or a value below a parameter's minimum.
    func validate(_ arguments: ProbeArguments) throws {
        for (parameter, value) in zip(parameters, arguments.values) {
            if parameter.kind == .integer, value != value.rounded() || !(Swift.abs(value) <= ProbeParameter.largestInteger) {
                throw ProbeArgumentError(probe: name, argument: parameter.name,
                                         message: "\(name) needs a whole number of magnitude at most 2^53 for \(parameter.name), got \(value)")
            }
            if let minimum = parameter.minimum, !(value >= minimum) {
                throw ProbeArgumentError(probe: name, argument: parameter.name,
                                         message: "\(name) needs \(parameter.name) ≥ \(parameter.format(minimum)), got \(parameter.format(value))")
            }
        }
    }
}

/// The bound arguments of a probe, in the order of its parameters.
public struct ProbeArguments: Sendable, Hashable {
    let values: [Double]

    /// The i-th argument.
    subscript(_ i: Int) -> Double { values[i] }
    /// The i-th argument as an integer (for ``ProbeParameter/Kind/integer`` parameters).
    func integer(_ i: Int) -> Int { Int(values[i]) }
}

/// A probe argument the probe does not accept; `argument` names the parameter.
public struct ProbeArgumentError: Error, CustomStringConvertible {
    /// The probe.
    public let probe: String
    /// The offending parameter.
    public let argument: String
    public let message: String
    public var description: String { message }
}
