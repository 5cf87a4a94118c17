import Foundation
import ProcessSupport
import SamLanguage
import Tensors
import NN
import Optimizers
import Spectrum
import Experiments

/// `train` and the probes it measures.
extension BuiltinRegistry {
    static func registerTrainBuiltins(into registry: inout BuiltinRegistry) {
        let probes: [(String, [Builtin.Parameter], String)] = [
            ("loss", [], "training loss on the probe data (column loss)"),
            ("test_loss", [], "loss and accuracy on the test data (test_loss, test_accuracy)"),
            ("accuracy", [], "training accuracy on the probe data"),
            ("grad_norm", [], "‖∇ℓ‖ on the probe data"),
            ("hessian_top", [.init("k", .int, default: .integer(3))], "the top-k Hessian eigenvalues by warm-started Lanczos (lambda_1 … lambda_k)"),
            ("lambda_min", [], "the smallest Hessian eigenvalue"),
            ("trace", [.init("samples", .int, default: .integer(10))], "Hutchinson's estimate of the Hessian trace"),
            ("gd_edge", [], "2/η, the GD edge of stability"),
            ("sam_edge", [], "the SAM-edge E(η, ρ, ‖g‖)"),
            ("edge_ratio", [], "λ1 / E"),
            ("alignment", [], "|cos| of the top eigenvector with the gradient and with SAM's gradient"),
        ]
        for (name, parameters, doc) in probes { registry.register(ProbeSpec(name, parameters: parameters, doc: doc)) }

        registry.register(
            "train",
            parameters: [
                .init("model", .oneOf([.native(ModelValue.nativeTypeName), .native(RunValue.nativeTypeName)]), doc: "a model, or a run to continue"),
                .init("data", .native(DatasetValue.nativeTypeName)),
                .optional("optimizer", .native(OptimizerValue.nativeTypeName), doc: "default gd(lr: 0.1), or the continued run's optimizer"),
                .optional("loss", .string, doc: "mse, half_sse or cross_entropy (default mse for examples, cross_entropy for text)"),
                .init("batch", .oneOf([.string, .int]), default: .string("full"), doc: "full, or a minibatch size (text: default 128)"),
                .optional("stop", .native(StopValue.nativeTypeName), doc: "when to stop, e.g. after(steps: 3000) or after(minutes: 10)"),
                .optional("steps", .int, doc: "shorthand for stop = after(steps: N); default 100"),
                .optional("seed", .int, doc: "minibatch order and probe seed (default: the sweep cell's or --seed)"),
                .init("probes", .list, default: .list([]), doc: "probe clauses (written as `probe every N steps: ...` in a train block)"),
                .optional("test_data", .native(DatasetValue.nativeTypeName), doc: "data for test_loss (default: the data set's test split)"),
                .optional("probe_examples", .int, doc: "measure probes on a fixed sample of this many training examples"),
                .optional("tolerance", .number, doc: "Lanczos residual tolerance (default 1e-4 in float32)"),
                .init("warm_start", .bool, default: .bool(true), doc: "start Lanczos from the previous probe's eigenvectors"),
                .optional("chunk", .int, doc: "evaluate batches in chunks of this many examples (bounds memory)"),
                .init("dtype", .string, default: .string("float32"), doc: "float32 or float64"),
                .init("checkpoint", .oneOf([.bool, .string]), default: .bool(false),
                      doc: "save a checkpoint (true: runs/<id>/checkpoint.safetensors; or a file name) and resume from it when it exists"),
                .init("checkpoint_every", .int, default: .integer(100), doc: "steps between checkpoints (one is also saved when the run ends)"),
                .optional("diverge_above", .number, doc: "loss above which a run counts as diverged (default max(1e6, 1e4 × initial loss))"),
            ],
            returns: .native(RunValue.nativeTypeName),
            doc: "Trains a model on data and returns the Run (status, metrics, final parameters).") { call in
            try TrainRequest(call).run()
        }
    }
}
