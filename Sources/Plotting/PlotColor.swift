import Foundation

/// An opaque sRGB colour.
public struct PlotColor: Sendable, Hashable {
    public var red: UInt8
    public var green: UInt8
    public var blue: UInt8

    public init(red: UInt8, green: UInt8, blue: UInt8) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// A colour from a 24-bit value such as `0x0072B2`.
    public init(_ rgb: UInt32) {
        self.init(red: UInt8((rgb >> 16) & 0xFF), green: UInt8((rgb >> 8) & 0xFF), blue: UInt8(rgb & 0xFF))
    }

    /// `#rrggbb`, as SVG expects.
    public var hex: String {
        let digits = Array("0123456789abcdef")
        return "#" + [red, green, blue].map { String([digits[Int($0 >> 4)], digits[Int($0 & 15)]]) }.joined()
    }

    /// Relative luminance in [0, 1] (sRGB, WCAG definition): picks black or white text on a fill.
    public var luminance: Double {
        func channel(_ c: UInt8) -> Double {
            let v = Double(c) / 255
            return v <= 0.03928 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)
    }

    public static let black = PlotColor(0x000000)
    public static let white = PlotColor(0xFFFFFF)
    public static let blue = PlotColor(0x0072B2)
    public static let vermillion = PlotColor(0xD55E00)
    public static let bluishGreen = PlotColor(0x009E73)
    public static let reddishPurple = PlotColor(0xCC79A7)
    public static let orange = PlotColor(0xE69F00)
    public static let skyBlue = PlotColor(0x56B4E9)
    public static let yellow = PlotColor(0xF0E442)

    /// The Okabe–Ito colour-blind-safe palette, ordered for lines on white (yellow, the least visible,
    /// last).
    public static let okabeIto: [PlotColor] = [.blue, .vermillion, .bluishGreen, .reddishPurple, .orange, .skyBlue, .black, .yellow]

    /// The `index`-th palette colour, cycling.
    public static func palette(_ index: Int) -> PlotColor {
        okabeIto[((index % okabeIto.count) + okabeIto.count) % okabeIto.count]
    }

    /// Viridis (perceptually uniform, colour-blind safe) at `t` in [0, 1], interpolated between ten
    /// samples of the matplotlib map; `t` outside the interval is clamped.
    public static func viridis(_ t: Double) -> PlotColor {
        let t = t.isFinite ? min(max(t, 0), 1) : 0
        let position = t * Double(viridisStops.count - 1)
        let i = min(Int(position), viridisStops.count - 2)
        let f = position - Double(i)
        let a = viridisStops[i], b = viridisStops[i + 1]
        func mix(_ x: UInt8, _ y: UInt8) -> UInt8 { UInt8((Double(x) + (Double(y) - Double(x)) * f).rounded()) }
        return PlotColor(red: mix(a.red, b.red), green: mix(a.green, b.green), blue: mix(a.blue, b.blue))
    }

    /// viridis(10) from matplotlib, at t = 0, 1/9, …, 1.
    static let viridisStops: [PlotColor] = [
        0x440154, 0x482878, 0x3E4A89, 0x31688E, 0x26828E, 0x1F9E89, 0x35B779, 0x6DCD59, 0xB4DE2C, 0xFDE725,
    ].map { PlotColor($0) }
}
