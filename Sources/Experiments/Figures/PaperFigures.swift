import Foundation
import Plotting
import ProcessSupport

/// Ready-made versions of the figures in Long & Bartlett (2023), built from plain run data. Time on
/// every x axis is wall-clock training time in seconds.
public enum PaperFigures {
    /// How ``eigenvaluesVsEdge(_:layout:eigenvalueCount:title:)`` arranges runs.
    public enum EigenvalueLayout: Sendable, Equatable {
        /// One panel per run: λ₁…λₖ, 2/η and the SAM edge E. Runs with distinct (η, ρ), both varying,
        /// form a grid with one row per η and one column per ρ.
        case panelPerRun
        /// One panel per η: λ₁ and E of every run (coloured by ρ) and 2/η.
        case panelPerEta
    }

    /// Figure: magnitudes of the top Hessian eigenvalues (solid) against the GD edge 2/η (dashed) and
    /// the SAM edge E (dotted) over training time, log y axis. Uses columns `lambda_1`…,
    /// `gd_edge` and `sam_edge`.
    public static func eigenvaluesVsEdge(_ runs: [RunSeries], layout: EigenvalueLayout = .panelPerRun, eigenvalueCount: Int = 3,
                                         title: String = "Top Hessian eigenvalues and stability edges") -> Figure {
        let yAxis = PlotAxis(label: "|λᵢ|, 2/η, E", scale: .log)
        switch layout {
        case .panelPerRun:
            let eigenColors: [PlotColor] = [.blue, .bluishGreen, .reddishPurple, .orange, .skyBlue]
            let (slots, columns) = runGrid(runs)
            let panels = slots.map { slot -> LineChart in
                var series: [PlotSeries] = []
                if let run = slot.run {
                    for i in 0..<max(0, eigenvalueCount) {
                        if let p = run.points(.lambda(i + 1)) {
                            series.append(PlotSeries(name: "λ" + subscripted(i + 1), x: p.x, y: p.y.map(Swift.abs),
                                                     color: eigenColors[i % eigenColors.count]))
                        }
                    }
                    series += edges(run, gdColor: .black, samColor: .vermillion, samName: "SAM edge E")
                }
                return LineChart(title: slot.title, xAxis: timeAxis, yAxis: yAxis, series: series)
            }
            return Figure(title: title, panels: panels, columns: columns)
        case .panelPerEta:
            let rhoIndex = indexer(runs.map(\.rho))
            let panels = groupedByEta(runs).map { eta, group -> LineChart in
                var series: [PlotSeries] = []
                for run in group {
                    let color = PlotColor.palette(rhoIndex(run.rho))
                    if let p = run.points(.lambda(1)) {
                        series.append(PlotSeries(name: "λ₁, " + rhoName(run, in: group), x: p.x, y: p.y.map(Swift.abs), color: color))
                    }
                    series += edges(run, gdColor: nil, samColor: color, samName: "E, " + rhoName(run, in: group))
                }
                if let run = group.first(where: { $0.points(.gdEdge) != nil }) {
                    series += edges(run, gdColor: .black, samColor: nil, samName: "")
                }
                return LineChart(title: "η = " + number(eta), xAxis: timeAxis, yAxis: yAxis, series: series)
            }
            return Figure(title: title, panels: panels)
        }
    }

    /// Figure: a loss column (default `loss`) against training time, log y axis; one panel per η,
    /// one line per run coloured by ρ.
    public static func lossVsTime(_ runs: [RunSeries], column: MetricColumn = .loss, title: String = "Training loss") -> Figure {
        let rhoIndex = indexer(runs.map(\.rho))
        let panels = groupedByEta(runs).map { eta, group -> LineChart in
            let series = group.compactMap { run -> PlotSeries? in
                guard let p = run.points(column) else { return nil }
                return PlotSeries(name: rhoName(run, in: group), x: p.x, y: p.y, color: PlotColor.palette(rhoIndex(run.rho)))
            }
            return LineChart(title: "η = " + number(eta), xAxis: timeAxis, yAxis: PlotAxis(label: column == .loss ? "training loss" : column.name, scale: .log),
                             series: series)
        }
        return Figure(title: title, panels: panels)
    }

    /// Figure: |cos| between the top Hessian eigenvector v₁ and the gradient at the iterate
    /// (`align_grad`, solid) and the gradient SAM uses at the ascent point (`align_sam_grad`,
    /// dashed) against training time, y in [0, 1]; one panel per run, arranged as in
    /// ``eigenvaluesVsEdge(_:layout:eigenvalueCount:title:)``.
    public static func alignmentVsTime(_ runs: [RunSeries], title: String = "Alignment of v₁ with the gradient") -> Figure {
        let (slots, columns) = runGrid(runs)
        let panels = slots.map { slot -> LineChart in
            var series: [PlotSeries] = []
            if let p = slot.run?.points(.alignGrad) {
                series.append(PlotSeries(name: "|cos(v₁, g)|, iterate", x: p.x, y: p.y, color: .blue))
            }
            if let p = slot.run?.points(.alignSAMGrad) {
                series.append(PlotSeries(name: "|cos(v₁, g_SAM)|, ascent point", x: p.x, y: p.y, style: .dashed, color: .vermillion))
            }
            return LineChart(title: slot.title, xAxis: timeAxis, yAxis: PlotAxis(label: "|cos|", range: 0...1), series: series)
        }
        return Figure(title: title, panels: panels, columns: columns)
    }

