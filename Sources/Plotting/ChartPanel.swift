import Foundation

/// Draws one ``LineChart`` into a rectangle of a canvas: title, grid, ticks, axis labels, the series
/// (clipped to the plot area, split at unplottable points, thinned to a few points per pixel column)
/// and, unless hidden, the legend.
struct ChartPanel {
    let chart: LineChart
    let style: PlotStyle
    /// Figures hide axis labels repeated along a shared row or column.
    let showXLabel: Bool
    let showYLabel: Bool
    /// Unique id for this panel's clip path.
    let clipID: String

    /// Axes, ticks and plot area for a given frame.
    private struct Layout {
        var area: PlotRect
        var x: AxisTicks
        var y: AxisTicks
        var xScale: AxisScale
        var yScale: AxisScale

        func px(_ v: Double) -> Double { position(v, x, xScale, area.x, area.width) }
        func py(_ v: Double) -> Double { area.maxY - position(v, y, yScale, 0, area.height) }

        private func position(_ v: Double, _ t: AxisTicks, _ s: AxisScale, _ origin: Double, _ length: Double) -> Double {
            let lo = s.transform(t.lower), hi = s.transform(t.upper)
            guard hi > lo else { return origin + length / 2 }
            return origin + (s.transform(v) - lo) / (hi - lo) * length
        }
    }

    private var titleHeight: Double { chart.title.isEmpty ? 8 : style.panelTitleSize + 12 }

    func draw(in frame: PlotRect, canvas: inout SVGCanvas) {
        guard chart.hasData else { return drawEmpty(in: frame, canvas: &canvas) }
        var layout = makeLayout(frame, reserveRight: 0)
        var legendOrigin: (Double, Double)?
        var legend = LegendBox(keys: chart.series.map(\.legendKey), style: style, maxHeight: layout.area.height)
        switch chart.legend {
        case .hidden:
            break
        case .outsideRight:
            legend = LegendBox(keys: legend.keys, style: style, maxHeight: frame.height - titleHeight)
            layout = makeLayout(frame, reserveRight: legend.width + 14)
            legendOrigin = (frame.maxX - legend.width - 2, layout.area.y)
        case .automatic:
            if let corner = freeCorner(for: legend, layout: layout) {
                legendOrigin = corner
            } else {
                legend = LegendBox(keys: legend.keys, style: style, maxHeight: frame.height - titleHeight)
                layout = makeLayout(frame, reserveRight: legend.width + 14)
                legendOrigin = (frame.maxX - legend.width - 2, layout.area.y)
            }
        }
        drawAxes(layout, canvas: &canvas)
        canvas.defineClip(id: clipID, rect: layout.area)
        for series in chart.series { drawSeries(series, layout: layout, canvas: &canvas) }
        if let (x, y) = legendOrigin { legend.draw(x: x, y: y, canvas: &canvas) }
    }

    // MARK: Layout

    private func makeLayout(_ frame: PlotRect, reserveRight: Double) -> Layout {
        let bottom = style.tickLabelSize + 16 + (showXLabel ? style.axisLabelSize + 6 : 0)
        let areaHeight = max(20, frame.height - titleHeight - bottom)
        let y = ticks(for: chart.yAxis, values: chart.series.flatMap { s in zip(s.x, s.y).filter { chart.accepts($0, $1) }.map(\.1) },
                      target: min(8, max(3, Int(areaHeight / 45))), padded: true)
        let yLabelWidth = y.major.map { style.textWidth($0.label ?? "", size: style.tickLabelSize) }.max() ?? 0
        let left = (showYLabel && !y.axisLabel(chart.yAxis.label).isEmpty ? style.axisLabelSize + 12 : 4) + yLabelWidth + 8
        let provisionalWidth = frame.width - left - reserveRight - 14
        let x = ticks(for: chart.xAxis, values: chart.series.flatMap { s in zip(s.x, s.y).filter { chart.accepts($0, $1) }.map(\.0) },
                      target: min(8, max(3, Int(provisionalWidth / 90))), padded: false)
        let lastLabel = x.major.last?.label ?? ""
        let right = max(14, style.textWidth(lastLabel, size: style.tickLabelSize) / 2 + 4) + reserveRight
        let area = PlotRect(x: frame.x + left, y: frame.y + titleHeight, width: max(20, frame.width - left - right), height: areaHeight)
        return Layout(area: area, x: x, y: y, xScale: chart.xAxis.scale, yScale: chart.yAxis.scale)
    }

