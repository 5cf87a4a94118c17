import XCTest
import Tensors
import Autodiff
import TestSupport

/// One table of every primitive (and the composites built on them) with its domain; one test walks it.
/// Linear primitives are composed with a square so their second derivatives are exercised too.
final class PrimitiveDerivativeTests: XCTestCase {
    typealias F = ([Var]) throws -> Var

    static let pool = try! WindowGeometry(inputHeight: 4, inputWidth: 4, kernelHeight: 2, kernelWidth: 2, strideY: 2, strideX: 2, samePadding: false)
    static let conv = try! WindowGeometry(inputHeight: 4, inputWidth: 3, kernelHeight: 3, kernelWidth: 3, samePadding: true)

    static let table: [(name: String, shapes: [[Int]], domain: DerivativeCheck.Domain, f: F)] = [
        ("negate", [[3, 4]], .real, { -$0[0] }),
        ("exp", [[3, 4]], .real, { $0[0].exp() }),
        ("log", [[3, 4]], .positive, { $0[0].log() }),
        ("tanh", [[3, 4]], .real, { $0[0].tanh() }),
        ("sqrt", [[3, 4]], .positive, { $0[0].sqrt() }),
        ("square", [[3, 4]], .real, { $0[0].square() }),
        ("reciprocal", [[3, 4]], .positive, { $0[0].reciprocal() }),
        ("abs", [[3, 4]], .awayFromZero, { $0[0].apply(.abs).square() }),
        ("relu", [[3, 4]], .awayFromZero, { $0[0].relu().square() }),
        ("affine", [[3, 4]], .real, { $0[0].affine(scale: -1.5, shift: 2).square() }),
        ("add broadcast row", [[3, 4], [4]], .real, { try ($0[0] + $0[1]).square() }),
        ("subtract broadcast column", [[3, 4], [3, 1]], .real, { try ($0[0] - $0[1]).square() }),
        ("multiply broadcast", [[3, 4], [1, 4]], .real, { try $0[0] * $0[1] }),
        ("divide broadcast", [[3, 4], [4]], .positive, { try $0[0] / $0[1] }),
        ("sumTo", [[3, 4]], .real, { try $0[0].sum(to: [1, 4]).square() }),
        ("sum axes", [[2, 3, 4]], .real, { try $0[0].sum(axes: [0, 2]).square() }),
        ("mean", [[2, 3, 4]], .real, { try $0[0].mean(axes: [1]).square() }),
        ("broadcastTo", [[4]], .real, { try $0[0].broadcast(to: [3, 4]).square() }),
        ("reshape", [[3, 4]], .real, { try $0[0].reshaped([2, 6]).square() }),
        ("transpose", [[2, 3, 4]], .real, { try $0[0].transposed([2, 0, 1]).square() }),
        ("matmul", [[3, 4], [4, 5]], .real, { try $0[0].matmul($0[1]).square() }),
        ("matmul transA", [[4, 3], [4, 5]], .real, { try $0[0].matmul($0[1], transA: true).square() }),
        ("matmul transB", [[3, 4], [5, 4]], .real, { try $0[0].matmul($0[1], transB: true).square() }),
        ("matmul both", [[4, 3], [5, 4]], .real, { try $0[0].matmul($0[1], transA: true, transB: true).square() }),
        ("matmul batched", [[2, 3, 4], [2, 4, 5]], .real, { try $0[0].matmul($0[1]).square() }),
        ("matmul batched transposes", [[2, 4, 3], [2, 5, 4]], .real, { try $0[0].matmul($0[1], transA: true, transB: true).square() }),
        ("matmul shared right", [[2, 3, 4], [4, 5]], .real, { try $0[0].matmul($0[1]).square() }),
        ("matmul shared right transB", [[2, 3, 4], [5, 4]], .real, { try $0[0].matmul($0[1], transB: true).square() }),
        ("im2col", [[2, 4, 3, 2]], .real, { x in try x[0].graph.apply(.im2col(conv), [x[0]]).square() }),
        ("col2im", [[2 * 12, 18]], .real, { x in try x[0].graph.apply(.col2im(conv, imageShape: [2, 4, 3, 2]), [x[0]]).square() }),
        ("maxpool", [[2, 4, 4, 3]], .real, { x in try x[0].graph.apply(.poolGather(pool), [x[0], x[0]]).square() }),
        ("maxpool transpose", [[2, 4, 4, 3], [2, 2, 2, 3]], .real, { x in try x[0].graph.apply(.poolScatter(pool), [x[0].stopGradient(), x[1]]).square() }),
        ("embedding", [[5, 3]], .real, { x in
            try x[0].graph.apply(.gatherRows, [x[0], x[0].graph.constant(try Tensor(shape: [2, 2], scalars: [4, 0, 4, 2], dtype: .float64))]).square()
        }),
        ("embedding transpose", [[2, 2, 3]], .real, { x in
            try x[0].graph.apply(.scatterRows(rows: 5), [x[0], x[0].graph.constant(try Tensor(shape: [2, 2], scalars: [4, 0, 4, 2], dtype: .float64))]).square()
        }),
        ("logSumExp", [[3, 5]], .real, { try $0[0].logSumExp(axis: 1) }),
        ("softmax", [[3, 5]], .real, { try $0[0].softmax(axis: 1) }),
        ("logSoftmax", [[3, 5]], .real, { try $0[0].logSoftmax(axis: -1) }),
        ("tiny MLP", [[4, 3], [3, 5], [5], [5, 2]], .real, { x in
            let h = try (try x[0].matmul(x[1]) + x[2]).tanh()
            return try h.matmul(x[3]).square().mean()
        }),
    ]

    func testEveryPrimitiveJVPVJPAndSecondOrder() throws {
        var failures: [String] = []
        for (i, entry) in Self.table.enumerated() {
            failures += try DerivativeCheck.check(entry.name, shapes: entry.shapes, domain: entry.domain, seed: UInt64(i + 1), entry.f)
        }
        XCTAssertTrue(failures.isEmpty, failures.joined(separator: "\n"))
    }

    /// The table covers every primitive kind that has derivative rules.
    func testTableCoversEveryDifferentiablePrimitive() {
        let names = Set(Self.table.map(\.name))
        for required in ["negate", "exp", "log", "tanh", "sqrt", "square", "reciprocal", "abs", "relu", "affine", "sumTo",
                         "broadcastTo", "reshape", "transpose", "matmul", "im2col", "col2im", "maxpool", "maxpool transpose",
                         "embedding", "embedding transpose"] {
            XCTAssertTrue(names.contains(required), "no derivative check for \(required)")
        }
    }

    /// stopGradient is the identity with a zero derivative: d/dx [x²·sg(x)] = 2x·x, not 3x².
    func testStopGradientBlocksDerivatives() throws {
        let x = Tensor([1.5, -2.0])
        let g = try Transforms.grad({ v in try (try v[0].square() * v[0].stopGradient()).sum() }, at: [x])[0]
        XCTAssertEqual(g.scalars, [2 * 1.5 * 1.5, 2 * -2.0 * -2.0])
        let hv = try Transforms.hvp({ v in try (try v[0].square() * v[0].stopGradient()).sum() }, at: [x], vectors: [Tensor([1.0, 1.0])])[0]
        XCTAssertEqual(hv.scalars, [2 * 1.5, 2 * -2.0])
    }

    func testMaxWithoutStopGradientIsAnError() throws {
        let g = Graph()
        let x = g.input("x", shape: [3], dtype: .float64)
        let m = try g.apply(.maxTo([1]), [x])
        XCTAssertThrowsError(try g.gradients(of: m.sum(), wrt: [x]))
    }
}
