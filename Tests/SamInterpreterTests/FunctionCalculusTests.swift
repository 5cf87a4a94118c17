import Foundation
import SamInterpreter
import SamLanguage
import Tensors
import TestSupport
import XCTest

/// `loss`, `grad`, `hvp` and `hessian` of `.sam` functions, traced into autodiff programs: closed forms,
/// finite-difference oracles, symmetry, and the structure of points and results.
final class FunctionCalculusTests: XCTestCase {
    /// A script run in an interpreter whose globals the test then calls.
    struct Session {
        let interpreter: Interpreter
        let output: StringSink

        init(_ source: String) throws {
            let registry = BuiltinRegistry.standard()
            let analysis = Frontend.analyze(SourceFile(name: "main.sam", text: source), checker: Checker(catalog: registry.catalog))
            XCTAssertFalse(analysis.hasErrors, "\(analysis.diagnostics)")
            output = StringSink()
            interpreter = Interpreter(registry: registry, context: InterpreterContext(output: output, outputDirectory: NSTemporaryDirectory()))
            try interpreter.run(analysis.node)
        }

        /// `builtin(f, arguments..., named...)` for the global function `f`.
        func call(_ builtin: String, _ f: String, _ arguments: [Value], named: [(String, Value)] = []) throws -> Value {
            let function = try XCTUnwrap(interpreter.registry.functions[builtin])
            let callee = try XCTUnwrap(interpreter.global(f))
            return try interpreter.call(.builtin(function), [callee] + arguments, named: named)
        }

        func tensor(_ builtin: String, _ f: String, _ arguments: [Value], named: [(String, Value)] = []) throws -> Tensor {
            guard case .tensor(let t) = try call(builtin, f, arguments, named: named) else { throw RuntimeError("\(builtin) did not return a tensor") }
            return t
        }

        func number(_ builtin: String, _ f: String, _ arguments: [Value], named: [(String, Value)] = []) throws -> Double {
            try call(builtin, f, arguments, named: named).asDouble(for: builtin)
        }
    }

    private func vector(_ xs: [Double]) -> Value { .tensor(Tensor(xs)) }

    func testXYMinusOneSquaredMatchesItsClosedForms() throws {
        let session = try Session("fn f(p) {\n  return (p[0] * p[1] - 1) ** 2\n}\n")
        for (x, y) in [(2.0, 3.0), (0.5, -1.25), (-0.3, 0.7), (1.0, 1.0), (0.0, 0.0)] {
            let w = vector([x, y]), r = x * y - 1
            XCTAssertEqual(try session.number("loss", "f", [w]), r * r, accuracy: 1e-14)
            let g = try session.tensor("grad", "f", [w])
            XCTAssertEqual(g.dtype, .float64)
            XCTAssertNil(firstMismatch(g.scalars, [2 * r * y, 2 * r * x], rtol: 1e-14, atol: 1e-14), "grad at (\(x), \(y))")
            let h = try session.tensor("hessian", "f", [w])
            XCTAssertEqual(h.shape, [2, 2])
            let expected = [2 * y * y, 4 * x * y - 2, 4 * x * y - 2, 2 * x * x]
            XCTAssertNil(firstMismatch(h.scalars, expected, rtol: 1e-14, atol: 1e-14), "hessian at (\(x), \(y))")
            let hv = try session.tensor("hvp", "f", [w, vector([0.5, -2])])
            XCTAssertNil(firstMismatch(hv.scalars, [0.5 * expected[0] - 2 * expected[1], 0.5 * expected[2] - 2 * expected[3]], rtol: 1e-13, atol: 1e-13))
        }
    }

    /// ½‖W3 W2 W1 x − y‖² with the three matrices in one flat vector, data passed as `args`.
    private let deepLinear = """
        fn f(w, x, y) {
          let W1 = reshape(w[0..<8], [4, 2])
          let W2 = reshape(w[8..<24], [4, 4])
          let W3 = reshape(w[24..<28], [1, 4])
          return 0.5 * sum(square(W3 @ W2 @ W1 @ x - y))
        }
        fn g(ws, x, y) => 0.5 * norm(ws[2] @ (ws[1] @ (ws[0] @ x)) - y) ** 2
        """