    /// Ticks for an axis: its fixed range, or the data's range extended to nice ticks. With
    /// `padded`, the data range first grows by 3% on each side (not below 0 for non-negative
    /// linear data), so lines along the extremes stay clear of the frame.
    private func ticks(for axis: PlotAxis, values: [Double], target: Int, padded: Bool) -> AxisTicks {
        var (lo, hi, extend) = axis.range.map { ($0.lowerBound, $0.upperBound, false) }
            ?? (values.min() ?? 0, values.max() ?? 1, true)
        if extend && padded && hi > lo {
            let (a, b) = (axis.scale.transform(lo), axis.scale.transform(hi))
            let pad = (b - a) * 0.03
            switch axis.scale {
            case .linear: (lo, hi) = (lo >= 0 ? max(0, lo - pad) : lo - pad, hi + pad)
            case .log: (lo, hi) = (pow(10, a - pad), pow(10, b + pad))
            }
        }
        switch axis.scale {
        case .linear: return TickGenerator.linear(lo, hi, targetCount: target, extendToTicks: extend)
        case .log: return TickGenerator.logarithmic(lo, hi, maxLabels: target + 2, extendToTicks: extend)
        }
    }

    /// The first inside corner where `legend` covers no data, or `nil`.
    private func freeCorner(for legend: LegendBox, layout: Layout) -> (Double, Double)? {
        let area = layout.area, inset = 6.0
        guard legend.width <= area.width * 0.6, legend.height <= area.height * 0.7 else { return nil }
        let corners = [
            (area.maxX - legend.width - inset, area.y + inset), (area.x + inset, area.y + inset),
            (area.x + inset, area.maxY - legend.height - inset), (area.maxX - legend.width - inset, area.maxY - legend.height - inset),
        ]
        let pieces = chart.series.flatMap { projectedPieces($0, layout: layout) }
        return corners.first { corner in
            let box = PlotRect(x: corner.0 - 5, y: corner.1 - 5, width: legend.width + 10, height: legend.height + 10)
            return !pieces.contains { piece in
                piece.contains { box.contains($0.0, $0.1) }
                    || zip(piece, piece.dropFirst()).contains { box.intersects($0.0, $0.1, $1.0, $1.1) }
            }
        }
    }

    // MARK: Drawing

    private func drawAxes(_ layout: Layout, canvas: inout SVGCanvas) {
        let area = layout.area
        if !chart.title.isEmpty {
            canvas.text(chart.title, x: area.midX, y: area.y - 8, size: style.panelTitleSize, anchor: .middle, bold: true)
        }
        let xMajor = visibleLabels(layout.x, scale: layout.xScale, spacing: { abs(layout.px($0) - layout.px($1)) },
                                   needed: { style.textWidth($0, size: style.tickLabelSize) + 10 })
        let yMajor = visibleLabels(layout.y, scale: layout.yScale, spacing: { abs(layout.py($0) - layout.py($1)) },
                                   needed: { _ in style.tickLabelSize * 1.4 })
        for tick in layout.x.major { canvas.line(layout.px(tick.value), area.y, layout.px(tick.value), area.maxY, color: style.gridColor, width: 0.8) }
        for tick in layout.y.major { canvas.line(area.x, layout.py(tick.value), area.maxX, layout.py(tick.value), color: style.gridColor, width: 0.8) }
        canvas.rect(area, fill: "none", stroke: style.axisColor, strokeWidth: 0.9)
        for tick in layout.x.ticks {
            let x = layout.px(tick.value), length = tick.label == nil ? 2.5 : 4.5
            canvas.line(x, area.maxY, x, area.maxY + length, color: style.axisColor, width: 0.8)
        }
        for tick in layout.y.ticks {
            let y = layout.py(tick.value), length = tick.label == nil ? 2.5 : 4.5
            canvas.line(area.x - length, y, area.x, y, color: style.axisColor, width: 0.8)
        }
        for tick in xMajor {
            canvas.text(tick.label ?? "", x: layout.px(tick.value), y: area.maxY + 7 + style.tickLabelSize, size: style.tickLabelSize, anchor: .middle)
        }
        for tick in yMajor {
            canvas.centredText(tick.label ?? "", x: area.x - 7, y: layout.py(tick.value), size: style.tickLabelSize, anchor: .end)
        }
        drawAxisLabels(x: layout.x.axisLabel(chart.xAxis.label), y: layout.y.axisLabel(chart.yAxis.label), area: area,
                       leftOfTicks: yMajor.map { style.textWidth($0.label ?? "", size: style.tickLabelSize) }.max() ?? 0, canvas: &canvas)
    }

    private func drawAxisLabels(x xLabel: String, y yLabel: String, area: PlotRect, leftOfTicks tickWidth: Double, canvas: inout SVGCanvas) {
        if showXLabel && !xLabel.isEmpty {
            canvas.text(xLabel, x: area.midX, y: area.maxY + style.tickLabelSize + style.axisLabelSize + 17,
                        size: style.axisLabelSize, anchor: .middle)
        }
        if showYLabel && !yLabel.isEmpty {
            canvas.centredText(yLabel, x: area.x - tickWidth - 12 - style.axisLabelSize / 2, y: area.midY,
                               size: style.axisLabelSize, rotation: -90)
        }
    }

