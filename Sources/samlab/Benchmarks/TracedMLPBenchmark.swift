import Foundation
import Autodiff
import NN
import SamInterpreter
import SamLanguage
import Tensors

/// The paper's MNIST MLP (784→1000→1000→1000→10, ReLU, mse, 1000 examples) written as a `.sam` function,
/// traced by the interpreter into a compiled program (as `grad` and `train` trace it), against the built-in
/// `mlp` on the same parameters and data: loss+gradient and one exact HVP, each timed for both, alternately,
/// in the same row. The note gives the ratio; the target is a traced model within 5% of the built-in one,
/// and the two must agree bit for bit (they are the same primitives in the same order).
struct TracedMLPBenchmark {
    /// The `.sam` source: `p` is the list [W0, b0, W1, b1, W2, b2, W3, b3] (weights `[in, out]`).
    static let source = """
        fn mlp_loss(p, x, y) {
          let h1 = relu(x @ p[0] + p[1])
          let h2 = relu(h1 @ p[2] + p[3])
          let h3 = relu(h2 @ p[4] + p[5])
          return mean(square(h3 @ p[6] + p[7] - y))
        }
        """

    /// The row names, in order.
    static let rowNames = ["traced mlp loss+grad", "traced mlp hvp"]

    /// Traces the source at the MLP benchmark's parameters and data and records the two rows.
    static func run(suite: BenchmarkSuite, record: (BenchmarkRow) -> Void) throws {
        guard rowNames.contains(where: suite.wanted) else { return }
        let reference = try ModelBenchmark.mlp()
        let objective = Objective(model: reference.model, loss: reference.loss, dtype: .float32)
        let w0 = reference.model.initialParameters(seed: 0)
        let data = [reference.inputs, reference.targets]
        let traced = try compile(parameters: try reference.model.layout.unflatten(w0), data: data)
        let d = w0.count
        var builtInGradient = Tensor(zeros: [d]), tracedGradient = Tensor(zeros: [d])

        if suite.wanted(rowNames[0]) {
            let (builtIn, time) = try suite.timeAlternately({
                _ = try objective.valueAndGradient(parameters: w0, inputs: reference.inputs, targets: reference.targets, into: &builtInGradient)
            }, { _ = try traced.valueAndGradient(at: w0, data: data, into: &tracedGradient) })
            let builtInLoss = try objective.value(parameters: w0, inputs: reference.inputs, targets: reference.targets)
            let tracedLoss = try traced.value(at: w0, data: data)
            let same = builtInGradient.scalars == tracedGradient.scalars && builtInLoss == tracedLoss
            record(BenchmarkRow(name: rowNames[0], medianSeconds: time, gflops: reference.gradientGEMMFlops / time / 1e9,
                                note: note(time, builtIn, same: same, what: "loss and gradient")))
        }
        if suite.wanted(rowNames[1]) {
            var rng = RandomGenerator(seed: 7)
            let v = rng.normalTensor([d])
            var builtInProduct = Tensor(zeros: [d]), tracedProduct = Tensor(zeros: [d])
            let (builtIn, time) = try suite.timeAlternately({
                try objective.hessianVectorProduct(parameters: w0, inputs: reference.inputs, targets: reference.targets, vector: v, into: &builtInProduct)
            }, { try traced.hessianVectorProduct(at: w0, data: data, vector: v, into: &tracedProduct) })
            record(BenchmarkRow(name: rowNames[1], medianSeconds: time, gflops: nil,
                                note: note(time, builtIn, same: builtInProduct.scalars == tracedProduct.scalars, what: "product")))
        }
    }

    /// Runs the source in a fresh interpreter and traces `mlp_loss` at these parameters and data.
    static func compile(parameters: [Tensor], data: [Tensor]) throws -> DifferentiableFunction {
        let registry = BuiltinRegistry.standard()
        let analysis = Frontend.analyze(SourceFile(name: "traced_mlp.sam", text: source), checker: Checker(catalog: registry.catalog))
        guard !analysis.hasErrors else { throw RuntimeError("traced mlp benchmark: the .sam source does not check: \(analysis.diagnostics)") }
        let interpreter = Interpreter(registry: registry, context: InterpreterContext(output: StringSink(), outputDirectory: NSTemporaryDirectory()))
        try interpreter.run(analysis.node)
        guard case .function(let f)? = interpreter.global("mlp_loss") else { throw RuntimeError("traced mlp benchmark: no function mlp_loss") }
        return try interpreter.compile(f, parameters: parameters, isList: true, data: data)
    }

    private static func note(_ time: Double, _ builtIn: Double, same: Bool, what: String) -> String {
        String(format: "%.3fx the built-in mlp (%.2f ms, timed alternately); %@ %@", time / builtIn, builtIn * 1000, what,
               same ? "equal bit for bit" : "DIFFER from the built-in")
    }
}
