import XCTest
import Plotting
import TestSupport

final class PlotSVGTests: XCTestCase {
    private func chart(_ series: [PlotSeries], yScale: AxisScale = .linear, legend: LegendPlacement = .automatic) -> LineChart {
        LineChart(title: "t", xAxis: PlotAxis(label: "time (s)"), yAxis: PlotAxis(label: "y", scale: yScale), series: series, legend: legend)
    }

    func testStandaloneDocumentIsWellFormedAndEscaped() {
        let c = LineChart(title: "a < b & \"c\" 'd' \u{1}", xAxis: PlotAxis(label: "x <1>"), yAxis: PlotAxis(label: "y & z"),
                          series: [PlotSeries(name: "<s&t>", x: [0, 1, 2], y: [1, 3, 2])])
        let svg = c.svg()
        assertValidSVG(svg)
        XCTAssertTrue(svg.contains("xmlns=\"http://www.w3.org/2000/svg\""))
        XCTAssertTrue(svg.contains("viewBox=\"0 0 900 560\""))
        XCTAssertTrue(svg.contains("DejaVu Sans, Helvetica, Arial, sans-serif"))
        let texts = SVGInspector.parse(svg).texts
        XCTAssertTrue(texts.contains("a < b & \"c\" 'd' "))
        XCTAssertTrue(texts.contains("<s&t>"))
    }

    func testLegendListsEverySeries() {
        let names = ["λ₁", "λ₂", "λ₃", "GD edge 2/η", "SAM edge E"]
        let series = names.enumerated().map { i, name in
            PlotSeries(name: name, x: [0, 1, 2, 3], y: [1, 2, 3, 4].map { $0 * Double(i + 1) }, style: i < 3 ? .solid : .dashed, color: .palette(i))
        }
        for placement in [LegendPlacement.automatic, .outsideRight] {
            let texts = SVGInspector.parse(chart(series, yScale: .log, legend: placement).svg()).texts
            for name in names { XCTAssertTrue(texts.contains(name), "\(placement): legend misses \(name)") }
        }
        let figure = Figure(title: "F", panels: [chart(series), chart(Array(series.prefix(2)))])
        let texts = SVGInspector.parse(figure.svg()).texts
        for name in names { XCTAssertEqual(texts.filter { $0 == name }.count, 1, "shared legend lists \(name) once") }
    }

    /// (x, y) of the first `<rect>` carrying `marker` (the plot frame or the legend box).
    private func rectOrigin(_ svg: String, _ marker: String) -> (Double, Double)? {
        guard let line = svg.split(separator: "\n").first(where: { $0.hasPrefix("<rect") && $0.contains(marker) }) else { return nil }
        func attribute(_ name: String) -> Double? {
            guard let r = line.range(of: " \(name)=\"") else { return nil }
            return Double(line[r.upperBound...].prefix { $0 != "\"" })
        }
        guard let x = attribute("x"), let y = attribute("y") else { return nil }
        return (x, y)
    }

    func testAutomaticLegendAvoidsData() throws {
        // Data in three corners: the legend goes to the free lower right corner.
        let top = PlotSeries(name: "top", x: [0, 4, .nan, 6, 10], y: [9.5, 9.5, .nan, 9.5, 9.5])
        let lowerLeft = PlotSeries(name: "lower left", x: [0, 4], y: [0.5, 0.5])
        var corners = chart([top, lowerLeft])
        corners.xAxis.range = 0...10
        corners.yAxis.range = 0...10
        let svg = corners.svg()
        let legend = try XCTUnwrap(rectOrigin(svg, "stroke=\"#bbbbbb\""))
        XCTAssertGreaterThan(legend.0, 450)
        XCTAssertGreaterThan(legend.1, 280)
        // Data everywhere: the legend moves outside, to the right of the plot frame.
        let x = Array(stride(from: 0.0, through: 10, by: 0.1))
        let dense = (0..<6).map { i in PlotSeries(name: "s\(i)", x: x, y: x.map { sin($0 * 3 + Double(i)) }, color: .palette(i)) }
        let outside = chart(dense).svg()
        let frame = try XCTUnwrap(rectOrigin(outside, "fill=\"none\" stroke=\"#555555\""))
        let frameWidth = try XCTUnwrap(outside.split(separator: "\n").first { $0.contains("fill=\"none\" stroke=\"#555555\"") }
            .flatMap { line in line.range(of: " width=\"").map { Double(line[$0.upperBound...].prefix { $0 != "\"" }) } } ?? nil)
        XCTAssertGreaterThanOrEqual(try XCTUnwrap(rectOrigin(outside, "stroke=\"#bbbbbb\"")).0, frame.0 + frameWidth)
    }

    func testNonFiniteAndNonPositiveValuesLeaveGaps() {
        let y: [Double] = [1, 2, .nan, 4, .infinity, 5, -1, 0, 6, 7, -.infinity]
        let x = y.indices.map(Double.init)
        let c = chart([PlotSeries(name: "s", x: x + [.nan], y: y + [3])], yScale: .log)
        let svg = c.svg()
        assertValidSVG(svg)
        let paths = svg.components(separatedBy: "\n").filter { $0.contains("<path") && $0.contains("stroke=\"#0072b2\"") }
        XCTAssertEqual(paths.count, 2, "pieces [1,2], [6,7] become lines")
        XCTAssertTrue(svg.contains("fill=\"#0072b2\""), "isolated points 4 and 5 are drawn as dots")
    }

    func testEmptyAndAllNaNChartsSayNoData() {
        let empty = chart([])
        let allNaN = chart([PlotSeries(name: "nan", x: [1, 2, 3], y: [.nan, .nan, .nan])])
        let negativeOnLog = chart([PlotSeries(name: "neg", x: [1, 2], y: [-1, 0])], yScale: .log)
        let mismatched = chart([PlotSeries(name: "m", x: [], y: [1, 2, 3])])
        for c in [empty, allNaN, negativeOnLog, mismatched] {
            XCTAssertFalse(c.hasData)
            let svg = c.svg()
            assertValidSVG(svg)
            XCTAssertTrue(SVGInspector.parse(svg).texts.contains("no data"))
        }
        let noPanels = Figure(title: "nothing", panels: []).svg()
        assertValidSVG(noPanels)
        XCTAssertTrue(SVGInspector.parse(noPanels).texts.contains("no data"))
    }

    func testHugeAndTinyValuesStayReadable() {
        let c = chart([PlotSeries(name: "s", x: [0, 1e-300, 1], y: [1e300, -1e300, 1e-320])])
        assertValidSVG(c.svg())
        let log = chart([PlotSeries(name: "s", x: [0, 1, 2], y: [1e-300, 1, 1e300])], yScale: .log)
        assertValidSVG(log.svg())
    }

    func testCoordinatesAreCompact() {
        let svg = chart([PlotSeries(name: "s", x: (0..<50).map { Double($0) / 7 }, y: (0..<50).map { sin(Double($0)) })]).svg()
        let numbers = svg.split(whereSeparator: { !"0123456789.".contains($0) }).filter { $0.contains(".") }
        XCTAssertTrue(numbers.allSatisfy { $0.split(separator: ".", omittingEmptySubsequences: false).last!.count <= 2 }, "at most two decimals")
    }

    func testDenseSeriesAreThinnedPerPixelColumn() {
        let x = (0..<100_000).map { Double($0) }
        let svg = chart([PlotSeries(name: "s", x: x, y: x.map { sin($0 / 100) })]).svg()
        assertValidSVG(svg)
        XCTAssertLessThan(svg.utf8.count, 120_000)
    }
}
