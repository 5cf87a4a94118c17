import Foundation
import XCTest
import Tensors
import Autodiff
import TestSupport

/// Hessian-vector products against (a) a closed-form quadratic, (b) the dense Hessian of a tiny network
/// assembled from finite differences of gradients, (c) symmetry uᵀ(Hv) = vᵀ(Hu).
final class HessianVectorProductTests: XCTestCase {
    /// f(w) = ½ wᵀAw + bᵀw has H = A exactly.
    func testQuadraticHessianIsExact() throws {
        var rng = RandomGenerator(seed: 2)
        let n = 6
        let r = rng.normalTensor([n, n], dtype: .float64)
        let a = try (r + (try r.transposed())).affine(scale: 0.5)
        let b = rng.normalTensor([n, 1], dtype: .float64)
        let layout = ParameterLayout([("w", [n, 1])])
        let f = try DifferentiableFunction(layout: layout, data: [], dtype: .float64) { p, _ in
            let g = p[0].graph
            let aw = try g.constant(a).matmul(p[0])
            return try (try (try p[0] * aw).sum().affine(scale: 0.5)) + (try (try g.constant(b) * p[0]).sum())
        }
        let w = rng.normalTensor([n], dtype: .float64), v = rng.normalTensor([n], dtype: .float64)
        let hv = try f.hessianVectorProduct(at: w, data: [], vector: v)
        let expected = try Tensor.matmul(a, v.reshaped([n, 1])).scalars
        XCTAssertNil(firstMismatch(hv.scalars, expected, rtol: 1e-13, atol: 1e-13))
        let (value, grad) = try f.valueAndGradient(at: w, data: [])
        let aw = try Tensor.matmul(a, w.reshaped([n, 1]))
        XCTAssertTrue(isClose(value, 0.5 * (try w.dot(aw)) + (try w.dot(b)), rtol: 1e-13))
        XCTAssertNil(firstMismatch(grad.scalars, try (aw + b).scalars, rtol: 1e-13, atol: 1e-13))
    }

    private func tinyNetwork() throws -> (DifferentiableFunction, [Tensor]) {
        let layout = ParameterLayout([("w1", [3, 4]), ("b1", [4]), ("w2", [4, 2]), ("b2", [2])])
        var rng = RandomGenerator(seed: 4)
        let x = rng.normalTensor([5, 3], dtype: .float64), y = rng.normalTensor([5, 2], dtype: .float64)
        let f = try DifferentiableFunction(layout: layout, data: [("x", [5, 3]), ("y", [5, 2])], dtype: .float64) { p, d in
            let h = try (try d[0].matmul(p[0]) + p[1]).tanh()
            let out = try h.matmul(p[2]) + p[3]
            let e = try out - d[1]
            return try e.square().mean()
        }
        return (f, [x, y])
    }

    func testTinyNetworkHVPMatchesFiniteDifferenceHessian() throws {
        let (f, data) = try tinyNetwork()
        var rng = RandomGenerator(seed: 8)
        let w = rng.normalTensor([f.layout.dimension], dtype: .float64)
        let d = f.layout.dimension
        let dense = try FiniteDifferences.hessian({ try f.valueAndGradient(at: $0, data: data).gradient }, at: w)
        var columns = [Double](repeating: 0, count: d * d)
        for j in 0..<d {
            var e = Tensor(zeros: [d], dtype: .float64)
            e.setScalar(1, at: j)
            let col = try f.hessianVectorProduct(at: w, data: data, vector: e).scalars
            for i in 0..<d { columns[i * d + j] = col[i] }
        }
        XCTAssertLessThan(relativeDistance(columns, dense), 1e-7)
        // The gradient itself against finite differences of the value.
        let fdGrad = try FiniteDifferences.gradient({ try f.value(at: $0, data: data) }, at: w)
        XCTAssertLessThan(relativeDistance(try f.valueAndGradient(at: w, data: data).gradient.scalars, fdGrad), 1e-8)
        // Forward mode agrees with the gradient.
        let v = rng.normalTensor([d], dtype: .float64)
        let (_, dd) = try f.valueAndDirectionalDerivative(at: w, data: data, direction: v)
        XCTAssertTrue(isClose(dd, try f.valueAndGradient(at: w, data: data).gradient.dot(v), rtol: 1e-12))
    }

