import Foundation
import ProcessSupport

/// How a series' points are joined.
public enum LineStyle: Sendable, Equatable {
    case solid
    case dashed
    case dotted
    /// No line: markers only (a scatter plot).
    case none

    /// The SVG `stroke-dasharray`, scaled to the line width.
    func dashArray(width: Double) -> String? {
        switch self {
        case .solid, .none: return nil
        case .dashed: return "\(SVGCanvas.number(4 * width)) \(SVGCanvas.number(2.6 * width))"
        case .dotted: return "0.1 \(SVGCanvas.number(2.2 * width))"
        }
    }
}

/// A symbol drawn at each point of a series.
public enum MarkerShape: Sendable, Equatable, CaseIterable {
    case none, circle, square, triangle, diamond, cross
}

/// One named line (or set of markers) on a chart. Points whose coordinates are not finite, or not
/// positive on a logarithmic axis, are skipped and break the line into separate pieces.
public struct PlotSeries: Sendable, Equatable {
    public var name: String
    public var x: [Double]
    public var y: [Double]
    public var style: LineStyle
    public var color: PlotColor
    public var marker: MarkerShape
    /// Multiplies the style's line width (dotted lines read better slightly thicker).
    public var widthScale: Double

    /// A series from paired coordinates; if `x` and `y` differ in length the extra values are ignored.
    public init(name: String, x: [Double], y: [Double], style: LineStyle = .solid, color: PlotColor = .blue,
                marker: MarkerShape = .none, widthScale: Double = 1) {
        self.name = name
        self.x = x
        self.y = y
        self.style = style
        self.color = color
        self.marker = marker
        self.widthScale = widthScale
    }

    /// The legend's picture of this series.
    var legendKey: LegendKey { LegendKey(label: name, style: style, color: color, marker: marker, widthScale: widthScale) }
}

/// One axis of a line chart.
public struct PlotAxis: Sendable, Equatable {
    public var label: String
    public var scale: AxisScale
    /// A fixed displayed range; `nil` fits the data (extended to the nearest nice ticks).
    public var range: ClosedRange<Double>?

    public init(label: String, scale: AxisScale = .linear, range: ClosedRange<Double>? = nil) {
        self.label = label
        self.scale = scale
        self.range = range
    }
}

/// Where a chart draws its legend.
public enum LegendPlacement: Sendable, Equatable {
    /// Inside the plot area, in the first corner (upper right, upper left, lower left, lower right)
    /// that covers no data; outside on the right when every corner would.
    case automatic
    /// To the right of the plot area.
    case outsideRight
    /// No legend (for example when a figure draws one legend for all its panels).
    case hidden
}

/// A chart of lines and markers against a linear or logarithmic x and y axis. Render it on its own
/// with ``svg(style:)`` or as a panel of a ``Figure``.
public struct LineChart: Sendable, Equatable {
    public var title: String
    public var xAxis: PlotAxis
    public var yAxis: PlotAxis
    public var series: [PlotSeries]
    public var legend: LegendPlacement

    public init(title: String = "", xAxis: PlotAxis, yAxis: PlotAxis, series: [PlotSeries] = [],
                legend: LegendPlacement = .automatic) {
        self.title = title
        self.xAxis = xAxis
        self.yAxis = yAxis
        self.series = series
        self.legend = legend
    }

    /// Whether any point can be drawn on these axes; a chart without one shows "no data".
    public var hasData: Bool {
        series.contains { s in zip(s.x, s.y).contains { accepts($0, $1) } }
    }

    /// A standalone SVG document of this chart (900 × 560 by default).
    public func svg(style: PlotStyle = PlotStyle()) -> String {
        Figure(panels: [self], columns: 1, legend: .perPanel, style: style).svg()
    }

    /// Writes ``svg(style:)`` to `path` atomically.
    public func write(to path: String, style: PlotStyle = PlotStyle()) throws {
        try AtomicFile.write(svg(style: style), to: path)
    }

    /// Whether the point (x, y) can be placed on both axes (and within fixed ranges' scale).
    func accepts(_ x: Double, _ y: Double) -> Bool { xAxis.scale.accepts(x) && yAxis.scale.accepts(y) }
}