    /// Heat map of a final metric over the sweep: columns ρ, rows η (smallest at the bottom);
    /// diverged cells hatched with "×", failed or absent ones grey.
    public static func sweepHeatmap(_ cells: [SweepHeatmapCell], metric: String, logScale: Bool = false, title: String? = nil) -> Heatmap {
        let etas = Array(Set(cells.map(\.eta))).sorted(), rhos = Array(Set(cells.map(\.rho))).sorted()
        var grid = Array(repeating: Array(repeating: HeatmapCell.missing, count: rhos.count), count: etas.count)
        for cell in cells {
            let row = etas.firstIndex(of: cell.eta)!, column = rhos.firstIndex(of: cell.rho)!
            switch cell.status {
            case .diverged: grid[row][column] = .diverged
            case .failed: grid[row][column] = .missing
            case .done: grid[row][column] = cell.value.map(HeatmapCell.value) ?? .missing
            }
        }
        return Heatmap(title: title ?? metric, xLabel: "SAM radius ρ", yLabel: "learning rate η",
                       xCategories: rhos.map(number), yCategories: etas.map(number), cells: grid,
                       colorScale: logScale ? .log : .linear, colorBarLabel: metric)
    }

    /// E/(2/η) as a function of α = η‖g‖/(2ρ): (α/2)(√(1 + 4/α) − 1), evaluated as 2/(√(1 + 4/α) + 1)
    /// to stay accurate for large α.
    public static func samEdgeRatio(alpha: Double) -> Double {
        2 / ((1 + 4 / alpha).squareRoot() + 1)
    }

    /// Figure 1 of the paper: the ratio E/(2/η) against α (log x), with the GD edge (ratio 1), the
    /// small-α limit √α, and `points` overlaid as markers (for example empirical sign-flip points, or
    /// ``edgeRatioPoints(_:)``).
    public static func edgeRatio(points: [PointGroup] = [], title: String = "SAM edge relative to the GD edge") -> LineChart {
        let alphas = points.flatMap { zip($0.x, $0.y).filter { $0.0.isFinite && $0.0 > 0 && $0.1.isFinite }.map(\.0) }
        let lo = min(1e-2, (alphas.min() ?? 1) / 3), hi = max(1e2, (alphas.max() ?? 1) * 3)
        let grid = (0...240).map { lo * pow(hi / lo, Double($0) / 240) }
        let smallAlpha = grid.filter { $0 <= 1 }
        var series = [
            PlotSeries(name: "E/(2/η) = (α/2)(√(1+4/α) − 1)", x: grid, y: grid.map { samEdgeRatio(alpha: $0) }, color: .black, widthScale: 1.2),
            PlotSeries(name: "GD edge (ratio 1)", x: [lo, hi], y: [1, 1], style: .dashed, color: PlotColor(0x777777)),
            PlotSeries(name: "√α (small-α limit)", x: smallAlpha, y: smallAlpha.map { $0.squareRoot() }, style: .dotted, color: PlotColor(0x777777), widthScale: 1.3),
        ]
        let shapes: [MarkerShape] = [.circle, .square, .triangle, .diamond, .cross]
        let pointColors = PlotColor.okabeIto.filter { $0 != .black }
        for (i, group) in points.enumerated() {
            series.append(PlotSeries(name: group.label, x: group.x, y: group.y, style: .none, color: pointColors[i % pointColors.count],
                                     marker: shapes[i % shapes.count]))
        }
        return LineChart(title: title, xAxis: PlotAxis(label: "α = η‖g‖/(2ρ)", scale: .log), yAxis: PlotAxis(label: "ratio to the GD edge 2/η"),
                         series: series)
    }

    /// Where each SAM run's λ₁ sits relative to the GD edge, as points for
    /// ``edgeRatio(points:title:)``: x = α = η‖g‖/(2ρ), y = |λ₁|/(2/η), one group per run with ρ > 0
    /// and both `grad_norm` and `lambda_1` probed in the same rows. Points near the curve mean λ₁
    /// tracks the SAM edge.
    public static func edgeRatioPoints(_ runs: [RunSeries]) -> [PointGroup] {
        runs.compactMap { run in
            guard run.rho > 0, run.eta > 0, let g = run.columns[.gradNorm], let l = run.columns[.lambda(1)] else { return nil }
            let pairs = zip(g, l).filter { $0.0.isFinite && $0.0 > 0 && $0.1.isFinite }
            guard !pairs.isEmpty else { return nil }
            return PointGroup(label: run.label, x: pairs.map { run.eta * $0.0 / (2 * run.rho) }, y: pairs.map { Swift.abs($0.1) * run.eta / 2 })
        }
    }

