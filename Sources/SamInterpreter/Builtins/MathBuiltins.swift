import Foundation
import SamLanguage
import Tensors

/// Scalar mathematics (applied elementwise to tensors), reductions and approximate comparison.
///
/// Functions follow IEEE 754 at the edges of their domains — `sqrt(-1)` is `nan`, `log(0)` is `-inf` —
/// so a diverging computation shows up as a value rather than stopping the script.
extension BuiltinRegistry {
    /// `abs`, `sqrt`, `exp`, `log`, `floor`, `round`, `min`, `max`, `sum`, `assert_close`; `pi`, `e`, `inf`, `nan`.
    static func registerMathBuiltins(into registry: inout BuiltinRegistry) {
        registry.register(Constant("pi", .number(Double.pi), doc: "π = 3.14159…"))
        registry.register(Constant("e", .number(M_E), doc: "Euler's number e = 2.71828…"))
        registry.register(Constant("inf", .number(.infinity), doc: "Positive infinity."))
        registry.register(Constant("nan", .number(.nan), doc: "Not a number (the result of 0 * inf and similar)."))

        registry.register("abs", parameters: [.init("x", .any, doc: "a number or a tensor")], returns: .any,
                          doc: "|x|; elementwise for a tensor; an integer stays an integer.") { call in
            switch try call.value("x") {
            case .integer(let n):
                guard n != Int.min else { throw call.error("integer overflow in abs(\(n))", argument: "x") }
                return .integer(Swift.abs(n))
            case .tensor(let t): return .tensor(t.applying(.abs))
            default: return .number(Swift.abs(try call.double("x")))
            }
        }
        registerElementwise("sqrt", .sqrt, Foundation.sqrt, doc: "The square root √x (nan below 0); elementwise for a tensor.", into: &registry)
        registerElementwise("exp", .exp, Foundation.exp, doc: "e to the power x; elementwise for a tensor.", into: &registry)
        registerElementwise("log", .log, Foundation.log, doc: "The natural logarithm (-inf at 0, nan below); elementwise for a tensor.", into: &registry)

        registry.register("floor", parameters: [.init("x", .number)], returns: .int,
                          doc: "The largest integer ≤ x.") { call in
            let x = try call.double("x")
            guard let n = Int(exactly: x.rounded(.down)) else { throw call.error("floor(\(ValueFormatter.number(x))) is not an integer", argument: "x") }
            return .integer(n)
        }
        registry.register(
            "round", parameters: [.init("x", .number), .optional("digits", .int, doc: "decimal places to keep")], returns: .number,
            doc: "x rounded to the nearest integer (ties to even, as in Python) — an integer; with digits, a number with that many decimals.") { call in
            let x = try call.double("x")
            guard let digits = try call.optionalInt("digits") else {
                guard let n = Int(exactly: x.rounded(.toNearestOrEven)) else { throw call.error("round(\(ValueFormatter.number(x))) is not an integer", argument: "x") }
                return .integer(n)
            }
            let scale = pow(10.0, Double(max(-308, min(308, digits))))
            return .number((x * scale).rounded(.toNearestOrEven) / scale)
        }
        registry.register("min", variadic: true, returns: .number,
                          doc: "The smallest of its arguments, or of the elements of one list, range or tensor.") { call in
            try extremum(call, name: "min", less: true)
        }
        registry.register("max", variadic: true, returns: .number,
                          doc: "The largest of its arguments, or of the elements of one list, range or tensor.") { call in
            try extremum(call, name: "max", less: false)
        }
        registry.register("sum", parameters: [.init("xs", .any, doc: "a list or range of numbers or tensors, or a tensor")], returns: .any,
                          doc: "The sum of the elements (0 for an empty list); all elements of a tensor.") { call in
            if case .tensor(let t) = try call.value("xs") { return .number(t.scalars.reduce(0, +)) }
            var total = Value.integer(0)
            for element in try call.list("xs") {
                do {
                    total = try Operators.binary(.add, total, element)
                } catch let error as RuntimeError {
                    throw call.error("sum: \(error.message)", argument: "xs")
                }
            }
            return total
        }
        registry.register("median", parameters: [.init("xs", .any, doc: "a list or range of numbers, or a tensor")], returns: .number,
                          doc: "The median of the numbers, ignoring nan (as numpy's nanmedian); nan when none is left.") { call in
            let xs = try finiteNumbers(call).sorted()
            guard !xs.isEmpty else { return .number(.nan) }
            return .number(xs.count % 2 == 1 ? xs[xs.count / 2] : (xs[xs.count / 2 - 1] + xs[xs.count / 2]) / 2)
        }
        registry.register("mean", parameters: [.init("xs", .any, doc: "a list or range of numbers, or a tensor")], returns: .number,
                          doc: "The mean of the numbers, ignoring nan (as numpy's nanmean); nan when none is left.") { call in
            let xs = try finiteNumbers(call)
            return .number(xs.isEmpty ? .nan : xs.reduce(0, +) / Double(xs.count))
        }
        registerAssertClose(into: &registry)
    }

