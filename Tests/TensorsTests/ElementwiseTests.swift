import XCTest
import Foundation
import Tensors
import TestSupport

final class ElementwiseTests: XCTestCase {
    func testBroadcastingMatchesExplicitLoops() throws {
        var rng = RandomGenerator(seed: 1)
        let a = rng.normalTensor([2, 3, 4], dtype: .float64)
        let row = rng.normalTensor([4], dtype: .float64)
        let column = rng.normalTensor([2, 1, 1], dtype: .float64)
        let middle = rng.normalTensor([3, 1], dtype: .float64)
        for (other, index) in [(row, { (i: Int, j: Int, k: Int) in k }), (column, { i, _, _ in i }), (middle, { _, j, _ in j })] {
            for op in BinaryOp.allCases {
                let c = try Tensor.applying(op, a, other)
                XCTAssertEqual(c.shape, [2, 3, 4])
                let av = a.scalars, ov = other.scalars, cv = c.scalars
                for i in 0..<2 { for j in 0..<3 { for k in 0..<4 {
                    let x = av[(i * 3 + j) * 4 + k], y = ov[index(i, j, k)]
                    let expected: Double
                    switch op { case .add: expected = x + y; case .subtract: expected = x - y; case .multiply: expected = x * y; case .divide: expected = x / y }
                    XCTAssertEqual(cv[(i * 3 + j) * 4 + k], expected, "\(op)")
                } } }
            }
        }
        XCTAssertThrowsError(try Tensor.applying(.add, a, Tensor(zeros: [5], dtype: .float64)))
    }

    func testUnaryOps() {
        let x = Tensor([-2.0, -0.5, 0, 0.5, 3])
        XCTAssertEqual(x.applying(.relu).scalars, [0, 0, 0, 0.5, 3])
        XCTAssertEqual(x.applying(.step).scalars, [0, 0, 0, 1, 1])
        XCTAssertEqual(x.applying(.square).scalars, [4, 0.25, 0, 0.25, 9])
        XCTAssertTrue(isClose(x.applying(.tanh).scalars[4], Foundation.tanh(3.0), rtol: 1e-15))
        XCTAssertEqual(x.affine(scale: 2, shift: 1).scalars, [-3, 0, 1, 2, 7])
    }

    func testReductionsToShapesAndAxes() throws {
        let x = try Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6], dtype: .float64)
        XCTAssertEqual(try x.sum().scalars, [21])
        XCTAssertEqual(try x.sum(axes: [0]).scalars, [5, 7, 9])
        XCTAssertEqual(try x.sum(axes: [1], keepDims: true).shape, [2, 1])
        XCTAssertEqual(try x.sum(axes: [-1]).scalars, [6, 15])
        XCTAssertEqual(try x.max(axes: [1]).scalars, [3, 6])
        XCTAssertEqual(try x.reduced(.sum, to: [1, 3]).scalars, [5, 7, 9])
        XCTAssertThrowsError(try x.reduced(.sum, to: [3, 1]))
        let big = try Tensor(shape: [2, 3, 4], scalars: (0..<24).map(Double.init), dtype: .float64)
        XCTAssertEqual(try big.reduced(.sum, to: [2, 1, 4]).scalars, [12, 15, 18, 21, 48, 51, 54, 57])
    }

    func testTransposeBroadcastSliceConcatenate() throws {
        let x = try Tensor(shape: [2, 3, 4], scalars: (0..<24).map(Double.init), dtype: .float64)
        let t = try x.transposed([2, 0, 1])
        XCTAssertEqual(t.shape, [4, 2, 3])
        XCTAssertEqual(t.scalar(at: try t.offset(of: [3, 1, 2])), x.scalar(at: try x.offset(of: [1, 2, 3])))
        XCTAssertEqual(try x.transposed([2, 0, 1]).transposed(Tensor.inversePermutation([2, 0, 1])).scalars, x.scalars)
        let b = try Tensor([1.0, 2.0]).reshaped([2, 1]).broadcast(to: [2, 3])
        XCTAssertEqual(b.scalars, [1, 1, 1, 2, 2, 2])
        XCTAssertEqual(try x.slice(rows: 1..<2).scalars, Array((12..<24).map(Double.init)))
        XCTAssertEqual(try Tensor.concatenate(rows: [x.slice(rows: 0..<1), x.slice(rows: 1..<2)]).scalars, x.scalars)
        XCTAssertEqual(try x.rows([1, 0]).scalar(at: 0), 12)
    }

    func testCopyOnWrite() {
        let a = Tensor([1.0, 2.0])
        var b = a
        b.setScalar(5, at: 0)
        XCTAssertEqual(a.scalars, [1, 2])
        XCTAssertEqual(b.scalars, [5, 2])
    }

    func testVectorAlgebra() throws {
        var x = Tensor([3.0, 4.0])
        XCTAssertEqual(x.norm, 5)
        XCTAssertEqual(try x.dot(Tensor([1.0, 2.0])), 11)
        x.addScaled(Tensor([1.0, 1.0]), -1)
        XCTAssertEqual(x.scalars, [2, 3])
        x.scale(by: 2)
        XCTAssertEqual(x.scalars, [4, 6])
        XCTAssertTrue(x.isFinite)
        XCTAssertEqual(x.converted(to: .float32).dtype, .float32)
    }
}