    private func deepLinearPoint(seed: UInt64) -> (w: Tensor, data: [Value]) {
        var rng = RandomGenerator(seed: seed)
        let w = rng.normalTensor([28], std: 0.7, dtype: .float64)
        return (w, [.tensor(rng.normalTensor([2, 5], std: 1, dtype: .float64)), .tensor(rng.normalTensor([1, 5], std: 1, dtype: .float64))])
    }

    func testDeepLinearNetworkHVPMatchesFiniteDifferencesOfGradients() throws {
        let session = try Session(deepLinear)
        for seed in [UInt64(1), 2, 3] {
            let (w, data) = deepLinearPoint(seed: seed)
            let args = [("args", Value.list(data))]
            var rng = RandomGenerator(seed: seed + 100)
            let v = rng.normalTensor([28], std: 1, dtype: .float64)
            let hv = try session.tensor("hvp", "f", [.tensor(w), .tensor(v)], named: args)
            let h = 1e-5
            var plus = w, minus = w
            plus.addScaled(v, h)
            minus.addScaled(v, -h)
            let gPlus = try session.tensor("grad", "f", [.tensor(plus)], named: args), gMinus = try session.tensor("grad", "f", [.tensor(minus)], named: args)
            let oracle = zip(gPlus.scalars, gMinus.scalars).map { ($0 - $1) / (2 * h) }
            let scale = oracle.map(Swift.abs).max() ?? 1
            XCTAssertNil(firstMismatch(hv.scalars, oracle, rtol: 1e-6, atol: 1e-6 * scale), "seed \(seed)")
        }
    }

    /// The deep linear network's Hessian against its closed form: with P = W3 W2 W1 and R = P x − y,
    /// H(u, v) = ⟨dP(u) x, dP(v) x⟩ + ⟨R, d²P(u, v) x⟩, where dP(u) = U3 W2 W1 + W3 U2 W1 + W3 W2 U1 and
    /// d²P(u, v) sums the six products with one factor from u, one from v and one W.
    func testDeepLinearNetworkHessianMatchesItsClosedForm() throws {
        let session = try Session(deepLinear)
        for seed in [UInt64(4), 5] {
            let (w, data) = deepLinearPoint(seed: seed)
            guard case .tensor(let x) = data[0], case .tensor(let y) = data[1] else { return XCTFail("data") }
            let h = try session.tensor("hessian", "f", [.tensor(w)], named: [("args", .list(data))])
            let expected = DeepLinearClosedForm(w: w.scalars, x: x, y: y).hessian()
            let scale = expected.map(Swift.abs).max() ?? 1
            XCTAssertNil(firstMismatch(h.scalars, expected, rtol: 1e-12, atol: 1e-12 * scale), "seed \(seed)")
        }
    }

    func testDenseHessianIsSymmetricEqualsHVPColumnsAndAgreesAcrossParameterisations() throws {
        let session = try Session(deepLinear)
        let (w, data) = deepLinearPoint(seed: 7)
        let args = [("args", Value.list(data))]
        let hessian = try session.tensor("hessian", "f", [.tensor(w)], named: args)
        XCTAssertEqual(hessian.shape, [28, 28])
        let m = hessian.scalars, scale = m.map(Swift.abs).max() ?? 1
        for i in 0..<28 { for j in 0..<i { XCTAssertEqual(m[i * 28 + j], m[j * 28 + i], accuracy: 1e-12 * scale) } }
        var e = Tensor(zeros: [28], dtype: .float64)
        e.setScalar(1, at: 5)
        let column = try session.tensor("hvp", "f", [.tensor(w), .tensor(e)], named: args)
        XCTAssertNil(firstMismatch(column.scalars, (0..<28).map { m[$0 * 28 + 5] }, rtol: 1e-12, atol: 1e-12 * scale))

        // The same loss of three matrix parameters: gradients come back as a list, the Hessian is over their concatenation.
        let pieces = [try w.rows(Array(0..<8)).reshaped([4, 2]), try w.rows(Array(8..<24)).reshaped([4, 4]), try w.rows(Array(24..<28)).reshaped([1, 4])]
        let list = Value.list(pieces.map(Value.tensor))
        guard case .list(let grads) = try session.call("grad", "g", [list], named: args) else { return XCTFail("grad of a list is a list") }
        XCTAssertEqual(try grads.map { try $0.asTensor(for: "g").shape }, [[4, 2], [4, 4], [1, 4]])
        let flatGrad = try grads.flatMap { try $0.asTensor(for: "g").scalars }
        XCTAssertNil(firstMismatch(flatGrad, try session.tensor("grad", "f", [.tensor(w)], named: args).scalars, rtol: 1e-12, atol: 1e-12))
        XCTAssertNil(firstMismatch(try session.tensor("hessian", "g", [list], named: args).scalars, m, rtol: 1e-10, atol: 1e-12 * scale))
        XCTAssertEqual(try session.number("loss", "g", [list], named: args), try session.number("loss", "f", [.tensor(w)], named: args), accuracy: 1e-12)
    }

