import Tensors
import Autodiff
import Spectrum
import Experiments

/// Calculus on any objective at any parameters — a Quadratic, a Run, or a Model with data (see
/// ``CalculusTarget``) — with one set of names: `loss`, `grad`, `grad_norms`, `hvp`, `hessian`, `spectrum`,
/// `dense_spectrum`, `trace_estimate`, `spectral_density`. Hessian-vector products are exact
/// (forward-over-reverse); nothing here uses finite differences.
extension BuiltinRegistry {
    static func registerCalculusBuiltins(into registry: inout BuiltinRegistry) {
        let f = CalculusTarget.objectiveParameter, common = CalculusTarget.commonParameters
        let wFirst = [f] + common   // w second, so loss(q, w) and grad(q, w) read as before

        registry.register("loss", parameters: wFirst, returns: .float,
                          doc: "The loss ℓ(w) of a quadratic, a run (on its probe data) or a model on data:, e.g. loss(m, w, data: d, loss: \"half_sse\").") { call in
            .number(try CalculusTarget(call).valueAndGradient().value)
        }
        registry.register("grad", parameters: wFirst, returns: .any,
                          doc: "The gradient ∇ℓ(w), a flat vector in the model's parameter order (names: m.names).") { call in
            .tensor(try CalculusTarget(call).valueAndGradient().gradient)
        }
        registry.register("value_and_grad", parameters: wFirst, returns: .record,
                          doc: "The loss and its gradient in one evaluation, as jax.value_and_grad: {loss, grad}.") { call in
            let (value, gradient) = try CalculusTarget(call).valueAndGradient()
            return .record(Record([("loss", .number(value)), ("grad", .tensor(gradient))]))
        }
        registry.register("grad_norms", parameters: wFirst, returns: .record,
                          doc: "‖∇ℓ(w)‖ of each parameter tensor, by name: {dense_0.weight: …, dense_0.bias: …, …} (the total is norm(grad(…))).") { call in
            let target = try CalculusTarget(call)
            let pieces = try target.layout.unflatten(try target.valueAndGradient().gradient)
            return .record(Record(zip(target.layout.entries, pieces).map { ($0.name, Value.number($1.norm)) }))
        }
        registry.register("hvp", parameters: Array(wFirst.prefix(2)) + [.optional("v", .any, doc: "the direction, a flat vector")] + common.dropFirst(),
                          returns: .any,
                          doc: """
                              The exact Hessian-vector product ∇²ℓ(w)·v (forward-over-reverse, as jax.jvp(jax.grad(f), (w,), (v,))): hvp(f, w, v); \
                              hvp(f, v) at the default point (a quadratic's w0, a run's final or a model's own parameters).
                              """) { call in
            let pointGiven = try call.optionalValue("v") != nil
            let vectorGiven = try pointGiven || call.optionalValue("w") != nil
            guard vectorGiven else {
                throw call.error("hvp needs the direction v", argument: "f", hint: "hvp(f, w, v), or hvp(f, v) at the default point")
            }
            let target = try CalculusTarget(call, pointGiven: pointGiven)
            return .tensor(try target.hessian.apply(try target.vector(call, pointGiven ? "v" : "w", label: "v")))
        }
        registry.register("hessian", parameters: wFirst, returns: .any,
                          doc: "The dense Hessian ∇²ℓ(w) (a d × d float64 matrix, column by column from exact HVPs; up to 4096 parameters).") { call in
            .tensor(try DenseSpectrum.symmetrisedMatrix(of: try CalculusTarget(call).hessian).matrix)
        }
        let ends: [String: SpectrumEnd] = ["largest": .largestAlgebraic, "smallest": .smallestAlgebraic, "magnitude": .largestMagnitude]
        registry.register("spectrum", parameters: [f, .init("k", .int, default: .integer(3)),
                                                   .init("which", .string, default: .string("largest"), doc: "largest, smallest or magnitude"),
                                                   .optional("tolerance", .number, doc: "Lanczos residual tolerance (default 1e-4 in float32, 1e-8 in float64)"),
                                                   .init("seed", .int, default: .integer(0), doc: "of Lanczos's start vector")] + common,
                          returns: .record,
                          doc: "Top-k Hessian eigenpairs by Lanczos with full re-orthogonalisation: {values, vectors, residuals, converged, hvps, seconds}.") { call in
            let target = try CalculusTarget(call)
            let which = try call.string("which")
            guard let end = ends[which] else { throw call.error("which must be largest, smallest or magnitude, got \"\(which)\"", argument: "which") }
            let k = try call.int("k")
            guard k >= 1 else { throw call.error("k must be at least 1, got \(k)", argument: "k") }
            let estimate = try Lanczos(k: min(k, target.task.dimension), end: end, tolerance: try call.optionalDouble("tolerance"), seed: try seedValue(call))
                .eigenpairs(of: target.hessian)
            return .record(Record([("values", .list(estimate.eigenvalues.map(Value.number))), ("vectors", .list(estimate.eigenvectors.map(Value.tensor))),
                                   ("residuals", .list(estimate.residualNorms.map(Value.number))), ("converged", .list(estimate.converged.map(Value.bool))),
                                   ("hvps", .integer(estimate.operatorApplications)), ("seconds", .number(estimate.wallTime))]))
        }
        registry.register("dense_spectrum", parameters: wFirst + [.init("vectors", .bool, default: .bool(false), doc: "also return the eigenvectors")],
                          returns: .any,
                          doc: """
                              Every Hessian eigenvalue (ascending) from the dense Hessian and LAPACK (dsyevd) — the reference, up to 4096 parameters. \\
                              With vectors: true, {values, vectors} where vectors' column i belongs to values[i], and asymmetry = ‖H − Hᵀ‖/‖H‖ as built.
                              """) { call in
            let dense = try DenseSpectrum(of: try CalculusTarget(call).hessian)
            let values = Value.list(dense.eigen.values.map(Value.number))
            guard try call.bool("vectors") else { return values }
            return .record(Record([("values", values), ("vectors", .tensor(dense.eigen.vectors)), ("asymmetry", .number(dense.asymmetry))]))
        }
        registry.register("trace_estimate", parameters: [f, .init("samples", .int, default: .integer(20)), .init("seed", .int, default: .integer(0))] + common,
                          returns: .record, doc: "Hutchinson's estimate of the Hessian trace (Rademacher probes): {estimate, standard_error, hvps}.") { call in
            let t = try hutchinsonTrace(of: try CalculusTarget(call).hessian, samples: try call.int("samples"), seed: try seedValue(call))
            return .record(Record([("estimate", .number(t.estimate)), ("standard_error", .number(t.standardError)), ("hvps", .integer(t.operatorApplications))]))
        }
        registry.register("spectral_density", parameters: [f, .init("runs", .int, default: .integer(10), doc: "random start vectors"),
                                                           .init("steps", .int, default: .integer(80), doc: "Lanczos steps per run"),
                                                           .init("points", .int, default: .integer(200), doc: "grid points of the smoothed density"),
                                                           .optional("sigma", .number, doc: "Gaussian broadening (default: 1% of the spectral range)"),
                                                           .init("seed", .int, default: .integer(0))] + common,
                          returns: .record,
                          doc: "The Hessian's spectral density by stochastic Lanczos quadrature (as PyHessian): {grid, density, nodes, weights, trace, hvps}.") { call in
            let density = try SpectralDensity.stochasticLanczosQuadrature(of: try CalculusTarget(call).hessian, runs: try call.int("runs"),
                                                                          steps: try call.int("steps"), seed: try seedValue(call))
            let nodes = density.nodes.flatMap { $0 }
            let range = (nodes.max() ?? 1) - (nodes.min() ?? 0)
            let sigma = try call.optionalDouble("sigma") ?? max(range * 0.01, 1e-12)
            let curve = try density.gaussianBroadened(grid: density.grid(points: try call.int("points"), sigma: sigma), sigma: sigma)
            return .record(Record([("grid", .list(curve.grid.map(Value.number))), ("density", .list(curve.values.map(Value.number))),
                                   ("nodes", .list(density.nodes.map { .list($0.map(Value.number)) })),
                                   ("weights", .list(density.weights.map { .list($0.map(Value.number)) })),
                                   ("trace", .number(density.traceEstimate)), ("hvps", .integer(density.operatorApplications))]))
        }
    }
}
