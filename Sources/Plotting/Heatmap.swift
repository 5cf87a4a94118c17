import Foundation
import ProcessSupport

/// The content of one heat-map cell.
public enum HeatmapCell: Sendable, Equatable {
    /// A measured value, coloured by the scale (non-finite values, and non-positive ones on a log
    /// scale, are shown as missing).
    case value(Double)
    /// The run diverged: hatched and marked "×".
    case diverged
    /// No result (not run, or failed): plain grey.
    case missing
}

/// A grid of categories (for example learning rate × SAM radius) coloured by a value on a viridis
/// scale with a colour bar; diverged and missing cells are marked and explained in a note below.
public struct Heatmap: Sendable, Equatable {
    public var title: String
    public var xLabel: String
    public var yLabel: String
    /// Column names, left to right.
    public var xCategories: [String]
    /// Row names, bottom to top (like a y axis).
    public var yCategories: [String]
    /// `cells[row][column]`, rows in the order of ``yCategories``; absent entries count as missing.
    public var cells: [[HeatmapCell]]
    public var colorScale: AxisScale
    public var colorBarLabel: String
    /// Significant digits of the value printed in each cell (when it fits).
    public var valueDigits: Int
    public var width: Double
    public var height: Double
    public var style: PlotStyle

    public init(title: String = "", xLabel: String, yLabel: String, xCategories: [String], yCategories: [String],
                cells: [[HeatmapCell]], colorScale: AxisScale = .linear, colorBarLabel: String = "", valueDigits: Int = 3,
                width: Double = 900, height: Double = 560, style: PlotStyle = PlotStyle()) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.xCategories = xCategories
        self.yCategories = yCategories
        self.cells = cells
        self.colorScale = colorScale
        self.colorBarLabel = colorBarLabel
        self.valueDigits = valueDigits
        self.width = width
        self.height = height
        self.style = style
    }

    /// The cell at (row, column), resolving absent and unplottable values to `.missing`.
    public func cell(row: Int, column: Int) -> HeatmapCell {
        guard row < cells.count, column < cells[row].count else { return .missing }
        if case .value(let v) = cells[row][column], !colorScale.accepts(v) { return .missing }
        return cells[row][column]
    }

    /// The standalone SVG 1.1 document. The same heat map always gives the same bytes.
    public func svg() -> String {
        let titleHeight = title.isEmpty ? 10 : style.figureTitleSize + 24
        func canvasWithTitle(height: Double) -> SVGCanvas {
            var canvas = SVGCanvas(width: width, height: height, style: style)
            if !title.isEmpty {
                canvas.text(title, x: width / 2, y: 10 + style.figureTitleSize, size: style.figureTitleSize, anchor: .middle, bold: true)
            }
            return canvas
        }
        guard !xCategories.isEmpty, !yCategories.isEmpty else {
            var canvas = canvasWithTitle(height: height)
            canvas.centredText("no data", x: width / 2, y: height / 2, size: style.axisLabelSize + 2, color: PlotColor(0x888888))
            return canvas.document
        }
        let all = (0..<yCategories.count).flatMap { r in (0..<xCategories.count).map { cell(row: r, column: $0) } }
        let values = all.compactMap { if case .value(let v) = $0 { return v } else { return nil } }
        let hasDiverged = all.contains(.diverged), hasMissing = all.contains(.missing)
        let scale = values.isEmpty ? nil : colorTicks(values)

        let barReserve = scale.map { 30 + 18 + 8 + ($0.major.map { style.textWidth($0.label ?? "", size: style.tickLabelSize) }.max() ?? 0)
            + ($0.axisLabel(colorBarLabel).isEmpty ? 0 : style.axisLabelSize + 16) } ?? 0
        let left = (yLabel.isEmpty ? 0 : style.axisLabelSize + 14) + (yCategories.map { style.textWidth($0, size: style.tickLabelSize) }.max() ?? 0) + 10
        let bottom = style.tickLabelSize + 12 + (xLabel.isEmpty ? 0 : style.axisLabelSize + 12)
            + (hasDiverged || hasMissing ? style.legendSize + 22 : 0)
        let cellWidth = min(150, (width - 24 - left - barReserve) / Double(xCategories.count))
        let cellHeight = min(110, (height - titleHeight - bottom - 10) / Double(yCategories.count))
        let gridWidth = cellWidth * Double(xCategories.count), gridHeight = cellHeight * Double(yCategories.count)
        let originX = (width - (left + gridWidth + barReserve)) / 2 + left
        let grid = PlotRect(x: originX, y: titleHeight + 4, width: gridWidth, height: gridHeight)
        // A small grid does not fill the requested height: the figure ends below its labels and note.
        var canvas = canvasWithTitle(height: min(height, grid.maxY + bottom + 16))

        if hasDiverged { canvas.defineHatch(id: "hatch", color: PlotColor(0xBBBBBB)) }
        for row in 0..<yCategories.count {
            for column in 0..<xCategories.count {
                let rect = PlotRect(x: grid.x + Double(column) * cellWidth, y: grid.maxY - Double(row + 1) * cellHeight,
                                    width: cellWidth, height: cellHeight)
                drawCell(cell(row: row, column: column), in: rect, scale: scale, canvas: &canvas)
            }
        }
        drawLabels(grid: grid, cellWidth: cellWidth, cellHeight: cellHeight, canvas: &canvas)
        if let scale { drawColorBar(scale, beside: grid, canvas: &canvas) }
        let noteY = grid.maxY + style.tickLabelSize + 12 + (xLabel.isEmpty ? 0 : style.axisLabelSize + 12) + 8 + style.legendSize / 2
        drawNote(diverged: hasDiverged, missing: hasMissing, y: noteY, centre: grid.midX, canvas: &canvas)
        return canvas.document
    }

    /// Writes ``svg()`` to `path` atomically.
    public func write(to path: String) throws {
        try AtomicFile.write(svg(), to: path)
    }

    // MARK: Drawing

    private func colorTicks(_ values: [Double]) -> AxisTicks {
        let lo = values.min()!, hi = values.max()!
        switch colorScale {
        case .linear:
            return lo == hi ? TickGenerator.linear(lo, hi, targetCount: 5) : TickGenerator.linear(lo, hi, targetCount: 5, extendToTicks: false)
        case .log:
            return lo == hi ? TickGenerator.logarithmic(lo, hi, maxLabels: 6) : TickGenerator.logarithmic(lo, hi, maxLabels: 6, extendToTicks: false)
        }
    }

    private func fraction(_ v: Double, _ scale: AxisTicks) -> Double {
        let lo = colorScale.transform(scale.lower), hi = colorScale.transform(scale.upper)
        return hi > lo ? (colorScale.transform(v) - lo) / (hi - lo) : 0.5
    }

    private func drawCell(_ cell: HeatmapCell, in rect: PlotRect, scale: AxisTicks?, canvas: inout SVGCanvas) {
        let fits = { (text: String, size: Double) in
            style.textWidth(text, size: size) + 6 <= rect.width && size + 4 <= rect.height
        }
        switch cell {
        case .value(let v):
            let color = PlotColor.viridis(scale.map { fraction(v, $0) } ?? 0.5)
            canvas.rect(rect, fill: color.hex, stroke: .white, strokeWidth: 1.5)
            let text = PlotNumberFormat.compact(v, significantDigits: valueDigits)
            if fits(text, style.tickLabelSize) {
                canvas.centredText(text, x: rect.midX, y: rect.midY, size: style.tickLabelSize,
                                   color: color.luminance < 0.3 ? .white : .black)
            }
        case .diverged:
            canvas.rect(rect, fill: "#f6f6f6", stroke: .white, strokeWidth: 1.5)
            canvas.rect(rect, fill: "url(#hatch)", stroke: .white, strokeWidth: 1.5)
            let size = max(8, min(rect.height * 0.45, 26))
            canvas.centredText("×", x: rect.midX, y: rect.midY, size: size, bold: true, color: PlotColor(0x444444))
        case .missing:
            canvas.rect(rect, fill: "#e4e4e4", stroke: .white, strokeWidth: 1.5)
            if fits("n/a", style.tickLabelSize) {
                canvas.centredText("n/a", x: rect.midX, y: rect.midY, size: style.tickLabelSize, color: PlotColor(0x777777))
            }
        }
    }

    private func drawLabels(grid: PlotRect, cellWidth: Double, cellHeight: Double, canvas: inout SVGCanvas) {
        let columnLabelsFit = xCategories.allSatisfy { style.textWidth($0, size: style.tickLabelSize) + 4 <= cellWidth }
        for (i, name) in xCategories.enumerated() where columnLabelsFit || i % 2 == 0 {
            canvas.text(name, x: grid.x + (Double(i) + 0.5) * cellWidth, y: grid.maxY + 6 + style.tickLabelSize,
                        size: style.tickLabelSize, anchor: .middle)
        }
        let rowStride = cellHeight >= style.tickLabelSize * 1.3 ? 1 : 2
        for (i, name) in yCategories.enumerated() where i % rowStride == 0 {
            canvas.centredText(name, x: grid.x - 7, y: grid.maxY - (Double(i) + 0.5) * cellHeight, size: style.tickLabelSize, anchor: .end)
        }
        if !xLabel.isEmpty {
            canvas.text(xLabel, x: grid.midX, y: grid.maxY + style.tickLabelSize + style.axisLabelSize + 18,
                        size: style.axisLabelSize, anchor: .middle)
        }
        if !yLabel.isEmpty {
            let widest = yCategories.map { style.textWidth($0, size: style.tickLabelSize) }.max() ?? 0
            canvas.centredText(yLabel, x: grid.x - widest - 14 - style.axisLabelSize / 2, y: grid.midY,
                               size: style.axisLabelSize, rotation: -90)
        }
    }

    private func drawColorBar(_ scale: AxisTicks, beside grid: PlotRect, canvas: inout SVGCanvas) {
        let bar = PlotRect(x: grid.maxX + 30, y: grid.y, width: 18, height: grid.height)
        canvas.defineGradient(id: "colorbar", colors: PlotColor.viridisStops, vertical: true)
        canvas.rect(bar, fill: "url(#colorbar)", stroke: style.axisColor, strokeWidth: 0.8)
        var widest = 0.0
        var lastLabelY = Double.infinity
        for tick in scale.ticks {
            let y = bar.maxY - fraction(tick.value, scale) * bar.height
            canvas.line(bar.maxX, y, bar.maxX + (tick.label == nil ? 2.5 : 4.5), y, color: style.axisColor, width: 0.8)
            guard let label = tick.label, lastLabelY - y >= style.tickLabelSize * 1.3 else { continue }
            canvas.centredText(label, x: bar.maxX + 7, y: y, size: style.tickLabelSize, anchor: .start)
            widest = max(widest, style.textWidth(label, size: style.tickLabelSize))
            lastLabelY = y
        }
        let label = scale.axisLabel(colorBarLabel)
        if !label.isEmpty {
            canvas.centredText(label, x: bar.maxX + 12 + widest + style.axisLabelSize / 2, y: bar.midY,
                               size: style.axisLabelSize, rotation: 90)
        }
    }

    private func drawNote(diverged: Bool, missing: Bool, y: Double, centre: Double, canvas: inout SVGCanvas) {
        var items: [(HeatmapCell, String)] = []
        if diverged { items.append((.diverged, "diverged")) }
        if missing { items.append((.missing, "no result")) }
        guard !items.isEmpty else { return }
        let swatch = 16.0
        let total = items.map { swatch + 6 + style.textWidth($0.1, size: style.legendSize) }.reduce(0, +) + Double(items.count - 1) * 22
        var x = centre - total / 2
        for (cell, text) in items {
            switch cell {
            case .diverged:
                let rect = PlotRect(x: x, y: y - swatch / 2, width: swatch, height: swatch)
                canvas.rect(rect, fill: "#f6f6f6", stroke: PlotColor(0x999999), strokeWidth: 0.8)
                canvas.rect(rect, fill: "url(#hatch)")
                canvas.centredText("×", x: rect.midX, y: rect.midY, size: 12, bold: true, color: PlotColor(0x444444))
            default:
                canvas.rect(PlotRect(x: x, y: y - swatch / 2, width: swatch, height: swatch), fill: "#e4e4e4", stroke: PlotColor(0x999999), strokeWidth: 0.8)
            }
            canvas.centredText(text, x: x + swatch + 6, y: y, size: style.legendSize, anchor: .start)
            x += swatch + 6 + style.textWidth(text, size: style.legendSize) + 22
        }
    }
}