    /// Every traced operator and builtin at once: the gradient against central differences of the value,
    /// the HVP against central differences of the gradient.
    func testTracedOperationsDifferentiateCorrectly() throws {
        let session = try Session("""
            let A = tensor([[0.5, -1.0, 0.25], [1.5, 0.5, -0.5]])
            fn f(w) {
              let m = reshape(w[0..<6], [2, 3])
              let v = w[6..<9]
              let s = tensor([w[0], 2 * w[1], 3.0])
              let a = sum(tanh(m @ v)) + mean(exp(v / 2)) - log(1 + square(w[2])) + sqrt(2 + w[3] ** 2)
              let b = dot(transpose(m), transpose(A)) + norm(v - 1) + sum(outer(v, s)) / 3 + sum(relu(v)) + sum(abs(m)) / 5
              let c = 1 / (2 + w[4] ** 2) + w[5] ** -2 + 2 ** w[0] + w[8] ** 3 - (-w[7]) * 0.5 + sum([w[0], w[1], 1.0]) * mean(A)
              return (a + b * c) / (1 + len(v) - shape(m)[0]) + sum(m[1] * m[-1]) + m[0, 2]
            }
            """)
        var rng = RandomGenerator(seed: 11)
        let w = rng.normalTensor([9], std: 0.5, dtype: .float64)
        var wv = w
        wv.setScalar(1.3, at: 5)  // away from w[5] = 0, where w ** -2 is singular
        // The traced program computes what the interpreter computes on plain tensors.
        let plain = try session.interpreter.call(try XCTUnwrap(session.interpreter.global("f")).asFunction(for: "f"), [.tensor(wv)])
        XCTAssertEqual(try session.number("loss", "f", [.tensor(wv)]), try plain.asDouble(for: "f"), accuracy: 1e-12)
        let g = try session.tensor("grad", "f", [.tensor(wv)])
        let valueOracle = try FiniteDifferences.gradient({ try session.number("loss", "f", [.tensor($0)]) }, at: wv)
        XCTAssertNil(firstMismatch(g.scalars, valueOracle, rtol: 1e-6, atol: 1e-7))
        let v = rng.normalTensor([9], std: 1, dtype: .float64)
        let hv = try session.tensor("hvp", "f", [.tensor(wv), .tensor(v)])
        let h = 1e-5
        var plus = wv, minus = wv
        plus.addScaled(v, h)
        minus.addScaled(v, -h)
        let oracle = zip(try session.tensor("grad", "f", [.tensor(plus)]).scalars, try session.tensor("grad", "f", [.tensor(minus)]).scalars).map { ($0 - $1) / (2 * h) }
        XCTAssertNil(firstMismatch(hv.scalars, oracle, rtol: 1e-6, atol: 1e-6))
    }

