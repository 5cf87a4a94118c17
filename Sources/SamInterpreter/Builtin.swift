import SamLanguage

/// A native function callable from `.sam`: its signature (for the checker, `help` and argument binding)
/// and its implementation.
///
/// Arguments bind like keyword arguments: positional ones fill ``parameters`` in order, named ones the
/// parameter of that name; omitted parameters take their default. The implementation receives them
/// bound by name in a ``BuiltinCall``. Arguments given by the caller are checked against the
/// parameter's ``ValueTypeHint`` before the implementation runs (defaults are not checked).
public struct Builtin {
    /// One parameter of a builtin.
    public struct Parameter {
        /// The name (the label of a named argument).
        public var name: String
        /// The kinds of value it accepts.
        public var type: ValueTypeHint
        /// The value used when the argument is omitted; `nil` makes the parameter required.
        public var defaultValue: Value?
        /// One line of documentation.
        public var doc: String

        /// Creates a required parameter.
        public init(_ name: String, _ type: ValueTypeHint = .any, doc: String = "") {
            self.name = name
            self.type = type
            self.defaultValue = nil
            self.doc = doc
        }

        /// Creates a parameter that takes `defaultValue` when omitted. (`default: .none` means the
        /// value `none` here: the parameter is non-optional, so there is no `Optional.none` to confuse.)
        public init(_ name: String, _ type: ValueTypeHint = .any, default defaultValue: Value, doc: String = "") {
            self.name = name
            self.type = type
            self.defaultValue = defaultValue
            self.doc = doc
        }

        /// A parameter that may be omitted and is then `none`; it accepts `type` or `none`.
        public static func optional(_ name: String, _ type: ValueTypeHint = .any, doc: String = "") -> Parameter {
            Parameter(name, type == .any ? .any : .oneOf([type, .none]), default: .none, doc: doc)
        }
    }

    /// The name scripts call it by.
    public let name: String
    /// The parameters, in positional order.
    public let parameters: [Parameter]
    /// Whether extra positional arguments are accepted (see ``BuiltinCall/variadicArguments``).
    public let variadic: Bool
    /// The kind of value it returns, if known (helps the checker).
    public let returnType: ValueTypeHint?
    /// One paragraph of documentation; its first line is the summary shown by `help()`.
    public let doc: String
    /// The implementation.
    public let body: (BuiltinCall) throws -> Value

    /// Creates a builtin.
    public init(_ name: String, parameters: [Parameter] = [], variadic: Bool = false, returns returnType: ValueTypeHint? = nil,
                doc: String, body: @escaping (BuiltinCall) throws -> Value) {
        self.name = name
        self.parameters = parameters
        self.variadic = variadic
        self.returnType = returnType
        self.doc = doc
        self.body = body
    }

    /// The signature the checker validates calls against.
    public var signature: BuiltinSignature {
        BuiltinSignature(
            name: name,
            parameters: parameters.map {
                BuiltinParameter(name: $0.name, type: $0.type, hasDefault: $0.defaultValue != nil, doc: $0.doc)
            },
            variadic: variadic, doc: doc, returnType: returnType)
    }

    /// The call pattern, e.g. `sgd(lr, momentum: 0.0)` or `print(...)`.
    public var usage: String {
        var parts = parameters.map { parameter in
            parameter.defaultValue.map { "\(parameter.name): \(ValueFormatter.repr($0))" } ?? parameter.name
        }
        if variadic { parts.append("...") }
        return "\(name)(\(parts.joined(separator: ", ")))"
    }
}

/// A probe: a quantity a `probe` clause of a train form can measure, with its parameters
/// (`hessian_top(k: 3)`). The interpreter only binds probe arguments; the `train` builtin measures them.
public struct ProbeSpec {
    /// The probe name.
    public let name: String
    /// Its parameters (all named in practice; defaults filled when binding).
    public let parameters: [Builtin.Parameter]
    /// One line of documentation.
    public let doc: String

    /// Creates a probe description.
    public init(_ name: String, parameters: [Builtin.Parameter] = [], doc: String) {
        self.name = name
        self.parameters = parameters
        self.doc = doc
    }

    /// The signature the checker validates probe items against.
    public var signature: BuiltinSignature {
        Builtin(name, parameters: parameters, doc: doc) { _ in .none }.signature
    }
}

/// A predefined name that is not a function: `pi`, `relu`, `mse`, `full`, ...
public struct Constant {
    /// The name.
    public let name: String
    /// Its value.
    public let value: Value
    /// One line of documentation.
    public let doc: String

    /// Creates a constant.
    public init(_ name: String, _ value: Value, doc: String) {
        self.name = name
        self.value = value
        self.doc = doc
    }

    /// The kind of the value, for the checker.
    public var typeHint: ValueTypeHint {
        switch value {
        case .number: return .float
        case .integer: return .int
        case .bool: return .bool
        case .string: return .string
        case .list: return .list
        case .record: return .record
        case .range: return .range
        case .function: return .function
        case .none: return .none
        case .tensor: return .native(Value.tensorTypeName)
        case .native(let object): return .native(object.typeName)
        }
    }
}