    /// The numbers of `xs` (a list, range or tensor) without nan.
    private static func finiteNumbers(_ call: BuiltinCall) throws -> [Double] {
        if case .tensor(let t) = try call.value("xs") { return t.scalars.filter { !$0.isNaN } }
        return try call.list("xs").map { try $0.asDouble(for: "an element of xs") }.filter { !$0.isNaN }
    }

    /// A builtin applying `op` to a tensor elementwise and `scalar` to a number.
    private static func registerElementwise(_ name: String, _ op: UnaryOp, _ scalar: @escaping (Double) -> Double, doc: String,
                                            into registry: inout BuiltinRegistry) {
        registry.register(name, parameters: [.init("x", .any, doc: "a number or a tensor")], returns: .any, doc: doc) { call in
            if case .tensor(let t) = try call.value("x") { return .tensor(t.applying(op)) }
            return .number(scalar(try call.double("x")))
        }
    }

    /// `min` or `max` over the arguments, or over the elements of a single list, range or tensor.
    private static func extremum(_ call: BuiltinCall, name: String, less: Bool) throws -> Value {
        var candidates = call.variadicArguments
        if candidates.count == 1 {
            switch candidates[0] {
            case .tensor(let t): candidates = t.scalars.map(Value.number)
            case .list, .range: candidates = try candidates[0].asList(for: name)
            default: break
            }
        }
        guard var best = candidates.first else { throw call.error("\(name) of nothing", hint: "give numbers or a non-empty list") }
        for candidate in candidates.dropFirst() {
            let isLess: Bool
            do {
                isLess = try Operators.binary(.less, candidate, best).isEqual(to: .bool(true))
            } catch let error as RuntimeError {
                throw call.error("\(name): \(error.message)")
            }
            if isLess == less && !candidate.isEqual(to: best) { best = candidate }
        }
        return best
    }

    private static func registerAssertClose(into registry: inout BuiltinRegistry) {
        registry.register(
            "assert_close",
            parameters: [.init("a", .any, doc: "a number, list or tensor"), .init("b", .any, doc: "the expected value, same shape"),
                         .init("rtol", .number, default: .number(1e-7), doc: "relative tolerance"),
                         .init("atol", .number, default: .number(0), doc: "absolute tolerance")],
            returns: ValueTypeHint.none,
            doc: "Stops the script unless |a − b| ≤ atol + rtol·|b| for every element (NaNs never match).") { call in
            let a = try call.tensor("a"), b = try call.tensor("b")
            let rtol = try call.double("rtol"), atol = try call.double("atol")
            guard a.shape == b.shape else {
                throw call.error("assert_close: shapes \(describeShape(a.shape)) and \(describeShape(b.shape)) differ")
            }
            for (index, (x, y)) in zip(a.scalars, b.scalars).enumerated() {
                let tolerance = atol + rtol * Swift.abs(y)
                guard Swift.abs(x - y) <= tolerance else {
                    let position = a.rank == 0 ? "" : " at element \(index)"
                    throw call.error("assert_close failed\(position): \(ValueFormatter.number(x)) vs \(ValueFormatter.number(y)) "
                                     + "(difference \(ValueFormatter.number(Swift.abs(x - y))) > tolerance \(ValueFormatter.number(tolerance)))")
                }
            }
            return .none
        }
    }
}