    func testFloat32PointsStayFloat32AndQuadraticsStillWork() throws {
        let session = try Session("""
            fn f(w) => sum(w * w * w)
            let q = quadratic(eigenvalues: [4.0, 1.0], seed: 1)
            """)
        let g = try session.tensor("grad", "f", [.tensor(Tensor([Float(1), 2]))])
        XCTAssertEqual(g.dtype, .float32)
        XCTAssertEqual(g.scalars, [3, 12])
        let q = try XCTUnwrap(session.interpreter.global("q"))
        let e = Tensor([1.0, 0.0])
        let registry = session.interpreter.registry
        func call(_ name: String, _ arguments: [Value], named: [(String, Value)] = []) throws -> Tensor {
            try session.interpreter.call(.builtin(try XCTUnwrap(registry.functions[name])), arguments, named: named).asTensor(for: name)
        }
        let hessian = try call("hessian", [q])
        XCTAssertEqual(try call("hvp", [q, .tensor(e)]).scalars, [hessian.scalars[0], hessian.scalars[2]])
        XCTAssertEqual(try call("hvp", [q], named: [("v", .tensor(e))]).scalars, [hessian.scalars[0], hessian.scalars[2]])
        XCTAssertEqual(try call("grad", [q, .tensor(e)]).scalars, [hessian.scalars[0], hessian.scalars[2]])
    }
}

/// The closed-form Hessian of ½‖W3 W2 W1 x − y‖² (W1 4×2, W2 4×4, W3 1×4, flattened row-major in that
/// order), by plain loops: the oracle of ``FunctionCalculusTests/testDeepLinearNetworkHessianMatchesItsClosedForm``.
private struct DeepLinearClosedForm {
    /// A row-major matrix.
    struct Matrix {
        var rows: Int, columns: Int, values: [Double]

        static func * (a: Matrix, b: Matrix) -> Matrix {
            var out = Matrix(rows: a.rows, columns: b.columns, values: Array(repeating: 0, count: a.rows * b.columns))
            for i in 0..<a.rows { for k in 0..<a.columns { for j in 0..<b.columns {
                out.values[i * b.columns + j] += a.values[i * a.columns + k] * b.values[k * b.columns + j]
            } } }
            return out
        }

        static func + (a: Matrix, b: Matrix) -> Matrix { Matrix(rows: a.rows, columns: a.columns, values: zip(a.values, b.values).map(+)) }

        func dot(_ other: Matrix) -> Double { zip(values, other.values).reduce(0) { $0 + $1.0 * $1.1 } }
    }

    let shapes = [(4, 2), (4, 4), (1, 4)]
    let weights: [Matrix], x: Matrix, residual: Matrix

    init(w: [Double], x: Tensor, y: Tensor) {
        var offset = 0, weights: [Matrix] = []
        for (r, c) in shapes {
            weights.append(Matrix(rows: r, columns: c, values: Array(w[offset..<offset + r * c])))
            offset += r * c
        }
        self.weights = weights
        self.x = Matrix(rows: x.shape[0], columns: x.shape[1], values: x.scalars)
        let prediction = weights[2] * weights[1] * weights[0] * self.x
        residual = Matrix(rows: y.shape[0], columns: y.shape[1], values: zip(prediction.values, y.scalars).map(-))
    }

    /// The direction e_i as the three matrices (zero except one entry).
    func basis(_ i: Int) -> [Matrix] {
        var offset = 0
        return shapes.map { r, c in
            var m = Matrix(rows: r, columns: c, values: Array(repeating: 0, count: r * c))
            if (offset..<offset + r * c).contains(i) { m.values[i - offset] = 1 }
            offset += r * c
            return m
        }
    }

    /// dP(u) x.
    func firstDerivative(_ u: [Matrix]) -> Matrix {
        let w = weights
        return (u[2] * w[1] * w[0] + w[2] * u[1] * w[0] + w[2] * w[1] * u[0]) * x
    }

    /// d²P(u, v) x.
    func secondDerivative(_ u: [Matrix], _ v: [Matrix]) -> Matrix {
        let w = weights
        let terms = u[2] * v[1] * w[0] + v[2] * u[1] * w[0] + u[2] * w[1] * v[0] + v[2] * w[1] * u[0] + w[2] * u[1] * v[0] + w[2] * v[1] * u[0]
        return terms * x
    }

    func hessian() -> [Double] {
        let d = 28, directions = (0..<d).map(basis), first = directions.map(firstDerivative)
        var h = [Double](repeating: 0, count: d * d)
        for i in 0..<d { for j in 0..<d {
            h[i * d + j] = first[i].dot(first[j]) + residual.dot(secondDerivative(directions[i], directions[j]))
        } }
        return h
    }
}
