import Foundation

/// What a legend shows for one series: its label next to a short sample of its line and marker.
struct LegendKey: Hashable {
    var label: String
    var style: LineStyle
    var color: PlotColor
    var marker: MarkerShape
    var widthScale: Double
}

/// A boxed legend: one row per key, split into columns when taller than the space it is given.
struct LegendBox {
    let keys: [LegendKey]
    let style: PlotStyle
    let rowsPerColumn: Int

    static let padding = 7.0
    static let sampleWidth = 30.0
    static let gap = 7.0

    /// A legend listing each distinct key once, in order, fitting within `maxHeight` if possible.
    init(keys: [LegendKey], style: PlotStyle, maxHeight: Double = .infinity) {
        var seen = Set<LegendKey>()
        self.keys = keys.filter { seen.insert($0).inserted }
        self.style = style
        let rowHeight = style.legendSize * 1.6
        let fitting = ((maxHeight - 2 * LegendBox.padding) / rowHeight).rounded(.down)
        rowsPerColumn = max(1, fitting < Double(self.keys.count) ? Int(max(fitting, 1)) : self.keys.count)
    }

    var rowHeight: Double { style.legendSize * 1.6 }
    var columnCount: Int { keys.isEmpty ? 0 : (keys.count + rowsPerColumn - 1) / rowsPerColumn }

    private func columnWidth(_ column: Int) -> Double {
        let labels = keys[(column * rowsPerColumn)..<min(keys.count, (column + 1) * rowsPerColumn)]
        let text = labels.map { style.textWidth($0.label, size: style.legendSize) }.max() ?? 0
        return LegendBox.sampleWidth + LegendBox.gap + text
    }

    var width: Double {
        guard !keys.isEmpty else { return 0 }
        let columns = (0..<columnCount).map(columnWidth)
        return 2 * LegendBox.padding + columns.reduce(0, +) + Double(columnCount - 1) * 14
    }

    var height: Double {
        keys.isEmpty ? 0 : 2 * LegendBox.padding + Double(min(keys.count, rowsPerColumn)) * rowHeight
    }

    /// Draws the legend with its top-left corner at (x, y).
    func draw(x: Double, y: Double, canvas: inout SVGCanvas) {
        guard !keys.isEmpty else { return }
        canvas.rect(PlotRect(x: x, y: y, width: width, height: height), fill: "#ffffff", stroke: PlotColor(0xBBBBBB), strokeWidth: 0.8)
        var columnX = x + LegendBox.padding
        for column in 0..<columnCount {
            for row in 0..<rowsPerColumn {
                let index = column * rowsPerColumn + row
                guard index < keys.count else { break }
                let key = keys[index]
                let midY = y + LegendBox.padding + (Double(row) + 0.5) * rowHeight
                drawSample(key, x: columnX, midY: midY, canvas: &canvas)
                canvas.centredText(key.label, x: columnX + LegendBox.sampleWidth + LegendBox.gap, y: midY,
                                   size: style.legendSize, anchor: .start)
            }
            columnX += columnWidth(column) + 14
        }
    }

    private func drawSample(_ key: LegendKey, x: Double, midY: Double, canvas: inout SVGCanvas) {
        let width = style.lineWidth * key.widthScale
        if key.style != .none {
            canvas.line(x + 1, midY, x + LegendBox.sampleWidth - 1, midY, color: key.color, width: width,
                        dash: key.style.dashArray(width: width))
        }
        if key.marker != .none {
            key.marker.draw(at: [(x + LegendBox.sampleWidth / 2, midY)], size: style.markerSize, color: key.color, canvas: &canvas)
        }
    }
}

extension MarkerShape {
    /// Draws this marker, centred on each point, as a single path.
    func draw(at points: [(Double, Double)], size: Double, color: PlotColor, canvas: inout SVGCanvas, clipID: String? = nil) {
        guard self != .none, !points.isEmpty else { return }
        let r = size / 2
        let n = SVGCanvas.number
        var d = ""
        for (x, y) in points {
            switch self {
            case .none:
                break
            case .circle:
                d += "M\(n(x - r)) \(n(y))a\(n(r)) \(n(r)) 0 1 0 \(n(2 * r)) 0a\(n(r)) \(n(r)) 0 1 0 \(n(-2 * r)) 0Z"
            case .square:
                let s = r * 0.9
                d += "M\(n(x - s)) \(n(y - s))h\(n(2 * s))v\(n(2 * s))h\(n(-2 * s))Z"
            case .triangle:
                d += "M\(n(x)) \(n(y - r * 1.15))L\(n(x + r)) \(n(y + r * 0.75))L\(n(x - r)) \(n(y + r * 0.75))Z"
            case .diamond:
                d += "M\(n(x)) \(n(y - r * 1.2))L\(n(x + r)) \(n(y))L\(n(x)) \(n(y + r * 1.2))L\(n(x - r)) \(n(y))Z"
            case .cross:
                let s = r * 0.85
                d += "M\(n(x - s)) \(n(y - s))L\(n(x + s)) \(n(y + s))M\(n(x - s)) \(n(y + s))L\(n(x + s)) \(n(y - s))"
            }
        }
        if self == .cross {
            canvas.path(d, fill: "none", stroke: color.hex, strokeWidth: 1.8, clipID: clipID)
        } else {
            canvas.path(d, fill: color.hex, stroke: "#ffffff", strokeWidth: 0.7, clipID: clipID)
        }
    }
}
