import Foundation
import SamLanguage
import Tensors

/// The arithmetic and comparison operators on values. Errors are unlocated ``RuntimeError``s; the
/// interpreter locates them at the operator's expression.
///
/// - Integers stay integers under `+ - * % **` (a non-negative power); overflow is an error, never a
///   wrap-around. `/` always gives a number. Division or remainder by zero is an error.
/// - An integer meets a number → a number.
/// - `%` is the floored remainder (its sign is the divisor's), as in Python.
/// - Tensors combine elementwise with NumPy broadcasting; a number or a list of numbers next to a tensor
///   becomes a tensor of the tensor's dtype; float32 meets float64 → float64. `@` is the matrix
///   product, with vectors treated as in NumPy (`matrix @ vector` is a vector, `vector @ vector` a number).
/// - `+` joins two strings or two lists.
enum Operators {
    /// `a op b` for every operator except `and` and `or`.
    static func binary(_ op: BinaryOperator, _ a: Value, _ b: Value) throws -> Value {
        switch op {
        case .equal: return .bool(a.isEqual(to: b))
        case .notEqual: return .bool(!a.isEqual(to: b))
        case .less, .lessEqual, .greater, .greaterEqual: return .bool(try compare(op, a, b))
        case .matrixMultiply: return try matrixProduct(a, b)
        case .and, .or: throw RuntimeError("'\(op.rawValue)' needs booleans, but got \(a.kindDescription) and \(b.kindDescription)")
        default: break
        }
        switch (a, b) {
        case (.integer(let x), .integer(let y)): return try integerArithmetic(op, x, y)
        case (.integer, .number), (.number, .integer), (.number, .number):
            return .number(try numberArithmetic(op, try a.asDouble(for: ""), try b.asDouble(for: "")))
        case (.tensor, _), (_, .tensor): return .tensor(try tensorArithmetic(op, a, b))
        case (.string(let x), .string(let y)) where op == .add:
            guard x.utf8.count + y.utf8.count <= Value.maxMaterializedCount else { throw RuntimeError("the joined string would be too long") }
            return .string(x + y)
        case (.list(let x), .list(let y)) where op == .add:
            guard x.count + y.count <= Value.maxMaterializedCount else { throw RuntimeError("the joined list would be too long") }
            return .list(x + y)
        default:
            let kinds = [a.typeName, b.typeName]
            var hint: String?
            if op == .add && kinds.contains("string") {
                hint = "convert with str(x) to join text"
            } else if kinds.contains("list") {
                hint = "lists are not vectors: use tensor([...]) for arithmetic"
            }
            throw RuntimeError("cannot apply '\(op.rawValue)' to \(a.kindDescription) and \(b.kindDescription)", hint: hint)
        }
    }

    /// `-a`.
    static func negate(_ a: Value) throws -> Value {
        switch a {
        case .integer(let n):
            guard n != Int.min else { throw RuntimeError("integer overflow in -(\(n))") }
            return .integer(-n)
        case .number(let x): return .number(-x)
        case .tensor(let t): return .tensor(-t)
        case .native(let object as NativeOperand):
            if let result = try object.negated() { return result }
            throw RuntimeError("cannot negate \(a.kindDescription)")
        default: throw RuntimeError("cannot negate \(a.kindDescription)")
        }
    }

    private static func compare(_ op: BinaryOperator, _ a: Value, _ b: Value) throws -> Bool {
        func ordered<T: Comparable>(_ x: T, _ y: T) -> Bool {
            switch op {
            case .less: return x < y
            case .lessEqual: return x <= y
            case .greater: return x > y
            default: return x >= y
            }
        }
        switch (a, b) {
        case (.integer(let x), .integer(let y)): return ordered(x, y)
        case (.integer, .number), (.number, .integer), (.number, .number):
            return ordered(try a.asDouble(for: ""), try b.asDouble(for: ""))
        case (.string(let x), .string(let y)): return ordered(x, y)
        case (.tensor, _), (_, .tensor):
            throw RuntimeError("cannot compare tensors with '\(op.rawValue)'", hint: "compare numbers, e.g. norm(x) < 1e-6, or use assert_close")
        default:
            throw RuntimeError("cannot compare \(a.kindDescription) and \(b.kindDescription) with '\(op.rawValue)'")
        }
    }