    /// The labelled ticks that fit without overlapping: on a crowded log axis the decades are kept
    /// first; otherwise every k-th label.
    private func visibleLabels(_ ticks: AxisTicks, scale: AxisScale, spacing: (Double, Double) -> Double,
                               needed: (String) -> Double) -> [AxisTick] {
        func fits(_ labels: [AxisTick]) -> Bool {
            zip(labels, labels.dropFirst()).allSatisfy { a, b in
                spacing(a.value, b.value) >= max(needed(a.label ?? ""), needed(b.label ?? ""))
            }
        }
        var labels = ticks.major
        if fits(labels) { return labels }
        if scale == .log {
            let decades = labels.filter { abs(log10($0.value) - log10($0.value).rounded()) < 1e-9 }
            if decades.count >= 2 { labels = decades }
        }
        for stride in 1...max(1, labels.count) {
            let kept = labels.enumerated().filter { $0.offset % stride == 0 }.map(\.element)
            if fits(kept) { return kept }
        }
        return Array(labels.prefix(1))
    }

    private func drawSeries(_ series: PlotSeries, layout: Layout, canvas: inout SVGCanvas) {
        let pieces = projectedPieces(series, layout: layout)
        let width = style.lineWidth * series.widthScale
        if series.style != .none {
            for piece in pieces where piece.count >= 2 {
                canvas.polyline(piece, color: series.color, width: width, dash: series.style.dashArray(width: width), clipID: clipID)
            }
            if series.marker == .none {
                let isolated = pieces.filter { $0.count == 1 }.map { $0[0] }
                MarkerShape.circle.draw(at: isolated, size: width * 2.2, color: series.color, canvas: &canvas, clipID: clipID)
            }
        }
        if series.marker != .none {
            let points = zip(series.x, series.y).filter { chart.accepts($0, $1) }
                .map { (layout.px($0), layout.py($1)) }
                .filter { layout.area.contains($0.0, $0.1) }
            series.marker.draw(at: points, size: style.markerSize, color: series.color, canvas: &canvas, clipID: clipID)
        }
    }

    /// The series in canvas coordinates, split wherever a point cannot be plotted, each piece reduced
    /// to at most four points (first, lowest, highest, last) per half-pixel column.
    private func projectedPieces(_ series: PlotSeries, layout: Layout) -> [[(Double, Double)]] {
        var pieces: [[(Double, Double)]] = []
        var current: [(Double, Double)] = []
        for (x, y) in zip(series.x, series.y) {
            if chart.accepts(x, y) {
                current.append((layout.px(x), layout.py(y)))
            } else if !current.isEmpty {
                pieces.append(ChartPanel.thinned(current))
                current = []
            }
        }
        if !current.isEmpty { pieces.append(ChartPanel.thinned(current)) }
        return pieces
    }

    static func thinned(_ points: [(Double, Double)]) -> [(Double, Double)] {
        guard points.count > 4 else { return points }
        var out: [(Double, Double)] = []
        var i = 0
        while i < points.count {
            let column = (points[i].0 * 2).rounded(.down)
            var j = i, lowest = i, highest = i
            while j + 1 < points.count && (points[j + 1].0 * 2).rounded(.down) == column {
                j += 1
                if points[j].1 < points[lowest].1 { lowest = j }
                if points[j].1 > points[highest].1 { highest = j }
            }
            for k in Set([i, lowest, highest, j]).sorted() { out.append(points[k]) }
            i = j + 1
        }
        return out
    }

    private func drawEmpty(in frame: PlotRect, canvas: inout SVGCanvas) {
        let bottom = style.tickLabelSize + 16 + (showXLabel ? style.axisLabelSize + 6 : 0)
        let left = (showYLabel && !chart.yAxis.label.isEmpty ? style.axisLabelSize + 12 : 4) + 24
        let area = PlotRect(x: frame.x + left, y: frame.y + titleHeight, width: max(20, frame.width - left - 14),
                            height: max(20, frame.height - titleHeight - bottom))
        if !chart.title.isEmpty {
            canvas.text(chart.title, x: area.midX, y: area.y - 8, size: style.panelTitleSize, anchor: .middle, bold: true)
        }
        canvas.rect(area, fill: "#fafafa", stroke: style.gridColor, strokeWidth: 1)
        canvas.centredText("no data", x: area.midX, y: area.midY, size: style.axisLabelSize + 2, color: PlotColor(0x888888))
        drawAxisLabels(x: chart.xAxis.label, y: chart.yAxis.label, area: area, leftOfTicks: 0, canvas: &canvas)
    }
}
