import Foundation

/// How values map to positions along an axis.
public enum AxisScale: Sendable, Equatable {
    /// Position proportional to the value.
    case linear
    /// Position proportional to log₁₀ of the value; only positive values can be shown.
    case log

    /// Whether `v` can be placed on an axis with this scale.
    public func accepts(_ v: Double) -> Bool { v.isFinite && (self == .linear || v > 0) }

    /// The coordinate in which this scale is linear (the value itself, or its log₁₀).
    func transform(_ v: Double) -> Double { self == .linear ? v : log10(v) }
}

/// One tick mark: labelled ticks also get a grid line, unlabelled ones are minor tick marks only.
public struct AxisTick: Sendable, Equatable {
    public var value: Double
    /// The label, or `nil` for a minor tick.
    public var label: String?

    public init(value: Double, label: String?) {
        self.value = value
        self.label = label
    }
}

/// The displayed range of an axis and its ticks, in increasing order.
public struct AxisTicks: Sendable, Equatable {
    public var lower: Double
    public var upper: Double
    public var ticks: [AxisTick]
    /// Labels are mantissas of this power of ten (0 when they are the values themselves); see
    /// ``PlotNumberFormat/linearTickLabels(_:stepExponent:)``.
    public var multiplierExponent = 0

    /// The labelled ticks.
    public var major: [AxisTick] { ticks.filter { $0.label != nil } }

    /// `label` with this axis's shared power of ten appended (`loss (×10⁻⁴)`), if there is one.
    public func axisLabel(_ label: String) -> String {
        guard multiplierExponent != 0 else { return label }
        let note = PlotNumberFormat.multiplier(multiplierExponent)
        return label.isEmpty ? note : label + " (" + note + ")"
    }
}

/// "Nice" tick positions: 1, 2 or 5 × 10ᵏ steps on linear axes; decades (with 2 and 5 labelled when the
/// range spans less than about two decades) on logarithmic axes.
public enum TickGenerator {
    /// The nice number (1, 2 or 5 × 10ᵏ) closest to `rough`, as mantissa and exponent.
    public static func niceStep(_ rough: Double) -> (mantissa: Int, exponent: Int) {
        guard rough.isFinite, rough > 0 else { return (1, 0) }
        var exponent = Int(floor(log10(rough)))
        let fraction = rough / pow(10, Double(exponent))
        let mantissa: Int
        switch fraction {
        case ..<1.5: mantissa = 1
        case ..<3: mantissa = 2
        case ..<7: mantissa = 5
        default: mantissa = 1; exponent += 1
        }
        return (mantissa, exponent)
    }

    /// Ticks for a linear axis showing `lo...hi` with about `targetCount` labels. With
    /// `extendToTicks` the range grows to the enclosing ticks; otherwise it is kept and only ticks
    /// inside it are returned. Degenerate or non-finite input gives a small range around the value.
    public static func linear(_ lo: Double, _ hi: Double, targetCount: Int = 6, extendToTicks: Bool = true) -> AxisTicks {
        var (lo, hi) = ordered(lo, hi, fallback: (0, 1))
        if hi - lo <= max(Swift.abs(lo), Swift.abs(hi)) * 1e-9 {
            let pad = lo == 0 ? 1 : Swift.abs(lo) * 0.1
            lo -= pad
            hi += pad
        }
        guard (hi - lo).isFinite else { return AxisTicks(lower: lo, upper: hi, ticks: []) }
        let (mantissa, exponent) = niceStep((hi - lo) / Double(max(1, targetCount - 1)))
        let step = Double(mantissa) * pow(10, Double(exponent))
        let first = extendToTicks ? Int(floor(lo / step + 1e-9)) : Int(ceil(lo / step - 1e-9))
        let last = extendToTicks ? Int(ceil(hi / step - 1e-9)) : Int(floor(hi / step + 1e-9))
        let values = first > last ? [] : (first...last).map { i -> Double in
            exponent >= 0 ? Double(i * mantissa) * pow(10, Double(exponent)) : Double(i * mantissa) / pow(10, Double(-exponent))
        }
        let (labels, multiplier) = PlotNumberFormat.linearTickLabels(values, stepExponent: exponent)
        return AxisTicks(
            lower: extendToTicks ? values.first ?? lo : lo,
            upper: extendToTicks ? values.last ?? hi : hi,
            ticks: zip(values, labels).map { AxisTick(value: $0, label: $1) },
            multiplierExponent: multiplier)
    }