    private static func integerArithmetic(_ op: BinaryOperator, _ x: Int, _ y: Int) throws -> Value {
        let result: (partialValue: Int, overflow: Bool)
        switch op {
        case .add: result = x.addingReportingOverflow(y)
        case .subtract: result = x.subtractingReportingOverflow(y)
        case .multiply: result = x.multipliedReportingOverflow(by: y)
        case .divide:
            guard y != 0 else { throw RuntimeError("division by zero") }
            return .number(Double(x) / Double(y))
        case .remainder:
            guard y != 0 else { throw RuntimeError("remainder of a division by zero") }
            let r = x.remainderReportingOverflow(dividingBy: y).partialValue
            return .integer(r != 0 && (r < 0) != (y < 0) ? r + y : r)
        case .power:
            guard y >= 0 else { return .number(pow(Double(x), Double(y))) }
            result = power(x, y)
        default:
            throw RuntimeError("cannot apply '\(op.rawValue)' to integers")
        }
        guard !result.overflow else {
            throw RuntimeError("integer overflow in \(x) \(op.rawValue) \(y)", hint: "use numbers for large values, e.g. \(x).0")
        }
        return .integer(result.partialValue)
    }

    /// `x ** y` for `y >= 0` by repeated squaring, reporting overflow.
    private static func power(_ x: Int, _ y: Int) -> (partialValue: Int, overflow: Bool) {
        var result = 1, base = x, exponent = y
        while exponent > 0 {
            if exponent & 1 == 1 {
                let product = result.multipliedReportingOverflow(by: base)
                if product.overflow { return (0, true) }
                result = product.partialValue
            }
            exponent >>= 1
            if exponent > 0 {
                let square = base.multipliedReportingOverflow(by: base)
                if square.overflow { return (0, true) }
                base = square.partialValue
            }
        }
        return (result, false)
    }

    private static func numberArithmetic(_ op: BinaryOperator, _ x: Double, _ y: Double) throws -> Double {
        switch op {
        case .add: return x + y
        case .subtract: return x - y
        case .multiply: return x * y
        case .divide:
            guard y != 0 else { throw RuntimeError("division by zero") }
            return x / y
        case .remainder:
            guard y != 0 else { throw RuntimeError("remainder of a division by zero") }
            return flooredRemainder(x, y)
        case .power: return pow(x, y)
        default: throw RuntimeError("cannot apply '\(op.rawValue)' to numbers")
        }
    }

    private static func flooredRemainder(_ x: Double, _ y: Double) -> Double {
        let r = x.truncatingRemainder(dividingBy: y)
        return r != 0 && (r < 0) != (y < 0) ? r + y : r
    }

    /// Both operands as tensors of one dtype: the tensor's (float64 if two tensors differ).
    private static func tensorOperands(_ a: Value, _ b: Value) throws -> (Tensor, Tensor) {
        let dtypes = Set([a.tensorDType, b.tensorDType].compactMap { $0 })
        let dtype = dtypes.count == 1 ? dtypes.first! : .float64
        let x = try a.asTensor(for: "the left operand", dtype: dtype).converted(to: dtype)
        let y = try b.asTensor(for: "the right operand", dtype: dtype).converted(to: dtype)
        return (x, y)
    }

    private static func tensorArithmetic(_ op: BinaryOperator, _ a: Value, _ b: Value) throws -> Tensor {
        let (x, y) = try tensorOperands(a, b)
        switch op {
        case .add: return try x + y
        case .subtract: return try x - y
        case .multiply: return try x * y
        case .divide: return try x / y
        case .remainder: return try elementwise(x, y, flooredRemainder)
        case .power: return try elementwise(x, y) { pow($0, $1) }
        default: throw RuntimeError("cannot apply '\(op.rawValue)' to tensors")
        }
    }

    /// `f` applied elementwise after broadcasting both tensors to a common shape.
    private static func elementwise(_ x: Tensor, _ y: Tensor, _ f: (Double, Double) -> Double) throws -> Tensor {
        let shape = try Broadcasting.shape(x.shape, y.shape)
        let xs = try x.broadcast(to: shape).scalars, ys = try y.broadcast(to: shape).scalars
        return try Tensor(shape: shape, scalars: zip(xs, ys).map(f), dtype: x.dtype)
    }

    private static func matrixProduct(_ a: Value, _ b: Value) throws -> Value {
        let (x, y) = try tensorOperands(a, b)
        switch (x.rank, y.rank) {
        case (1, 1):
            guard x.count == y.count else { throw RuntimeError("'@' of vectors of lengths \(x.count) and \(y.count)") }
            return .number(try x.dot(y))
        case (1, _):
            let product = try Tensor.matmul(try x.reshaped([1, x.count]), y)
            return .tensor(try product.reshaped(Array(product.shape.dropLast(2)) + [product.shape.last!]))
        case (_, 1):
            let product = try Tensor.matmul(x, try y.reshaped([y.count, 1]))
            return .tensor(try product.reshaped(Array(product.shape.dropLast())))
        case (0, _), (_, 0):
            throw RuntimeError("'@' needs vectors or matrices, not numbers", hint: "use '*' to scale")
        default:
            return .tensor(try Tensor.matmul(x, y))
        }
    }
}

extension Value {
    /// The dtype of a tensor value, `nil` for anything else.
    var tensorDType: DType? {
        if case .tensor(let t) = self { return t.dtype }
        return nil
    }
}
