import XCTest
import Experiments
import Plotting
import TestSupport

final class PlotHeatmapTests: XCTestCase {
    func testDivergedAndMissingCellsAreMarked() {
        let map = PaperFigures.sweepHeatmap(PlotTestData.sweepCells, metric: "final loss", logScale: true)
        XCTAssertEqual(map.xCategories, ["0", "0.1", "0.3", "1"])
        XCTAssertEqual(map.yCategories, ["0.03", "0.1", "0.3"])
        XCTAssertEqual(map.cell(row: 2, column: 3), .diverged)
        XCTAssertEqual(map.cell(row: 0, column: 2), .missing)
        XCTAssertEqual(map.cell(row: 1, column: 3), .missing)
        let svg = map.svg()
        assertValidSVG(svg)
        let texts = SVGInspector.parse(svg).texts
        XCTAssertEqual(texts.filter { $0 == "×" }.count, 2, "the diverged cell and its legend swatch")
        XCTAssertTrue(texts.contains("diverged"))
        XCTAssertTrue(texts.contains("no result"))
        XCTAssertTrue(svg.contains("url(#hatch)"))
        XCTAssertTrue(texts.contains("final loss"))
    }

    func testValueLabelsAndUnplottableValues() {
        let map = Heatmap(xLabel: "x", yLabel: "y", xCategories: ["a", "b", "c"], yCategories: ["r"],
                          cells: [[.value(0.5), .value(.nan), .value(-2)]], colorScale: .log)
        XCTAssertEqual(map.cell(row: 0, column: 1), .missing)
        XCTAssertEqual(map.cell(row: 0, column: 2), .missing)
        XCTAssertEqual(map.cell(row: 5, column: 0), .missing)
        let svg = map.svg()
        assertValidSVG(svg)
        XCTAssertTrue(SVGInspector.parse(svg).texts.contains("0.5"))
        let empty = Heatmap(xLabel: "x", yLabel: "y", xCategories: [], yCategories: [], cells: []).svg()
        assertValidSVG(empty)
        XCTAssertTrue(SVGInspector.parse(empty).texts.contains("no data"))
        let allDiverged = Heatmap(xLabel: "x", yLabel: "y", xCategories: ["a"], yCategories: ["b"], cells: [[.diverged]]).svg()
        assertValidSVG(allDiverged)
    }
}

final class PlotPaperFigureTests: XCTestCase {
    func testEigenvalueFigureHasAPanelPerRunAndEveryLine() {
        let figure = PaperFigures.eigenvaluesVsEdge(PlotTestData.sweep)
        XCTAssertEqual(figure.panels.count, 12)
        XCTAssertEqual(figure.columns, 4)
        XCTAssertEqual(figure.panels[0].title, "η = 0.03, ρ = 0")
        XCTAssertEqual(figure.panels[5].series.map(\.name), ["λ₁", "λ₂", "λ₃", "GD edge 2/η", "SAM edge E"])
        XCTAssertEqual(figure.panels[0].series.map(\.name), ["λ₁", "λ₂", "λ₃", "GD edge 2/η"], "GD has no SAM edge column")
        XCTAssertEqual(figure.panels[5].series[0].x.count, 60, "unprobed rows are skipped, not gaps")
        let svg = figure.svg()
        assertValidSVG(svg)
        let texts = SVGInspector.parse(svg).texts
        for name in ["λ₁", "λ₂", "λ₃", "GD edge 2/η", "SAM edge E"] { XCTAssertTrue(texts.contains(name)) }
        let perEta = PaperFigures.eigenvaluesVsEdge(PlotTestData.sweep, layout: .panelPerEta)
        XCTAssertEqual(perEta.panels.map(\.title), ["η = 0.03", "η = 0.1", "η = 0.3"])
        XCTAssertTrue(perEta.panels[0].series.map(\.name).contains("E, ρ = 0.3"))
        assertValidSVG(perEta.svg())
    }

    func testMissingColumnsLeaveLinesOut() {
        let run = RunSeries(label: "bare", eta: 0.1, rho: 0.1, time: [0, 1, 2], columns: ["loss": [1, 0.5, 0.25]])
        XCTAssertEqual(PaperFigures.eigenvaluesVsEdge([run]).panels[0].series.count, 0)
        XCTAssertEqual(PaperFigures.alignmentVsTime([run]).panels[0].series.count, 0)
        XCTAssertEqual(PaperFigures.lossVsTime([run]).panels[0].series.map(\.name), ["ρ = 0.1"])
        for svg in [PaperFigures.eigenvaluesVsEdge([run]).svg(), PaperFigures.alignmentVsTime([run]).svg(), PaperFigures.eigenvaluesVsEdge([]).svg()] {
            assertValidSVG(svg)
            XCTAssertTrue(SVGInspector.parse(svg).texts.contains("no data"))
        }
    }