    /// Ticks for a logarithmic axis showing `lo...hi` (both must be positive; otherwise 1...10 is
    /// used). Two decades or more: labelled decades, thinned to at most `maxLabels`, with minor ticks at
    /// 2…9 × 10ᵏ. Less than that: labels at 1, 2 and 5 × 10ᵏ; less than one decade: linear nice ticks
    /// when at least three fit. `extendToTicks` works as for ``linear(_:_:targetCount:extendToTicks:)``.
    public static func logarithmic(_ lo: Double, _ hi: Double, maxLabels: Int = 10, extendToTicks: Bool = true) -> AxisTicks {
        var (lo, hi) = ordered(lo, hi, fallback: (1, 10))
        if lo <= 0 || !(lo.isNormal) { (lo, hi) = hi > 0 ? (hi / 100, hi) : (1, 10) }
        if hi / lo < 1 + 1e-9 { lo /= 2; hi *= 2 }
        let decades = log10(hi / lo)
        if decades < 1, let ticks = linearOnLog(lo, hi, extendToTicks: extendToTicks) { return ticks }
        if decades < 2 { return oneTwoFive(lo, hi, extendToTicks: extendToTicks) }

        let kLo = Int(floor(log10(lo) + 1e-9)), kHi = Int(ceil(log10(hi) - 1e-9))
        let lower = extendToTicks ? pow(10, Double(kLo)) : lo
        let upper = extendToTicks ? pow(10, Double(kHi)) : hi
        let stride = max(1, Int(ceil(Double(kHi - kLo + 1) / Double(max(1, maxLabels)))))
        let labelled = (kLo...kHi).filter { $0 % stride == 0 }.map { pow(10, Double($0)) }.filter { inRange($0, lower, upper) }
        let labels = PlotNumberFormat.logTickLabels(labelled)
        var ticks = zip(labelled, labels).map { AxisTick(value: $0, label: $1) }
        let minorMultiples: [Double] = kHi - kLo <= 12 ? [1, 2, 3, 4, 5, 6, 7, 8, 9] : [1]
        for k in kLo...kHi {
            for m in minorMultiples {
                let v = m * pow(10, Double(k))
                if inRange(v, lower, upper) && !labelled.contains(v) { ticks.append(AxisTick(value: v, label: nil)) }
            }
        }
        return AxisTicks(lower: lower, upper: upper, ticks: ticks.sorted { $0.value < $1.value })
    }

    /// Labels at 1, 2 and 5 × 10ᵏ, minor ticks at the other integer multiples.
    private static func oneTwoFive(_ lo: Double, _ hi: Double, extendToTicks: Bool) -> AxisTicks {
        let kLo = Int(floor(log10(lo))) - 1, kHi = Int(ceil(log10(hi))) + 1
        let candidates = (kLo...kHi).flatMap { k in (1...9).map { Double($0) * pow(10, Double(k)) } }
        func isLabelled(_ v: Double) -> Bool {
            let m = (v / pow(10, floor(log10(v) + 1e-9))).rounded()
            return m == 1 || m == 2 || m == 5
        }
        let lower = extendToTicks ? candidates.filter { isLabelled($0) && $0 <= lo * (1 + 1e-9) }.last ?? lo : lo
        let upper = extendToTicks ? candidates.first { isLabelled($0) && $0 >= hi * (1 - 1e-9) } ?? hi : hi
        let shown = candidates.filter { inRange($0, lower, upper) }
        let labelled = shown.filter(isLabelled)
        let labels = PlotNumberFormat.logTickLabels(labelled)
        var ticks = zip(labelled, labels).map { AxisTick(value: $0, label: $1) }
        ticks += shown.filter { !isLabelled($0) }.map { AxisTick(value: $0, label: nil) }
        return AxisTicks(lower: lower, upper: upper, ticks: ticks.sorted { $0.value < $1.value })
    }

    /// Linear nice ticks placed on a log axis (for ranges under a decade), if at least three positive
    /// ones fit.
    private static func linearOnLog(_ lo: Double, _ hi: Double, extendToTicks: Bool) -> AxisTicks? {
        let ticks = linear(lo, hi, targetCount: 4, extendToTicks: extendToTicks)
        guard ticks.lower > 0, ticks.ticks.count >= 3 else { return nil }
        return ticks
    }

    private static func ordered(_ a: Double, _ b: Double, fallback: (Double, Double)) -> (Double, Double) {
        guard a.isFinite, b.isFinite else { return fallback }
        return a <= b ? (a, b) : (b, a)
    }

    private static func inRange(_ v: Double, _ lo: Double, _ hi: Double) -> Bool {
        v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)
    }
}
