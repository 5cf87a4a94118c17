import Foundation
import Autodiff
import NN
import Tensors
import XCTest
@testable import samlab

/// The `.sam` MLP of `samlab bench` (``TracedMLPBenchmark``), traced through the interpreter as `grad` and
/// `train` trace it, is the built-in `mlp` with the mse loss: the same primitives in the same order, so the
/// same loss, gradient and Hessian-vector product bit for bit on the same parameters and data.
final class TracedMLPBenchmarkTests: XCTestCase {
    func testTheTracedSamMLPEqualsTheBuiltInMLPBitForBit() throws {
        for dtype in [DType.float32, .float64] {
            let model = try MLP(inputSize: 6, hiddenSizes: [9, 8, 7], outputSize: 4)
            var rng = RandomGenerator(seed: 5)
            let inputs = rng.normalTensor([11, 6], dtype: dtype), targets = rng.normalTensor([11, 4], dtype: dtype)
            // Non-zero biases, so that the bias gradients and their products are exercised.
            let w = rng.normalTensor([model.parameterCount], std: 0.5, dtype: dtype)
            let objective = Objective(model: model, loss: .mse, dtype: dtype)
            let traced = try TracedMLPBenchmark.compile(parameters: try model.layout.unflatten(w), data: [inputs, targets])
            // The same forward graph, node for node (so the same cost, not just the same numbers).
            let builtInGraph = try objective.function(inputShape: inputs.shape, targetShape: targets.shape).graph
            // (Input names differ: the traced function's are w0, w1, …, arg0, arg1.)
            func structure(_ graph: Graph) -> [String] {
                graph.nodes.map { $0.inputs.isEmpty ? "input \($0.shape)" : "\($0.primitive) \($0.inputs) \($0.shape)" }
            }
            XCTAssertEqual(structure(traced.graph), structure(builtInGraph))
            let (value, gradient) = try objective.valueAndGradient(parameters: w, inputs: inputs, targets: targets)

            XCTAssertEqual(traced.dtype, dtype)
            XCTAssertEqual(traced.layout.entries.map(\.shape), model.layout.entries.map(\.shape))
            let (tracedValue, tracedGradient) = try traced.valueAndGradient(at: w, data: [inputs, targets])
            XCTAssertEqual(tracedValue, value, "\(dtype) loss")
            XCTAssertEqual(tracedGradient.scalars, gradient.scalars, "\(dtype) gradient")
            let v = rng.normalTensor([model.parameterCount], dtype: dtype)
            XCTAssertEqual(try traced.hessianVectorProduct(at: w, data: [inputs, targets], vector: v).scalars,
                           try objective.hessianVectorProduct(parameters: w, inputs: inputs, targets: targets, vector: v).scalars, "\(dtype) HVP")
        }
    }
}
