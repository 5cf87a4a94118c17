import Foundation

/// Fonts, sizes and neutral colours shared by every panel of a figure.
public struct PlotStyle: Sendable, Equatable {
    /// A font stack that renders on Linux (DejaVu), macOS and Windows alike.
    public var fontFamily = "DejaVu Sans, Helvetica, Arial, sans-serif"
    public var figureTitleSize = 17.0
    public var panelTitleSize = 13.0
    public var axisLabelSize = 12.0
    public var tickLabelSize = 11.0
    public var legendSize = 11.0
    public var lineWidth = 1.7
    public var markerSize = 6.0
    public var textColor = PlotColor(0x222222)
    public var axisColor = PlotColor(0x555555)
    public var gridColor = PlotColor(0xE3E3E3)
    /// Size of one panel when a figure chooses its own size.
    public var panelWidth = 330.0
    public var panelHeight = 250.0
    /// Smallest size a figure chooses for itself.
    public var minimumWidth = 900.0
    public var minimumHeight = 560.0

    public init() {}

    /// Estimated rendered width of `text` at `size`: there are no font metrics to hand, so this uses
    /// per-character widths typical of DejaVu Sans, erring wide so that labels never collide.
    func textWidth(_ text: String, size: Double) -> Double {
        var em = 0.0
        for c in text {
            switch c {
            case "i", "l", "j", "t", "f", "r", ".", ",", ":", ";", "|", "!", "'", " ", "(", ")", "[", "]", "1":
                em += 0.38
            case "m", "w", "M", "W", "%", "×":
                em += 0.85
            case "A"..."Z":
                em += 0.7
            default:
                em += c.unicodeScalars.first.map { "⁰¹²³⁴⁵⁶⁷⁸⁹⁻₀₁₂₃₄₅₆₇₈₉".unicodeScalars.contains($0) } == true ? 0.42 : 0.62
            }
        }
        return em * size
    }
}
