import Foundation
import Autodiff
import NN
import Tensors
import TestSupport
import XCTest

/// Gradients and exact Hessian-vector products of every architecture under every loss, in Float64:
/// (a) TestSupport's `DerivativeCheck` on the loss as a function of the parameter tensors (JVP vs central
/// differences, VJP identity, HVP vs differences of the gradient), at standard-normal parameters;
/// (b) the `Objective` path at realistic initial parameters: gradient vs central differences of the value
/// along random directions (and coordinate by coordinate for the MLPs and the CNN), HVP vs central differences of the exact gradient, and `uᵀHv = vᵀHu`.
final class DerivativeTests: XCTestCase {
    private func check(_ model: any Model, _ loss: Loss, examples: Int = 3, file: StaticString = #filePath, line: UInt = #line) throws {
        let name = "\(model) / \(loss.rawValue)"
        let (inputs, targets) = TinyProblems.batch(for: model, examples: examples)

        // (a) DerivativeCheck over the parameter tensors.
        let shapes = model.layout.entries.map(\.shape)
        let failures = try DerivativeCheck.check(name, shapes: shapes, seed: 5) { p in
            let g = p[0].graph
            return try loss.apply(outputs: try model.apply(parameters: p, input: g.constant(inputs)), targets: g.constant(targets))
        }
        XCTAssertEqual(failures, [], file: file, line: line)

        // (b) The objective's compiled programs.
        let objective = Objective(model: model, loss: loss, dtype: .float64)
        let w = TinyProblems.parameters(for: model)
        let (value, gradient) = try objective.valueAndGradient(parameters: w, inputs: inputs, targets: targets)
        XCTAssertEqual(value, try objective.value(parameters: w, inputs: inputs, targets: targets), accuracy: 1e-14 * max(1, abs(value)), file: file, line: line)
        var rng = RandomGenerator(seed: 11)
        let f: (Tensor) throws -> Tensor = { Tensor([try objective.value(parameters: $0, inputs: inputs, targets: targets)]) }
        for _ in 0..<3 {
            let v = rng.normalTensor([w.count], dtype: .float64)
            let fd = try FiniteDifferences.directional({ try f($0[0]) }, at: [w], along: [v])[0]
            let exact = try gradient.dot(v)
            XCTAssertTrue(isClose(exact, fd, rtol: 1e-6, atol: 1e-9), "\(name): gradient·v \(exact) vs \(fd)", file: file, line: line)
        }
        if w.count < 400 {
            let fdGradient = try FiniteDifferences.gradient({ try objective.value(parameters: $0, inputs: inputs, targets: targets) }, at: w)
            XCTAssertLessThan(relativeDistance(gradient.scalars, fdGradient), 1e-7, "\(name): gradient vs coordinate differences", file: file, line: line)
        }
        let u = rng.normalTensor([w.count], dtype: .float64), v = rng.normalTensor([w.count], dtype: .float64)
        let hv = try objective.hessianVectorProduct(parameters: w, inputs: inputs, targets: targets, vector: v)
        let hu = try objective.hessianVectorProduct(parameters: w, inputs: inputs, targets: targets, vector: u)
        let h = 1e-5
        var plus = w, minus = w
        plus.addScaled(v, h)
        minus.addScaled(v, -h)
        let gp = try objective.valueAndGradient(parameters: plus, inputs: inputs, targets: targets).gradient.scalars
        let gm = try objective.valueAndGradient(parameters: minus, inputs: inputs, targets: targets).gradient.scalars
        let fdHV = zip(gp, gm).map { ($0 - $1) / (2 * h) }
        XCTAssertLessThan(relativeDistance(hv.scalars, fdHV), 1e-6, "\(name): HVP vs differences of the gradient", file: file, line: line)
        XCTAssertGreaterThan(hv.norm, 1e-6, "\(name): HVP is zero", file: file, line: line)
        XCTAssertTrue(isClose(try u.dot(hv), try v.dot(hu), rtol: 1e-10, atol: 1e-12), "\(name): HVP not symmetric", file: file, line: line)
    }

    func testMLPEveryActivationAndLoss() throws {
        for activation in Activation.allCases {
            for loss in Loss.allCases { try check(TinyProblems.mlp(activation), loss) }
        }
    }

    func testMLPWithoutBiases() throws {
        try check(try MLP(inputSize: 5, hiddenSizes: [4], outputSize: 3, activation: .tanh, useBias: false), .mse)
    }

    func testCNNEveryLoss() throws {
        for loss in Loss.allCases { try check(TinyProblems.cnn, loss, examples: 2) }
    }

    func testTransformerEveryLoss() throws {
        for loss in Loss.allCases { try check(TinyProblems.transformer, loss, examples: 2) }
    }

    func testGELUMatchesItsFormulaAndIsSmooth() throws {
        let xs: [Double] = [-3, -1, -0.5, 0, 0.5, 1, 3]
        let y = try Transforms.evaluate({ try $0[0].gelu() }, at: [Tensor(xs)]).scalars
        for (x, g) in zip(xs, y) {
            let expected = 0.5 * x * (1 + Foundation.tanh((2 / Double.pi).squareRoot() * (x + 0.044715 * x * x * x)))
            XCTAssertEqual(g, expected, accuracy: 1e-15)
        }
        XCTAssertEqual(try DerivativeCheck.check("gelu", shapes: [[4, 3]]) { try $0[0].gelu() }, [])
    }

    func testLayerNormDerivatives() throws {
        XCTAssertEqual(try DerivativeCheck.check("layerNorm", shapes: [[3, 5], [5], [5]]) {
            try $0[0].layerNorm(scale: $0[1], offset: $0[2], epsilon: 1e-6)
        }, [])
    }
}
