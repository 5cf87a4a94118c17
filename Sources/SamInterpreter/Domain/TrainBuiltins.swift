import Foundation
import SamLanguage
import Tensors
import NN
import Optimizers
import Spectrum
import Experiments

/// `train` and the probes it measures.
extension BuiltinRegistry {
    static func registerTrainBuiltins(into registry: inout BuiltinRegistry) {
        for probe in ProbeCatalogue.all { registry.register(ProbeSpec(probe)) }

        registry.register(
            "train",
            parameters: [
                .init("model", .oneOf([.native(ModelValue.nativeTypeName), .function, .native(QuadraticValue.nativeTypeName), .native(RunValue.nativeTypeName)]),
                      doc: "a model, a .sam function f(w, args...) returning a scalar, a quadratic, or a run to continue"),
                .optional("data", .oneOf([.native(DatasetValue.nativeTypeName), .list]),
                          doc: "a model's Dataset (default: a continued run's); for a function, its data tensors (as args:, e.g. train f on [x, y] { … })"),
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
                .optional("dtype", .string, doc: "float32 or float64 (default: float32 for a model, a continued run's own, w's own for a function)"),
                .optional("w", .any, doc: "for a function: the starting point, a tensor or a list of tensors; for a quadratic: default its w0"),
                .optional("args", .list, doc: "for a function: data tensors passed after w, f(w, args...)"),
                .init("checkpoint", .oneOf([.bool, .string]), default: .bool(false),
                      doc: "save a checkpoint (true: runs/<id>/checkpoint.safetensors; or a file name) and resume from it when it exists"),
                .init("checkpoint_every", .int, default: .integer(100), doc: "steps between checkpoints (one is also saved when the run ends)"),
                .optional("diverge_above", .number, doc: "loss above which a run counts as diverged (default max(1e6, 1e4 × initial loss))"),
            ],
            returns: .native(RunValue.nativeTypeName),
            doc: """
                Trains a model on data, or a function from w (full batch on its args), or a quadratic, and returns the Run \
                (status, metrics, final parameters shaped like w).
                """) { call in
            try TrainRequest(call).run()
        }
    }
}

extension ProbeSpec {
    /// The language's view of a catalogue probe: its parameters as builtin parameters, and its
    /// documentation with the columns it writes.
    init(_ probe: ProbeDefinition) {
        let parameters = probe.parameters.map { parameter -> Builtin.Parameter in
            switch parameter.kind {
            case .integer: return Builtin.Parameter(parameter.name, .int, default: .integer(Int(parameter.defaultValue)), doc: parameter.doc)
            case .number: return Builtin.Parameter(parameter.name, .number, default: .number(parameter.defaultValue), doc: parameter.doc)
            }
        }
        self.init(probe.name, parameters: parameters, doc: "\(probe.doc) (columns: \(probe.columnsDoc))")
    }
}
