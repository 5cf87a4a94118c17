import Foundation
import NN
import SamInterpreter
import SamLanguage
import Tensors
import XCTest

/// An MLP written in `.sam` and traced (``Interpreter/compile(_:parameters:isList:data:)``, the path of
/// `grad` and `train`) is the built-in `mlp` with the mse loss: the same primitives in the same order, so
/// the same loss, gradient and Hessian-vector product bit for bit on the same parameters and data.
final class TracedMLPTests: XCTestCase {
    static let source = """
        fn mlp_loss(p, x, y) {
          let h1 = relu(x @ p[0] + p[1])
          let h2 = relu(h1 @ p[2] + p[3])
          let h3 = relu(h2 @ p[4] + p[5])
          return mean(square(h3 @ p[6] + p[7] - y))
        }
        """

    func testATracedSamMLPEqualsTheBuiltInMLPBitForBit() throws {
        for dtype in [DType.float32, .float64] {
            let model = try MLP(inputSize: 6, hiddenSizes: [9, 8, 7], outputSize: 4)
            var rng = RandomGenerator(seed: 5)
            let inputs = rng.normalTensor([11, 6], dtype: dtype), targets = rng.normalTensor([11, 4], dtype: dtype)
            // Non-zero biases, so that the bias gradients and their products are exercised.
            let w = rng.normalTensor([model.parameterCount], std: 0.5, dtype: dtype)
            let objective = Objective(model: model, loss: .mse, dtype: dtype)
            let (value, gradient) = try objective.valueAndGradient(parameters: w, inputs: inputs, targets: targets)

            let registry = BuiltinRegistry.standard()
            let analysis = Frontend.analyze(SourceFile(name: "mlp.sam", text: Self.source), checker: Checker(catalog: registry.catalog))
            XCTAssertFalse(analysis.hasErrors, "\(analysis.diagnostics)")
            let interpreter = Interpreter(registry: registry, context: InterpreterContext(output: StringSink(), outputDirectory: NSTemporaryDirectory()))
            try interpreter.run(analysis.node)
            guard case .function(let f) = try XCTUnwrap(interpreter.global("mlp_loss")) else { return XCTFail("mlp_loss is not a function") }
            let traced = try interpreter.compile(f, parameters: try model.layout.unflatten(w), isList: true, data: [inputs, targets])
            XCTAssertEqual(traced.dtype, dtype)
            XCTAssertEqual(traced.layout.entries.map(\.shape), model.layout.entries.map(\.shape))
            let (tracedValue, tracedGradient) = try traced.valueAndGradient(at: w, data: [inputs, targets])
            XCTAssertEqual(tracedValue, value, "\(dtype) loss")
            XCTAssertEqual(tracedGradient.scalars, gradient.scalars, "\(dtype) gradient")
            let v = rng.normalTensor([model.parameterCount], dtype: dtype)
            XCTAssertEqual(try traced.hessianVectorProduct(at: w, data: [inputs, targets], vector: v).scalars,
                           try objective.hessianVectorProduct(parameters: w, inputs: inputs, targets: targets, vector: v).scalars, "\(dtype) HVP")
            // A second compile of the same shapes is the cached trace.
            XCTAssertTrue(try interpreter.compile(f, parameters: try model.layout.unflatten(w), isList: true, data: [inputs, targets]) === traced)
        }
    }
}
