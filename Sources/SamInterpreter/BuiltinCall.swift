import SamLanguage
import Tensors

/// One call of a builtin, as its implementation sees it: the arguments bound to parameter names
/// (positional ones mapped in order, defaults filled), typed accessors that report a wrong argument at
/// that argument's place in the source, the call's location, and the interpreter context.
public struct BuiltinCall {
    /// The builtin's name.
    public let name: String
    /// Every parameter's value: the given argument or the default (required ones are always present).
    public let arguments: [String: Value]
    /// Extra positional arguments of a variadic builtin, in order.
    public let variadicArguments: [Value]
    /// The names of the parameters the caller gave (the others hold their defaults).
    public let givenNames: Set<String>
    /// Where the call is written, or `nil` when called from native code.
    public let location: RuntimeError.Location?
    /// The run's context: output, seed, output directory, switches, progress.
    public let context: InterpreterContext
    /// The registry of the running interpreter (for `help` and builtins that look up others).
    public let registry: BuiltinRegistry
    /// The source range of each given argument, by parameter name.
    let argumentRanges: [String: SourceRange]
    /// The source ranges of the variadic arguments.
    let variadicRanges: [SourceRange]
    /// Calls a function value (closure or builtin) from native code.
    let invoker: (Function, [Value], [(String, Value)]) throws -> Value

    /// The value of a parameter (its default when omitted).
    public func value(_ name: String) throws -> Value {
        guard let value = arguments[name] else {
            throw RuntimeError("internal error: '\(self.name)' has no parameter '\(name)'", location: location)
        }
        return value
    }

    /// Whether the caller gave the parameter (rather than leaving it to its default).
    public func isGiven(_ name: String) -> Bool { givenNames.contains(name) }

    /// The value of a parameter, or `nil` when it is `none`.
    public func optionalValue(_ name: String) throws -> Value? {
        let value = try value(name)
        if case .none = value { return nil }
        return value
    }

    /// Converts a parameter with `convert`, reporting a failure at the argument.
    public func converting<T>(_ name: String, _ convert: (Value) throws -> T) throws -> T {
        let value = try value(name)
        do {
            return try convert(value)
        } catch {
            throw locate(RuntimeError(wrapping: error), argument: name)
        }
    }

    /// A parameter as a Double (integers convert).
    public func double(_ name: String) throws -> Double { try converting(name) { try $0.asDouble(for: name) } }
    /// A parameter as an Int (an integral number converts).
    public func int(_ name: String) throws -> Int { try converting(name) { try $0.asInt(for: name) } }
    /// A parameter as a String.
    public func string(_ name: String) throws -> String { try converting(name) { try $0.asString(for: name) } }
    /// A parameter as a Bool.
    public func bool(_ name: String) throws -> Bool { try converting(name) { try $0.asBool(for: name) } }
    /// A parameter as a list (a range gives its elements).
    public func list(_ name: String) throws -> [Value] { try converting(name) { try $0.asList(for: name) } }
    /// A parameter as a record.
    public func record(_ name: String) throws -> Record { try converting(name) { try $0.asRecord(for: name) } }
    /// A parameter as a tensor (numbers and nested lists of numbers convert, as float64).
    public func tensor(_ name: String) throws -> Tensor { try converting(name) { try $0.asTensor(for: name) } }
    /// A parameter as a function.
    public func function(_ name: String) throws -> Function { try converting(name) { try $0.asFunction(for: name) } }
    /// A parameter as a native object of type `T`.
    public func native<T: NativeObject>(_ type: T.Type, _ name: String) throws -> T {
        try converting(name) { try $0.asNative(type, for: name) }
    }

    /// A parameter as a Double, or `nil` when it is `none`.
    public func optionalDouble(_ name: String) throws -> Double? {
        try optionalValue(name) == nil ? nil : try double(name)
    }
    /// A parameter as an Int, or `nil` when it is `none`.
    public func optionalInt(_ name: String) throws -> Int? {
        try optionalValue(name) == nil ? nil : try int(name)
    }
    /// A parameter as a String, or `nil` when it is `none`.
    public func optionalString(_ name: String) throws -> String? {
        try optionalValue(name) == nil ? nil : try string(name)
    }

    /// Calls a function value (a closure or a builtin) with positional and named arguments. Errors
    /// inside it keep their own location and gain this call in their trace.
    public func call(_ function: Function, _ arguments: [Value] = [], named: [(String, Value)] = []) throws -> Value {
        try invoker(function, arguments, named)
    }

    /// An error located at an argument (or at the whole call when `argument` is `nil` or was not given).
    public func error(_ message: String, argument: String? = nil, hint: String? = nil) -> RuntimeError {
        locate(RuntimeError(message, hint: hint), argument: argument)
    }

    /// An error located at the `index`-th variadic argument.
    public func error(_ message: String, variadicIndex index: Int, hint: String? = nil) -> RuntimeError {
        var error = RuntimeError(message, hint: hint)
        if let location, index < variadicRanges.count {
            error.location = RuntimeError.Location(file: location.file, range: variadicRanges[index])
        }
        return error
    }

    private func locate(_ error: RuntimeError, argument: String?) -> RuntimeError {
        guard error.location == nil, let location else { return error }
        var located = error
        if let argument, let range = argumentRanges[argument] {
            located.location = RuntimeError.Location(file: location.file, range: range)
        } else {
            located.location = location
        }
        return located
    }
}