    /// Writes the figures the data supports into `directory` and returns their paths:
    /// `eigenvalues.svg` (runs with `lambda_1`), `loss.svg` (`loss`), `alignment.svg`
    /// (`align_grad` or `align_sam_grad`), `edge_ratio.svg` (SAM runs with `grad_norm` and
    /// `lambda_1`) and `sweep.svg` (when `sweep` is not empty).
    @discardableResult
    public static func writeAll(runs: [RunSeries], sweep: [SweepHeatmapCell] = [], sweepMetric: String = "final loss",
                                sweepLogScale: Bool = true, to directory: String) throws -> [String] {
        var written: [String] = []
        func write(_ name: String, _ svg: String) throws {
            let path = URL(fileURLWithPath: directory).appendingPathComponent(name).path
            try AtomicFile.write(svg, to: path)
            written.append(path)
        }
        func has(_ column: MetricColumn) -> Bool { runs.contains { $0.points(column) != nil } }
        if has(.lambda(1)) { try write("eigenvalues.svg", eigenvaluesVsEdge(runs).svg()) }
        if has(.loss) { try write("loss.svg", lossVsTime(runs).svg()) }
        if has(.alignGrad) || has(.alignSAMGrad) { try write("alignment.svg", alignmentVsTime(runs).svg()) }
        let points = edgeRatioPoints(runs)
        if !points.isEmpty { try write("edge_ratio.svg", edgeRatio(points: points).svg()) }
        if !sweep.isEmpty { try write("sweep.svg", sweepHeatmap(sweep, metric: sweepMetric, logScale: sweepLogScale).svg()) }
        return written
    }

    // MARK: Helpers

    private static let timeAxis = PlotAxis(label: "time (s)")

    /// A panel position: a run, or a grid combination that has none.
    private struct Slot {
        var title: String
        var run: RunSeries?
    }

    /// Runs with distinct (η, ρ) as an η-by-ρ grid (absent combinations become empty slots) when both
    /// vary and the grid is not mostly empty; otherwise the runs in order (titled by η and ρ when those
    /// are distinct, else by label) in an automatic grid.
    private static func runGrid(_ runs: [RunSeries]) -> ([Slot], Int?) {
        let etas = Array(Set(runs.map(\.eta))).sorted(), rhos = Array(Set(runs.map(\.rho))).sorted()
        let distinct = Set(runs.map { "\($0.eta) \($0.rho)" }).count == runs.count
        guard distinct, etas.count > 1, rhos.count > 1, etas.count * rhos.count <= 2 * runs.count else {
            return (runs.map { Slot(title: distinct ? "η = \(number($0.eta)), ρ = \(number($0.rho))" : $0.label, run: $0) }, nil)
        }
        let slots = etas.flatMap { eta in
            rhos.map { rho in
                Slot(title: "η = \(number(eta)), ρ = \(number(rho))", run: runs.first { $0.eta == eta && $0.rho == rho })
            }
        }
        return (slots, rhos.count)
    }

    private static func groupedByEta(_ runs: [RunSeries]) -> [(Double, [RunSeries])] {
        Array(Set(runs.map(\.eta))).sorted().map { eta in (eta, runs.filter { $0.eta == eta }.sorted { $0.rho < $1.rho }) }
    }

    /// "ρ = 0.1" when ρ identifies the run within its group, else the run's label.
    private static func rhoName(_ run: RunSeries, in group: [RunSeries]) -> String {
        group.filter { $0.rho == run.rho }.count == 1 ? "ρ = " + number(run.rho) : run.label
    }

    /// Maps each distinct value to its rank, so a ρ keeps its colour across panels.
    private static func indexer(_ values: [Double]) -> (Double) -> Int {
        let sorted = Array(Set(values)).sorted()
        return { sorted.firstIndex(of: $0) ?? 0 }
    }

    /// The GD edge (dashed) and SAM edge (dotted) of a run, each when its column exists and its colour
    /// is given.
    private static func edges(_ run: RunSeries, gdColor: PlotColor?, samColor: PlotColor?, samName: String) -> [PlotSeries] {
        var series: [PlotSeries] = []
        if let color = gdColor, let p = run.points(.gdEdge) {
            series.append(PlotSeries(name: "GD edge 2/η", x: p.x, y: p.y, style: .dashed, color: color))
        }
        if let color = samColor, let p = run.points(.samEdge) {
            series.append(PlotSeries(name: samName, x: p.x, y: p.y, style: .dotted, color: color, widthScale: 1.5))
        }
        return series
    }

    private static func number(_ v: Double) -> String { PlotNumberFormat.compact(v, significantDigits: 4) }

    private static func subscripted(_ n: Int) -> String {
        let digits: [Character] = ["₀", "₁", "₂", "₃", "₄", "₅", "₆", "₇", "₈", "₉"]
        return String(String(n).map { digits[Int(String($0))!] })
    }
}
