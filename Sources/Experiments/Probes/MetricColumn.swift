/// The name of a column of `metrics.csv` (and, prefixed `final_`, of `summary.csv`): the names of
/// DESIGN.md §5, typed so that writers and readers of result files cannot misspell them.
public struct MetricColumn: Hashable, Sendable, Comparable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The name as written in the files.
    public let name: String

    /// A column of this name.
    public init(_ name: String) { self.name = name }

    /// A column of this name (for names read from files or typed by a user).
    public init(stringLiteral name: String) { self.name = name }

    public var description: String { name }

    /// The training step of a probe row.
    public static let step: MetricColumn = "step"
    /// Seconds of training time (probes excluded) at a probe row.
    public static let timeSeconds: MetricColumn = "time_s"
    /// Training loss on the probe data.
    public static let loss: MetricColumn = "loss"
    /// Loss on the test data.
    public static let testLoss: MetricColumn = "test_loss"
    /// Accuracy on the probe data.
    public static let accuracy: MetricColumn = "accuracy"
    /// Accuracy on the test data.
    public static let testAccuracy: MetricColumn = "test_accuracy"
    /// ‖∇ℓ‖ on the probe data.
    public static let gradNorm: MetricColumn = "grad_norm"
    /// Hessian-vector products the top-k estimate took.
    public static let hvps: MetricColumn = "hvps"
    /// The largest Lanczos residual of the top-k estimate.
    public static let lanczosResidual: MetricColumn = "lanczos_residual"
    /// The smallest Hessian eigenvalue.
    public static let lambdaMin: MetricColumn = "lambda_min"
    /// 2/η.
    public static let gdEdge: MetricColumn = "gd_edge"
    /// The SAM-edge E(η, ρ, ‖g‖).
    public static let samEdge: MetricColumn = "sam_edge"
    /// λ1 / E.
    public static let edgeRatio: MetricColumn = "lambda_1_over_sam_edge"
    /// |cos| between the top eigenvector and the gradient at the iterate.
    public static let alignGrad: MetricColumn = "align_grad"
    /// |cos| between the top eigenvector and the gradient at SAM's ascent point.
    public static let alignSAMGrad: MetricColumn = "align_sam_grad"
    /// Hutchinson's estimate of the Hessian trace.
    public static let trace: MetricColumn = "trace"

    /// `lambda_i`: the i-th largest Hessian eigenvalue (1-based).
    public static func lambda(_ i: Int) -> MetricColumn { MetricColumn("lambda_\(i)") }

    /// `i` for a `lambda_i` column, nil for any other.
    public var lambdaIndex: Int? {
        guard name.hasPrefix("lambda_") else { return nil }
        return Int(name.dropFirst("lambda_".count))
    }

    /// The order of `summary.csv`'s metric columns, a file-format contract: the columns DESIGN.md §5 lists
    /// (in its order, `lambda_1` … `lambda_k` where `lambda_*` stands), every other column after them by name.
    static let summaryOrder: [MetricColumn] = [.loss, .testLoss, .accuracy, .testAccuracy, .gradNorm, "lambda_*",
                                               .lambdaMin, .gdEdge, .samEdge, .edgeRatio, .alignGrad, .alignSAMGrad, .trace]

    /// Orders columns as `summary.csv` lists them (see ``summaryOrder``).
    public static func < (a: MetricColumn, b: MetricColumn) -> Bool {
        func rank(_ c: MetricColumn) -> (Int, Int, String) {
            if let n = c.lambdaIndex, let i = summaryOrder.firstIndex(of: "lambda_*") { return (i, n, c.name) }
            if let i = summaryOrder.firstIndex(of: c) { return (i, 0, c.name) }
            return (summaryOrder.count, 0, c.name)
        }
        return rank(a) < rank(b)
    }
}