    func testRunSeriesFromMetricsTable() throws {
        let table = try MetricsTable(csv: "step,time_s,loss,lambda_1\n0,0.0,1.0,\n1,0.5,0.5,3.0\n2,1.0,0.25,\n")
        let run = RunSeries(label: "r", eta: 0.1, rho: 0, table: table)
        XCTAssertEqual(run.time, [0, 0.5, 1])
        XCTAssertNil(run.columns["time_s"])
        XCTAssertEqual(run.points("lambda_1")?.x, [0.5])
        XCTAssertNil(run.points("sam_edge"))
    }

    func testLossAndAlignmentFigures() {
        let loss = PaperFigures.lossVsTime(PlotTestData.sweep)
        XCTAssertEqual(loss.panels.count, 3)
        XCTAssertEqual(loss.panels[0].series.map(\.name), ["ρ = 0", "ρ = 0.1", "ρ = 0.3", "ρ = 1"])
        XCTAssertEqual(loss.panels[0].series[1].color, loss.panels[2].series[1].color, "a ρ keeps its colour across panels")
        assertValidSVG(loss.svg())
        let alignment = PaperFigures.alignmentVsTime(PlotTestData.sweep)
        XCTAssertEqual(alignment.panels[1].yAxis.range, 0...1)
        XCTAssertEqual(alignment.panels[1].series.count, 2)
        assertValidSVG(alignment.svg())
    }

    func testEdgeRatioCurve() {
        XCTAssertEqual(PaperFigures.samEdgeRatio(alpha: 1e9), 1, accuracy: 1e-8)
        XCTAssertEqual(PaperFigures.samEdgeRatio(alpha: 1e-8) / 1e-4, 1, accuracy: 1e-3)
        let alpha = 0.7
        XCTAssertEqual(PaperFigures.samEdgeRatio(alpha: alpha), alpha / 2 * ((1 + 4 / alpha).squareRoot() - 1), accuracy: 1e-12)
        // E/(2/η) computed from the SAM-edge formula agrees with the curve.
        let (eta, rho, g) = (0.1, 0.3, 0.8)
        let edge = g / (2 * rho) * ((1 + 8 * rho / (eta * g)).squareRoot() - 1)
        XCTAssertEqual(edge / (2 / eta), PaperFigures.samEdgeRatio(alpha: eta * g / (2 * rho)), accuracy: 1e-12)

        let points = PaperFigures.edgeRatioPoints(PlotTestData.sweep)
        XCTAssertEqual(points.count, 9, "one group per SAM run")
        let chart = PaperFigures.edgeRatio(points: points + [PointGroup(label: "sign flips", x: [0.1, 1, -1, .nan], y: [0.2, 0.6, 0.5, 1])])
        XCTAssertEqual(chart.xAxis.scale, .log)
        let svg = chart.svg()
        assertValidSVG(svg)
        XCTAssertTrue(SVGInspector.parse(svg).texts.contains("sign flips"))
    }

    func testWriteAllWritesEveryFigureKind() throws {
        let dir = plotOutputDirectory("all")
        let written = try PaperFigures.writeAll(runs: PlotTestData.sweep, sweep: PlotTestData.sweepCells, to: dir)
        XCTAssertEqual(written.map { URL(fileURLWithPath: $0).lastPathComponent },
                       ["eigenvalues.svg", "loss.svg", "alignment.svg", "edge_ratio.svg", "sweep.svg"])
        for path in written { assertValidSVG(try String(contentsOfFile: path, encoding: .utf8)) }
        let single = PaperFigures.eigenvaluesVsEdge([PlotTestData.run(eta: 0.1, rho: 0.1)])
        try single.write(to: dir + "/single_run.svg")
        try PaperFigures.eigenvaluesVsEdge(PlotTestData.sweep, layout: .panelPerEta).write(to: dir + "/eigenvalues_per_eta.svg")
        try PaperFigures.edgeRatio().write(to: dir + "/edge_ratio_curve.svg")
        if ProcessInfo.processInfo.environment["SAMLAB_PLOT_DIR"] == nil { try FileManager.default.removeItem(atPath: dir) }
    }

    func testOutputIsDeterministic() {
        let runs = PlotTestData.sweep
        XCTAssertEqual(PaperFigures.eigenvaluesVsEdge(runs).svg(), PaperFigures.eigenvaluesVsEdge(runs).svg())
        XCTAssertEqual(PaperFigures.sweepHeatmap(PlotTestData.sweepCells, metric: "m").svg(),
                       PaperFigures.sweepHeatmap(PlotTestData.sweepCells.reversed(), metric: "m").svg())
    }
}
