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

        registry.register("spectrum", parameters: [.init("run", .native(RunValue.nativeTypeName)), .init("k", .int, default: .integer(3)),
                                                   .init("which", .string, default: .string("largest"), doc: "largest, smallest or magnitude"),
                                                   .optional("tolerance", .number)],
                          returns: .record, doc: "Top-k Hessian eigenpairs at a run's final parameters by Lanczos: {values, residuals, converged, hvps, seconds}.") { call in
            let run = try call.native(RunValue.self, "run")
            let which = try call.string("which")
            let ends: [String: SpectrumEnd] = ["largest": .largestAlgebraic, "smallest": .smallestAlgebraic, "magnitude": .largestMagnitude]
            guard let end = ends[which] else { throw call.error("which must be largest, smallest or magnitude, got \"\(which)\"", argument: "which") }
            let estimate = try Lanczos(k: min(try call.int("k"), run.task.dimension), end: end, tolerance: try call.optionalDouble("tolerance"), seed: 0)
                .eigenpairs(of: hessianOperator(run))
            return .record(Record([("values", .list(estimate.eigenvalues.map(Value.number))), ("residuals", .list(estimate.residualNorms.map(Value.number))),
                                   ("converged", .list(estimate.converged.map(Value.bool))), ("hvps", .integer(estimate.operatorApplications)),
                                   ("seconds", .number(estimate.wallTime)), ("vectors", .list(estimate.eigenvectors.map(Value.tensor)))]))
        }
        registry.register("trace_estimate", parameters: [.init("run", .native(RunValue.nativeTypeName)), .init("samples", .int, default: .integer(20)),
                                                         .init("seed", .int, default: .integer(0))],
                          returns: .record, doc: "Hutchinson's estimate of the Hessian trace at a run's final parameters: {estimate, standard_error}.") { call in
            let run = try call.native(RunValue.self, "run")
            let t = try hutchinsonTrace(of: hessianOperator(run), samples: try call.int("samples"), seed: try seedValue(call))
            return .record(Record([("estimate", .number(t.estimate)), ("standard_error", .number(t.standardError)), ("hvps", .integer(t.operatorApplications))]))
        }
        registry.register("dense_spectrum", parameters: [.init("run", .native(RunValue.nativeTypeName))], returns: .list,
                          doc: "Every Hessian eigenvalue (ascending) from the dense Hessian and LAPACK: the reference, for models up to 4096 parameters.") { call in
            let run = try call.native(RunValue.self, "run")
            return .list(try DenseSpectrum(of: hessianOperator(run)).eigen.values.map(Value.number))
        }
    }

    /// The Hessian at a run's final parameters, on its probe data; Ctrl-C stops it between products.
    static func hessianOperator(_ run: RunValue) -> ClosureOperator {
        run.task.hessianOperator(at: run.result.parameters)
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
