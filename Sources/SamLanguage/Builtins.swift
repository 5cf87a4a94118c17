/// What the checker knows about builtins: signatures and predefined names, given as plain data.
///
/// `SamLanguage` knows nothing about numerics. The interpreter builds a ``BuiltinCatalog`` from its
/// builtin registry and hands it to the ``Checker``, which validates calls against it.

/// The kind of value a builtin parameter accepts (or a builtin returns), as far as a static check can
/// tell. Only obviously wrong arguments are rejected: a literal, a predefined constant or a builtin call
/// whose kind cannot be what the parameter accepts.
public indirect enum ValueTypeHint: Hashable, Sendable, CustomStringConvertible {
    /// Anything (no static check).
    case any
    /// An integer or a float.
    case number
    /// An integer.
    case int
    /// A float (an integer is accepted too).
    case float
    /// `true` or `false`.
    case bool
    /// A string.
    case string
    /// A list (a range is accepted too).
    case list
    /// A range `a..<b` or `a...b`.
    case range
    /// A record `{name: value}`.
    case record
    /// A function or closure.
    case function
    /// `none`.
    case none
    /// A native handle of the named kind, e.g. `native("Model")`, `native("Optimizer")`.
    case native(String)
    /// Any of several kinds, e.g. `.oneOf([.int, .none])` for an optional limit.
    case oneOf([ValueTypeHint])

    /// Whether a value statically known to be of kind `actual` may be passed where `self` is expected.
    /// `.any` on either side always matches (unknown is never "obviously wrong").
    public func accepts(_ actual: ValueTypeHint) -> Bool {
        switch (self, actual) {
        case (.any, _), (_, .any): return true
        case (.oneOf(let options), _): return options.contains { $0.accepts(actual) }
        case (_, .oneOf(let options)): return options.contains { accepts($0) }
        case (.number, .int), (.number, .float), (.float, .int), (.float, .number), (.int, .number): return true
        case (.list, .range): return true
        default: return self == actual
        }
    }

    /// The kind with an article, for messages: "a number", "an integer", "a Model".
    public var description: String {
        switch self {
        case .any: return "any value"
        case .number: return "a number"
        case .int: return "an integer"
        case .float: return "a float"
        case .bool: return "a boolean"
        case .string: return "a string"
        case .list: return "a list"
        case .range: return "a range"
        case .record: return "a record"
        case .function: return "a function"
        case .none: return "none"
        case .native(let name):
            let vowels: Set<Character> = ["A", "E", "I", "O", "U"]
            return (name.first.map(vowels.contains) ?? false ? "an " : "a ") + name
        case .oneOf(let options):
            let names = options.map(\.description)
            guard names.count > 1 else { return names.first ?? "nothing" }
            return names.dropLast().joined(separator: ", ") + " or " + names[names.count - 1]
        }
    }
}

/// One parameter of a builtin signature.
public struct BuiltinParameter: Hashable, Sendable {
    /// The parameter name (the label of a named argument).
    public var name: String
    /// The kind of value it accepts.
    public var type: ValueTypeHint
    /// Whether it may be omitted.
    public var hasDefault: Bool
    /// One line of documentation (for the REPL's help).
    public var doc: String

    /// Creates a parameter.
    public init(name: String, type: ValueTypeHint = .any, hasDefault: Bool = false, doc: String = "") {
        self.name = name
        self.type = type
        self.hasDefault = hasDefault
        self.doc = doc
    }
}

/// The signature of a builtin function or probe.
///
/// Arguments bind like Swift/Python keyword arguments: positional arguments fill `parameters` in order,
/// named arguments fill the parameter of that name; each parameter at most once; parameters without a
/// default must be given. A `variadic` builtin accepts any number of extra positional arguments.
public struct BuiltinSignature: Hashable, Sendable {
    /// The builtin's name.
    public var name: String
    /// Its parameters, in positional order.
    public var parameters: [BuiltinParameter]
    /// Whether extra positional arguments are accepted (e.g. `print`).
    public var variadic: Bool
    /// One paragraph of documentation.
    public var doc: String
    /// The kind of value a call returns, if known.
    public var returnType: ValueTypeHint?

    /// Creates a signature.
    public init(name: String, parameters: [BuiltinParameter] = [], variadic: Bool = false, doc: String = "",
                returnType: ValueTypeHint? = nil) {
        self.name = name
        self.parameters = parameters
        self.variadic = variadic
        self.doc = doc
        self.returnType = returnType
    }

    /// The parameter with the given name, if any.
    public func parameter(named name: String) -> BuiltinParameter? {
        parameters.first { $0.name == name }
    }
}

/// A predefined global name that is not a builtin function, e.g. `relu`, `mse`, `full`.
public struct GlobalConstant: Hashable, Sendable {
    /// The name.
    public var name: String
    /// The kind of its value, if known (`.any` otherwise).
    public var type: ValueTypeHint
    /// One line of documentation.
    public var doc: String

    /// Creates a constant.
    public init(name: String, type: ValueTypeHint = .any, doc: String = "") {
        self.name = name
        self.type = type
        self.doc = doc
    }
}

/// Everything predefined: builtin functions, constants and probes.
public struct BuiltinCatalog: Sendable {
    /// Builtin functions by name. The `train` form is checked against the signature named `train`.
    public var functions: [String: BuiltinSignature]
    /// Predefined constants by name.
    public var constants: [String: GlobalConstant]
    /// Probes (the items of `probe` clauses) by name; a bare probe name is a call with no arguments.
    public var probes: [String: BuiltinSignature]

    /// Creates a catalog. When two entries share a name, the last one wins.
    public init(functions: [BuiltinSignature] = [], constants: [GlobalConstant] = [], probes: [BuiltinSignature] = []) {
        self.functions = Dictionary(functions.map { ($0.name, $0) }, uniquingKeysWith: { $1 })
        self.constants = Dictionary(constants.map { ($0.name, $0) }, uniquingKeysWith: { $1 })
        self.probes = Dictionary(probes.map { ($0.name, $0) }, uniquingKeysWith: { $1 })
    }
}
