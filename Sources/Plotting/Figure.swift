import Foundation
import ProcessSupport

/// Where a figure draws legends.
public enum FigureLegend: Sendable, Equatable {
    /// One legend to the right of the grid listing every distinct series of every panel (panels'
    /// own legends are hidden). Suits panels that share their series' styles.
    case shared
    /// Each panel places its own legend as its ``LineChart/legend`` says.
    case perPanel
}

/// A titled grid of line-chart panels (for example one per learning rate) drawn in one style, as a
/// standalone SVG document.
public struct Figure: Sendable, Equatable {
    public var title: String
    /// Panels in reading order (left to right, then top to bottom).
    public var panels: [LineChart]
    /// Panels per row; `nil` puts up to three panels in one row and more in a near-square grid.
    public var columns: Int?
    public var legend: FigureLegend
    /// Document size; `nil` sizes the figure from the grid (``PlotStyle/panelWidth`` and
    /// ``PlotStyle/panelHeight`` per panel, at least ``PlotStyle/minimumWidth`` ×
    /// ``PlotStyle/minimumHeight``).
    public var width: Double?
    public var height: Double?
    public var style: PlotStyle

    public init(title: String = "", panels: [LineChart], columns: Int? = nil, legend: FigureLegend = .shared,
                width: Double? = nil, height: Double? = nil, style: PlotStyle = PlotStyle()) {
        self.title = title
        self.panels = panels
        self.columns = columns
        self.legend = legend
        self.width = width
        self.height = height
        self.style = style
    }

    /// The grid's shape: (columns, rows).
    var grid: (columns: Int, rows: Int) {
        let count = max(1, panels.count)
        let columns = min(count, max(1, self.columns ?? (count <= 3 ? count : Int(Double(count).squareRoot().rounded(.up)))))
        return (columns, (count + columns - 1) / columns)
    }

    /// The figure as a standalone SVG 1.1 document. The same figure always gives the same bytes.
    public func svg() -> String {
        let (columns, rows) = grid
        let titleHeight = title.isEmpty ? 6 : style.figureTitleSize + 20
        var legendBox = LegendBox(keys: legend == .shared ? panels.flatMap { $0.series.map(\.legendKey) } : [], style: style)
        let legendReserve = legendBox.keys.isEmpty ? 0 : legendBox.width + 20
        let width = self.width ?? max(style.minimumWidth, Double(columns) * style.panelWidth + legendReserve + 16)
        let height = self.height ?? max(style.minimumHeight, titleHeight + Double(rows) * style.panelHeight + 10)
        legendBox = LegendBox(keys: legendBox.keys, style: style, maxHeight: height - titleHeight - 10)
        let gridArea = PlotRect(x: 8, y: titleHeight, width: width - 16 - (legendBox.keys.isEmpty ? 0 : legendBox.width + 20),
                                height: height - titleHeight - 6)

        var canvas = SVGCanvas(width: width, height: height, style: style)
        if !title.isEmpty {
            canvas.text(title, x: gridArea.midX, y: 10 + style.figureTitleSize, size: style.figureTitleSize, anchor: .middle, bold: true)
        }
        let sharedX = Set(panels.map(\.xAxis.label)).count == 1
        let sharedY = Set(panels.map(\.yAxis.label)).count == 1
        let cellWidth = gridArea.width / Double(columns), cellHeight = gridArea.height / Double(rows)
        if panels.isEmpty {
            canvas.centredText("no data", x: gridArea.midX, y: gridArea.midY, size: style.axisLabelSize + 2, color: PlotColor(0x888888))
        }
        for (index, panel) in panels.enumerated() {
            let row = index / columns, column = index % columns
            var chart = panel
            if legend == .shared { chart.legend = .hidden }
            let frame = PlotRect(x: gridArea.x + Double(column) * cellWidth, y: gridArea.y + Double(row) * cellHeight,
                                 width: cellWidth, height: cellHeight)
            ChartPanel(chart: chart, style: style,
                       showXLabel: !sharedX || index + columns >= panels.count,
                       showYLabel: !sharedY || column == 0,
                       clipID: "plot\(index)")
                .draw(in: frame, canvas: &canvas)
        }
        if !legendBox.keys.isEmpty {
            let top = gridArea.y + (panels.first?.title.isEmpty == false ? style.panelTitleSize + 12 : 8)
            legendBox.draw(x: width - legendBox.width - 10, y: top, canvas: &canvas)
        }
        return canvas.document
    }

    /// Writes ``svg()`` to `path` atomically.
    public func write(to path: String) throws {
        try AtomicFile.write(svg(), to: path)
    }
}
