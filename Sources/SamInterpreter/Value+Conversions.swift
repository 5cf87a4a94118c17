import SamLanguage
import Tensors

/// Typed views of a ``Value`` for builtins. Each throws an unlocated ``RuntimeError`` naming `what`
/// (usually the parameter name), e.g. "'lr' must be a number, but got a string"; the interpreter
/// locates it at the argument.
extension Value {
    private func mismatch(_ what: String, _ expected: String) -> RuntimeError {
        RuntimeError("'\(what)' must be \(expected), but got \(kindDescription)")
    }

    /// An integer or number as a Double; a one-element tensor gives its element.
    public func asDouble(for what: String) throws -> Double {
        switch self {
        case .number(let x): return x
        case .integer(let n): return Double(n)
        case .tensor(let t) where t.count == 1: return t.scalar(at: 0)
        default: throw mismatch(what, "a number")
        }
    }

    /// An integer, or a number with an integral value that fits.
    public func asInt(for what: String) throws -> Int {
        switch self {
        case .integer(let n): return n
        case .number(let x):
            guard let n = Int(exactly: x) else { throw RuntimeError("'\(what)' must be an integer, but got \(ValueFormatter.repr(self))") }
            return n
        default: throw mismatch(what, "an integer")
        }
    }

    /// A string.
    public func asString(for what: String) throws -> String {
        guard case .string(let s) = self else { throw mismatch(what, "a string") }
        return s
    }

    /// A boolean.
    public func asBool(for what: String) throws -> Bool {
        guard case .bool(let b) = self else { throw mismatch(what, "a boolean") }
        return b
    }

    /// The elements of a list, or of a range (at most ``Value/maxMaterializedCount`` of them).
    public func asList(for what: String) throws -> [Value] {
        switch self {
        case .list(let elements): return elements
        case .range(let range):
            guard range.count <= Value.maxMaterializedCount else {
                throw RuntimeError("'\(what)' is a range of \(range.count) elements, too many to list")
            }
            return range.elements.map(Value.integer)
        default: throw mismatch(what, "a list")
        }
    }

    /// A record.
    public func asRecord(for what: String) throws -> Record {
        guard case .record(let record) = self else { throw mismatch(what, "a record") }
        return record
    }

    /// A function (closure or builtin).
    public func asFunction(for what: String) throws -> Function {
        guard case .function(let function) = self else { throw mismatch(what, "a function") }
        return function
    }

    /// A native object of type `T`.
    public func asNative<T: NativeObject>(_ type: T.Type, for what: String) throws -> T {
        if case .native(let object) = self, let typed = object as? T { return typed }
        let name = (type as? NamedNativeType.Type)?.nativeTypeName ?? "\(type)"
        throw mismatch(what, ValueTypeHint.native(name).description)
    }

    /// A tensor: a tensor as it is, a number as a rank-0 tensor, a (nested) list of numbers or a range
    /// as a tensor of that shape. Lists become `dtype` (float64 by default); rows must have equal lengths.
    public func asTensor(for what: String, dtype: DType = .float64) throws -> Tensor {
        if case .tensor(let tensor) = self { return tensor }
        let shape = try Value.inferShape(self, what: what)
        var scalars: [Double] = []
        scalars.reserveCapacity(shape.reduce(1, *))
        try Value.flatten(self, shape: shape[...], into: &scalars, what: what)
        return try Tensor(shape: shape, scalars: scalars, dtype: dtype)
    }

    /// The largest range or tensor that a conversion turns into a list or a tensor of values.
    public static let maxMaterializedCount = 50_000_000

    /// The shape read along the first elements; ``flatten(_:shape:into:what:)`` checks the rest.
    private static func inferShape(_ value: Value, what: String) throws -> [Int] {
        switch value {
        case .number, .integer: return []
        case .tensor(let tensor): return tensor.shape
        case .list, .range:
            let elements = try value.asList(for: what)
            return [elements.count] + (try elements.first.map { try inferShape($0, what: what) } ?? [])
        default:
            throw RuntimeError("'\(what)' must be a tensor, a number or a list of numbers, but it contains \(value.kindDescription)")
        }
    }

    private static func flatten(_ value: Value, shape: ArraySlice<Int>, into scalars: inout [Double], what: String) throws {
        switch value {
        case .number, .integer:
            guard shape.isEmpty else { throw RuntimeError("'\(what)' is a ragged nested list: a number where a list of \(shape.first!) was expected") }
            scalars.append(try value.asDouble(for: what))
        case .tensor(let tensor):
            guard tensor.shape == Array(shape) else {
                throw RuntimeError("'\(what)' mixes a tensor of shape \(describeShape(tensor.shape)) where \(describeShape(Array(shape))) was expected")
            }
            scalars += tensor.scalars
        case .list, .range:
            let elements = try value.asList(for: what)
            guard let length = shape.first, length == elements.count else {
                let expected = shape.first.map { "a list of \($0)" } ?? "a number"
                throw RuntimeError("'\(what)' is a ragged nested list: a list of \(elements.count) where \(expected) was expected")
            }
            for element in elements { try flatten(element, shape: shape.dropFirst(), into: &scalars, what: what) }
        default:
            throw RuntimeError("'\(what)' must be a tensor, a number or a list of numbers, but it contains \(value.kindDescription)")
        }
    }
}

/// A native type that states its ``NativeObject/typeName`` statically, so that conversion errors can
/// say "must be a Model" before any instance exists.
public protocol NamedNativeType {
    /// The name instances report as their `typeName`.
    static var nativeTypeName: String { get }
}
