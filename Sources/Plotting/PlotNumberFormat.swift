import Foundation

/// Number formatting for plot labels.
///
/// One style throughout: plain decimals for magnitudes in [10⁻³, 10⁵) (`0.05`, `250`, `1.5`), and
/// `m×10ⁿ` with Unicode superscripts otherwise (`2×10⁻⁵`, `10⁶`). Negative numbers use the typographic
/// minus sign `−`. Trailing zeros are trimmed, so floating-point noise such as `0.30000000000000004`
/// never reaches a label.
public enum PlotNumberFormat {
    /// `v` rounded to `significantDigits` significant digits in the style described above. Non-finite
    /// values are spelled `–` (NaN) and `∞`/`−∞`, never `nan`.
    public static func compact(_ v: Double, significantDigits: Int = 3) -> String {
        guard v.isFinite else { return v.isNaN ? "–" : (v > 0 ? "∞" : "−∞") }
        if v == 0 { return "0" }
        let digits = max(1, min(significantDigits, 15))
        let (mantissa, exponent) = roundedScientific(Swift.abs(v), digits: digits)
        let sign = v < 0 ? "−" : ""
        if exponent >= -3 && exponent < 5 {
            let decimals = max(0, digits - 1 - exponent)
            return sign + trimmed(String(format: "%.\(decimals)f", mantissa * pow(10, Double(exponent))))
        }
        return sign + power(mantissa: trimmed(String(format: "%.\(digits - 1)f", mantissa)), exponent: exponent)
    }

    /// Labels for the evenly spaced ticks of a linear axis whose step is `m × 10^stepExponent`, with
    /// as many decimal places as the step needs (the same for every label). When the ticks are very
    /// large (≥ 10⁵) or need more than four decimal places, the labels are mantissas and
    /// `multiplierExponent` is the power of ten they share, which the axis label shows as `×10ⁿ` (as
    /// matplotlib does); otherwise it is 0.
    public static func linearTickLabels(_ values: [Double], stepExponent: Int) -> (labels: [String], multiplierExponent: Int) {
        let largest = values.map { Swift.abs($0) }.filter(\.isFinite).max() ?? 0
        var exponent = 0
        if largest >= 1e5 || (-stepExponent > 4 && largest > 0) {
            exponent = Int(floor(log10(largest)))
        }
        let decimals = max(0, exponent - stepExponent)
        let scale = pow(10, Double(exponent))
        let labels = values.map { v -> String in
            let text = String(format: "%.\(decimals)f", v / scale)
            return Double(text) == 0 ? "0" : text.replacingOccurrences(of: "-", with: "−")
        }
        return (labels, exponent)
    }

    /// The note an axis label carries when its tick labels share a power of ten: `×10ⁿ`.
    public static func multiplier(_ exponent: Int) -> String { "×10" + superscript(exponent) }

    /// Labels for ticks of a logarithmic axis: plain decimals when every value lies in [10⁻³, 10⁴),
    /// otherwise powers of ten (`10⁻⁴`, `2×10⁻⁴`) for all of them, so one axis never mixes styles.
    public static func logTickLabels(_ values: [Double]) -> [String] {
        let plain = values.allSatisfy { $0 >= 1e-3 && $0 < 1e4 }
        return values.map { plain ? compact($0, significantDigits: 6) : scientific($0, significantDigits: 2) }
    }

    /// `n` written with Unicode superscript digits and minus (`−12` → `⁻¹²`).
    public static func superscript(_ n: Int) -> String {
        let digits: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
        let body = String(String(Swift.abs(n)).map { digits[Int(String($0))!] })
        return n < 0 ? "⁻" + body : body
    }

    /// `v` as `m×10ⁿ` (or `10ⁿ` when the mantissa is 1), whatever its magnitude.
    static func scientific(_ v: Double, significantDigits: Int) -> String {
        guard v.isFinite, v != 0 else { return compact(v) }
        let digits = max(1, min(significantDigits, 15))
        let (mantissa, exponent) = roundedScientific(Swift.abs(v), digits: digits)
        let sign = v < 0 ? "−" : ""
        return sign + power(mantissa: trimmed(String(format: "%.\(digits - 1)f", mantissa)), exponent: exponent)
    }

    /// Mantissa in [1, 10) and exponent of a positive finite `v`, after rounding to `digits` digits.
    private static func roundedScientific(_ v: Double, digits: Int) -> (Double, Int) {
        var exponent = Int(floor(log10(v)))
        let scale = pow(10, Double(digits - 1))
        var mantissa = (v / pow(10, Double(exponent)) * scale).rounded() / scale
        if mantissa >= 10 { mantissa /= 10; exponent += 1 }
        if mantissa < 1 { mantissa *= 10; exponent -= 1 }
        return (mantissa, exponent)
    }

    private static func power(mantissa: String, exponent: Int) -> String {
        mantissa == "1" ? "10" + superscript(exponent) : mantissa + "×10" + superscript(exponent)
    }

    /// Removes trailing zeros after a decimal point (and the point itself if nothing is left).
    private static func trimmed(_ s: String) -> String {
        guard s.contains(".") else { return s }
        var t = Substring(s)
        while t.hasSuffix("0") { t = t.dropLast() }
        if t.hasSuffix(".") { t = t.dropLast() }
        return String(t)
    }
}