    func testHVPIsSymmetricAndRepeatable() throws {
        let (f, data) = try tinyNetwork()
        var rng = RandomGenerator(seed: 9)
        let w = rng.normalTensor([f.layout.dimension], dtype: .float64)
        let u = rng.normalTensor([f.layout.dimension], dtype: .float64), v = rng.normalTensor([f.layout.dimension], dtype: .float64)
        let hv = try f.hessianVectorProduct(at: w, data: data, vector: v)
        let hu = try f.hessianVectorProduct(at: w, data: data, vector: u)
        XCTAssertTrue(isClose(try u.dot(hv), try v.dot(hu), rtol: 1e-12))
        // Reusing the compiled program gives identical numbers.
        XCTAssertEqual(try f.hessianVectorProduct(at: w, data: data, vector: v).scalars, hv.scalars)
    }

    func testShapeErrorsAtTraceTimeNameTheShapes() {
        XCTAssertThrowsError(try DifferentiableFunction(layout: ParameterLayout([("w", [3, 4])]), data: [("x", [2, 5])], dtype: .float32) { p, d in
            try d[0].matmul(p[0]).sum()
        }) { error in XCTAssertTrue("\(error)".contains("[2, 5]") && "\(error)".contains("[3, 4]"), "\(error)") }
    }

    func testParameterLayoutRoundTrip() throws {
        let layout = ParameterLayout([("a", [2, 3]), ("b", [4])])
        XCTAssertEqual(layout.dimension, 10)
        let a = try Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6]), b = Tensor([7, 8, 9, 10] as [Float])
        let flat = try layout.flatten([a, b])
        XCTAssertEqual(flat.scalars, (1...10).map(Double.init))
        let back = try layout.unflatten(flat)
        XCTAssertEqual(back[0].shape, [2, 3])
        XCTAssertEqual(back[1].scalars, [7, 8, 9, 10])
        XCTAssertThrowsError(try layout.flatten([b, a]))
    }
}

/// Programs reuse their buffers: after the first calls, gradients and HVPs allocate no tensor storage,
/// and liveness-based slot reuse keeps a program's buffers below the sum of its intermediates.
final class ProgramMemoryTests: XCTestCase {
    func testRepeatedGradientAndHVPAllocateNothing() throws {
        let layout = ParameterLayout([("w1", [20, 30]), ("b1", [30]), ("w2", [30, 4])])
        let f = try DifferentiableFunction(layout: layout, data: [("x", [16, 20]), ("y", [16, 4])], dtype: .float32) { p, d in
            let h = try (try d[0].matmul(p[0]) + p[1]).relu()
            return try (try h.matmul(p[2]) - d[1]).square().mean()
        }
        var rng = RandomGenerator(seed: 1)
        let w = rng.normalTensor([layout.dimension], std: 0.1), x = rng.normalTensor([16, 20]), y = rng.normalTensor([16, 4])
        var g = Tensor(zeros: [layout.dimension]), hv = Tensor(zeros: [layout.dimension])
        let first = try f.valueAndGradient(at: w, data: [x, y], into: &g)
        try f.hessianVectorProduct(at: w, data: [x, y], vector: w, into: &hv)
        let (gSnapshot, hvSnapshot) = (g.scalars, hv.scalars)
        let before = TensorStorage.allocations
        for _ in 0..<5 {
            XCTAssertEqual(try f.valueAndGradient(at: w, data: [x, y], into: &g), first)
            try f.hessianVectorProduct(at: w, data: [x, y], vector: w, into: &hv)
        }
        XCTAssertEqual(TensorStorage.allocations, before)
        XCTAssertEqual(g.scalars, gSnapshot)
        XCTAssertEqual(hv.scalars, hvSnapshot)
    }

    func testSlotsAreReusedAlongAChain() throws {
        let g = Graph()
        let x = g.input("x", shape: [64, 64], dtype: .float32)
        var h = x
        for _ in 0..<10 { h = h.tanh() }
        let program = try Program(graph: g, inputs: [x], outputs: [h])
        XCTAssertLessThanOrEqual(program.slotBytes, 2 * 64 * 64 * 4, "a chain of 10 ops needs at most two live buffers")
        let out = try program.run([Tensor(repeating: 0.5, shape: [64, 64])])
        var expected = 0.5
        for _ in 0..<10 { expected = Foundation.tanh(expected) }
        XCTAssertEqual(out[0].scalar(at: 0), expected, accuracy: 1e-6)
    }
}
