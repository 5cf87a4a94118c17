import Foundation

/// An axis-aligned rectangle in SVG user units (y grows downwards).
struct PlotRect: Equatable {
    var x, y, width, height: Double
    var maxX: Double { x + width }
    var maxY: Double { y + height }
    var midX: Double { x + width / 2 }
    var midY: Double { y + height / 2 }

    func contains(_ px: Double, _ py: Double) -> Bool { px >= x && px <= maxX && py >= y && py <= maxY }

    /// Whether the segment from (x0, y0) to (x1, y1) meets this rectangle (Liang–Barsky clipping).
    func intersects(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) -> Bool {
        var t0 = 0.0, t1 = 1.0
        let dx = x1 - x0, dy = y1 - y0
        for (p, q) in [(-dx, x0 - x), (dx, maxX - x0), (-dy, y0 - y), (dy, maxY - y0)] {
            if p == 0 {
                if q < 0 { return false }
            } else {
                let r = q / p
                if p < 0 { t0 = max(t0, r) } else { t1 = min(t1, r) }
                if t0 > t1 { return false }
            }
        }
        return true
    }
}

/// Horizontal anchoring of text.
enum TextAnchor: String {
    case start, middle, end
}

/// Accumulates SVG 1.1 markup. Every number goes through ``SVGCanvas/number(_:)`` (two decimals at
/// most, never `nan`) and every string through ``SVGCanvas/escape(_:)``.
struct SVGCanvas {
    let width: Double
    let height: Double
    let style: PlotStyle
    private var defs = ""
    private var body = ""

    init(width: Double, height: Double, style: PlotStyle) {
        self.width = width
        self.height = height
        self.style = style
        body.reserveCapacity(1 << 16)
    }

    /// The standalone document: XML declaration, `svg` root with namespace, size, viewBox and font.
    var document: String {
        let w = SVGCanvas.number(width), h = SVGCanvas.number(height)
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n"
        out += "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"\(w)\" height=\"\(h)\" viewBox=\"0 0 \(w) \(h)\""
        out += " font-family=\"\(SVGCanvas.escape(style.fontFamily))\" fill=\"\(style.textColor.hex)\">\n"
        if !defs.isEmpty { out += "<defs>\n" + defs + "</defs>\n" }
        out += "<rect x=\"0\" y=\"0\" width=\"\(w)\" height=\"\(h)\" fill=\"#ffffff\"/>\n"
        return out + body + "</svg>\n"
    }

    /// Adds a rectangular clip path with the given id.
    mutating func defineClip(id: String, rect: PlotRect) {
        defs += "<clipPath id=\"\(id)\"><rect x=\"\(n(rect.x))\" y=\"\(n(rect.y))\" width=\"\(n(rect.width))\" height=\"\(n(rect.height))\"/></clipPath>\n"
    }

    /// Adds a diagonal hatch pattern with the given id.
    mutating func defineHatch(id: String, color: PlotColor) {
        defs += "<pattern id=\"\(id)\" patternUnits=\"userSpaceOnUse\" width=\"7\" height=\"7\" patternTransform=\"rotate(45)\">"
        defs += "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"7\" stroke=\"\(color.hex)\" stroke-width=\"1.6\"/></pattern>\n"
    }

    /// Adds a horizontal or vertical linear gradient through `colors`, evenly spaced.
    mutating func defineGradient(id: String, colors: [PlotColor], vertical: Bool) {
        let end = vertical ? "x1=\"0\" y1=\"1\" x2=\"0\" y2=\"0\"" : "x1=\"0\" y1=\"0\" x2=\"1\" y2=\"0\""
        defs += "<linearGradient id=\"\(id)\" \(end)>"
        for (i, c) in colors.enumerated() {
            defs += "<stop offset=\"\(n(Double(i) / Double(max(1, colors.count - 1))))\" stop-color=\"\(c.hex)\"/>"
        }
        defs += "</linearGradient>\n"
    }

    mutating func rect(_ r: PlotRect, fill: String, stroke: PlotColor? = nil, strokeWidth: Double = 1) {
        body += "<rect x=\"\(n(r.x))\" y=\"\(n(r.y))\" width=\"\(n(r.width))\" height=\"\(n(r.height))\" fill=\"\(fill)\""
        if let stroke { body += " stroke=\"\(stroke.hex)\" stroke-width=\"\(n(strokeWidth))\"" }
        body += "/>\n"
    }

    mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, color: PlotColor, width: Double = 1, dash: String? = nil) {
        body += "<line x1=\"\(n(x1))\" y1=\"\(n(y1))\" x2=\"\(n(x2))\" y2=\"\(n(y2))\" stroke=\"\(color.hex)\" stroke-width=\"\(n(width))\""
        if let dash { body += " stroke-dasharray=\"\(dash)\" stroke-linecap=\"round\"" }
        body += "/>\n"
    }

    /// An open polyline through `points` (at least two), optionally dashed and clipped.
    mutating func polyline(_ points: [(Double, Double)], color: PlotColor, width: Double, dash: String?, clipID: String?) {
        guard points.count >= 2 else { return }
        body += "<path fill=\"none\" stroke=\"\(color.hex)\" stroke-width=\"\(n(width))\" stroke-linejoin=\"round\" stroke-linecap=\"round\""
        if let dash { body += " stroke-dasharray=\"\(dash)\"" }
        if let clipID { body += " clip-path=\"url(#\(clipID))\"" }
        body += " d=\""
        for (i, p) in points.enumerated() {
            body += (i == 0 ? "M" : i == 1 ? " L" : " ") + n(p.0) + " " + n(p.1)
        }
        body += "\"/>\n"
    }

    /// Arbitrary path data with fill and stroke given as attribute values.
    mutating func path(_ d: String, fill: String, stroke: String = "none", strokeWidth: Double = 1, clipID: String? = nil) {
        body += "<path d=\"\(d)\" fill=\"\(fill)\" stroke=\"\(stroke)\" stroke-width=\"\(n(strokeWidth))\""
        if let clipID { body += " clip-path=\"url(#\(clipID))\"" }
        body += "/>\n"
    }

    /// Text whose baseline is at `y`; `rotation` in degrees about the anchor point.
    mutating func text(_ s: String, x: Double, y: Double, size: Double, anchor: TextAnchor = .start,
                       bold: Bool = false, color: PlotColor? = nil, rotation: Double = 0) {
        body += "<text x=\"\(n(x))\" y=\"\(n(y))\" font-size=\"\(n(size))\""
        if anchor != .start { body += " text-anchor=\"\(anchor.rawValue)\"" }
        if bold { body += " font-weight=\"bold\"" }
        if let color { body += " fill=\"\(color.hex)\"" }
        if rotation != 0 { body += " transform=\"rotate(\(n(rotation)) \(n(x)) \(n(y)))\"" }
        body += ">\(SVGCanvas.escape(s))</text>\n"
    }

    /// Text vertically centred on `y` (baseline shifted by about a third of the font size).
    mutating func centredText(_ s: String, x: Double, y: Double, size: Double, anchor: TextAnchor = .middle,
                              bold: Bool = false, color: PlotColor? = nil, rotation: Double = 0) {
        if rotation == 0 {
            text(s, x: x, y: y + size * 0.35, size: size, anchor: anchor, bold: bold, color: color)
        } else {
            text(s, x: x + size * 0.35, y: y, size: size, anchor: anchor, bold: bold, color: color, rotation: rotation)
        }
    }

    private func n(_ v: Double) -> String { SVGCanvas.number(v) }

    /// A coordinate with at most two decimals, trailing zeros dropped; non-finite values become 0 and
    /// huge ones are clamped, so output never contains `nan` or `inf`.
    static func number(_ v: Double) -> String {
        guard v.isFinite else { return "0" }
        let hundredths = Int((min(max(v, -1e9), 1e9) * 100).rounded())
        if hundredths == 0 { return "0" }
        let magnitude = Swift.abs(hundredths)
        var s = hundredths < 0 ? "-" : ""
        s += String(magnitude / 100)
        let fraction = magnitude % 100
        if fraction != 0 {
            s += fraction % 10 == 0 ? "." + String(fraction / 10) : (fraction < 10 ? ".0" : ".") + String(fraction)
        }
        return s
    }

    /// Text safe inside XML character data and attribute values; characters XML 1.0 forbids are
    /// dropped.
    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out += " "
            default:
                let v = scalar.value
                if v < 0x20 || (0xFFFE...0xFFFF).contains(v) { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
