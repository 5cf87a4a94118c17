import SamLanguage
import Tensors

/// A run-time value of a `.sam` program.
///
/// Scalars are `integer` (64-bit, overflow is an error) and `number` (Double); arithmetic mixes them
/// (an integer meets a number → a number). Lists and records are immutable values; tensors are
/// numeric arrays (``Tensor``); everything else the engine provides — datasets, models, optimizers,
/// runs — is a ``NativeObject`` handle.
public enum Value {
    /// A floating-point number.
    case number(Double)
    /// A 64-bit integer.
    case integer(Int)
    /// `true` or `false`.
    case bool(Bool)
    /// A string.
    case string(String)
    /// A list `[a, b, c]`.
    case list([Value])
    /// A record `{name: value, ...}` with ordered fields.
    case record(Record)
    /// An integer range `a..<b`, `a...b` or `range(a, b, step)`.
    case range(RangeValue)
    /// A closure or a builtin function.
    case function(Function)
    /// `none`.
    case none
    /// A numeric array.
    case tensor(Tensor)
    /// A handle to an engine object (dataset, model, optimizer, run, ...).
    case native(NativeObject)

    /// The name of the value's kind as users see it: `number`, `integer`, `bool`, `string`, `list`,
    /// `record`, `range`, `function`, `none`, `tensor`, or the native object's ``NativeObject/typeName``.
    public var typeName: String {
        switch self {
        case .number: return "number"
        case .integer: return "integer"
        case .bool: return "bool"
        case .string: return "string"
        case .list: return "list"
        case .record: return "record"
        case .range: return "range"
        case .function: return "function"
        case .none: return "none"
        case .tensor: return "tensor"
        case .native(let object): return object.typeName
        }
    }

    /// The kind with an article, for messages: "a number", "an integer", "a Model".
    public var kindDescription: String {
        switch self {
        case .none: return "none"
        case .integer: return "an integer"
        case .native(let object): return ValueTypeHint.native(object.typeName).description
        default: return "a \(typeName)"
        }
    }

    /// The name tensors go by in type hints: `.native("Tensor")` accepts and describes tensor values.
    public static let tensorTypeName = "Tensor"

    /// Whether the value may be passed where a builtin declares `hint`.
    public func matches(_ hint: ValueTypeHint) -> Bool {
        switch (hint, self) {
        case (.any, _): return true
        case (.oneOf(let options), _): return options.contains { matches($0) }
        case (.number, .number), (.number, .integer), (.float, .number), (.float, .integer): return true
        case (.int, .integer), (.bool, .bool), (.string, .string), (.record, .record): return true
        case (.list, .list), (.list, .range), (.range, .range), (.function, .function), (.none, .none): return true
        case (.native(let name), .native(let object)): return object.typeName == name
        case (.native(Value.tensorTypeName), .tensor): return true
        default: return false
        }
    }
}

/// The fields of a record value, in the order they were written.
public struct Record {
    /// The fields, in order; names are unique.
    public private(set) var fields: [(name: String, value: Value)]

    /// Creates a record. When a name repeats, the later value replaces the earlier one in its place.
    public init(_ fields: [(name: String, value: Value)] = []) {
        self.fields = []
        for field in fields { self[field.name] = field.value }
    }

    /// The field names, in order.
    public var names: [String] { fields.map(\.name) }

    /// The value of a field; setting appends a new field or replaces an existing one in place.
    public subscript(name: String) -> Value? {
        get { fields.first { $0.name == name }?.value }
        set {
            if let index = fields.firstIndex(where: { $0.name == name }) {
                if let newValue { fields[index].value = newValue } else { fields.remove(at: index) }
            } else if let newValue {
                fields.append((name, newValue))
            }
        }
    }
}

/// An arithmetic progression of integers: `start, start + step, ...` up to but excluding `end`
/// (`step > 0`) or down to but excluding `end` (`step < 0`).
///
/// `a..<b` is `RangeValue(start: a, end: b)`; `a...b` is `a..<b+1` spelled `inclusive` for printing.
public struct RangeValue: Equatable {
    /// The first element.
    public var start: Int
    /// The bound, excluded.
    public var end: Int
    /// The difference between consecutive elements (never 0).
    public var step: Int
    /// Whether it was written `a...b` (then `end == b + 1` and `step == 1`).
    public var inclusive: Bool

    /// Creates a range; `step` must not be 0.
    public init(start: Int, end: Int, step: Int = 1, inclusive: Bool = false) {
        precondition(step != 0, "a range step cannot be 0")
        self.start = start
        self.end = end
        self.step = step
        self.inclusive = inclusive
    }

    /// The number of elements (`Int.max` when it does not fit).
    public var count: Int {
        guard step > 0 ? start < end : start > end else { return 0 }
        let (distance, overflow) = step > 0 ? end.subtractingReportingOverflow(start) : start.subtractingReportingOverflow(end)
        if overflow { return Int.max }
        return Int(UInt(distance - 1) / step.magnitude) + 1
    }

    /// The element at a position `0..<count`.
    public func element(_ position: Int) -> Int { start &+ position &* step }

    /// All elements (`count` must be reasonable: callers guard against huge ranges).
    public var elements: [Int] { (0..<count).map(element) }
}

/// A callable value: a closure written in `.sam`, or a builtin.
public enum Function {
    /// A `.sam` function with its captured environment.
    case closure(Closure)
    /// A native function (from the registry, or made by a builtin).
    case builtin(Builtin)

    /// The function's name (`"<anonymous>"` for an anonymous closure).
    public var name: String {
        switch self {
        case .closure(let closure): return closure.name ?? "<anonymous>"
        case .builtin(let builtin): return builtin.name
        }
    }
}

/// A `.sam` function value: its syntax, the file it was written in, and the environment it captured.
public final class Closure {
    /// The name from `fn name(...)`, or `nil` for an anonymous `fn(...)`.
    public let name: String?
    /// Parameters and body.
    public let literal: FunctionLiteral
    /// The file the function was written in (for error locations).
    public let file: SourceFile
    /// The scope the function was created in.
    let environment: Environment

    init(name: String?, literal: FunctionLiteral, file: SourceFile, environment: Environment) {
        self.name = name
        self.literal = literal
        self.file = file
        self.environment = environment
    }
}
