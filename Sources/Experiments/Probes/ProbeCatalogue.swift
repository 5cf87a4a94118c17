import Optimizers
import Spectrum

/// Every probe a `probe` clause can name, one ``ProbeDefinition`` each. Adding a probe is one entry here
/// (and a test); the language's probe table, `help`, completion and the result columns follow from it.
public enum ProbeCatalogue {
    /// Every probe, in the order `help` lists them.
    public static let all: [ProbeDefinition] = [
        ProbeDefinition("loss", doc: "training loss on the probe data", columns: "loss") { p, _ in
            [(.loss, p.loss)]
        },
        ProbeDefinition("test_loss", doc: "loss and accuracy on the test data", columns: "test_loss, test_accuracy", requires: .testData) { p, _ in
            guard let test = try p.task.testMetrics(at: p.w) else { return [] }
            return [(.testLoss, test.loss)] + (test.accuracy.map { [(.testAccuracy, $0)] } ?? [])
        },
        ProbeDefinition("accuracy", doc: "training accuracy on the probe data", columns: "accuracy", requires: .classification) { p, _ in
            try p.task.probeAccuracy(at: p.w).map { [(.accuracy, $0)] } ?? []
        },
        ProbeDefinition("grad_norm", doc: "‖∇ℓ‖ on the probe data", columns: "grad_norm") { p, _ in
            [(.gradNorm, p.gradientNorm)]
        },
        ProbeDefinition("hessian_top", parameters: [.init("k", .integer, default: 3, minimum: 1, doc: "how many eigenvalues")],
                        doc: "the top-k Hessian eigenvalues by warm-started Lanczos",
                        columns: "lambda_1 … lambda_k, hvps, lanczos_residual", topEigenpairs: { $0.integer(0) }) { p, arguments in
            let k = arguments.integer(0), top = try p.requiredTop
            return top.eigenvalues.prefix(k).enumerated().map { (MetricColumn.lambda($0.offset + 1), $0.element) }
                + [(.hvps, Double(top.operatorApplications)), (.lanczosResidual, top.residualNorms.prefix(k).max() ?? .nan)]
        },
        ProbeDefinition("lambda_min", doc: "the smallest Hessian eigenvalue", columns: "lambda_min") { p, _ in
            [(.lambdaMin, try p.smallestEigenvalue())]
        },
        ProbeDefinition("trace", parameters: [.init("samples", .integer, default: 10, minimum: 1, doc: "Rademacher probe vectors")],
                        doc: "Hutchinson's estimate of the Hessian trace", columns: "trace") { p, arguments in
            [(.trace, try hutchinsonTrace(of: p.hessian, samples: arguments.integer(0), seed: p.firingSeed).estimate)]
        },
        ProbeDefinition("gd_edge", doc: "2/η, the GD edge of stability", columns: "gd_edge") { p, _ in
            [(.gdEdge, try Spectrum.gdEdge(eta: p.learningRate))]
        },
        ProbeDefinition("sam_edge", doc: "the SAM-edge E(η, ρ, ‖g‖)", columns: "sam_edge") { p, _ in
            [(.samEdge, p.samEdge)]
        },
        ProbeDefinition("edge_ratio", doc: "λ1 / E", columns: "lambda_1_over_sam_edge", topEigenpairs: { _ in 1 }) { p, _ in
            [(.edgeRatio, (try p.requiredTop.eigenvalues.first ?? .nan) / p.samEdge)]
        },
        ProbeDefinition("alignment", doc: "|cos| of the top eigenvector with the gradient and with SAM's gradient",
                        columns: "align_grad, align_sam_grad (with an ascent step)", topEigenpairs: { _ in 1 }) { p, _ in
            guard let v1 = try p.requiredTop.eigenvectors.first else { return [] }
            var row: [(MetricColumn, Double)] = [(.alignGrad, try Spectrum.alignment(v1, p.gradient))]
            if let epsilon = p.optimizer.ascent.perturbation(at: p.w, gradient: p.gradient, rho: p.optimizer.rho) {
                row.append((.alignSAMGrad, try Spectrum.alignment(v1, try p.gradient(at: p.shifted(by: epsilon)).gradient)))
            }
            return row
        },
        ProbeDefinition("loss_at_ascent", parameters: [.init("rho", .number, default: 0.05, minimum: 0, doc: "the ascent radius ρ")],
                        doc: "the loss at SAM's ascent point ℓ(w + ρ g/‖g‖) (ℓ(w) when ρ = 0 or g = 0); loss_at_ascent − loss is SAM's sharpness",
                        columns: "loss_at_ascent") { p, arguments in
            guard let epsilon = AscentRule.sam.perturbation(at: p.w, gradient: p.gradient, rho: arguments[0]) else { return [("loss_at_ascent", p.loss)] }
            return [("loss_at_ascent", try p.gradient(at: p.shifted(by: epsilon)).loss)]
        },
    ]

    /// The probe of this name.
    public static func named(_ name: String) -> ProbeDefinition? { byName[name] }

    private static let byName = Dictionary(all.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
}
