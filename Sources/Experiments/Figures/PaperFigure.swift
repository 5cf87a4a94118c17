/// The figures `plot NAME to "file.svg"` draws by name: each is a constant of the language with its
/// name as value, and ``PaperFigures`` draws it.
public enum PaperFigure: String, CaseIterable, Sendable {
    /// ``PaperFigures/eigenvaluesVsEdge(_:layout:eigenvalueCount:title:)``.
    case eigenvaluesVsEdge = "eigenvalues_vs_edge"
    /// ``PaperFigures/lossVsTime(_:column:title:)``.
    case lossVsTime = "loss_vs_time"
    /// ``PaperFigures/alignmentVsTime(_:title:)``.
    case alignmentVsTime = "alignment_vs_time"
    /// ``PaperFigures/sweepHeatmap(_:metric:logScale:title:)`` of the latest sweep.
    case sweepHeatmap = "sweep_heatmap"
    /// ``PaperFigures/edgeRatio(points:title:)`` with ``PaperFigures/edgeRatioPoints(_:)``.
    case edgeRatioCurve = "edge_ratio_curve"

    /// Whether the figure draws runs' curves (the heat-map draws sweep cells instead).
    public var drawsRuns: Bool { self != .sweepHeatmap }

    /// One line for the language's constant, e.g. "the eigenvalues vs edge figure of ...".
    public var doc: String {
        "the \(rawValue.replacingOccurrences(of: "_", with: " ")) figure of the latest sweep (or of this session's runs)"
    }
}
