import XCTest
import Plotting

final class PlotTicksTests: XCTestCase {
    func testNiceSteps() {
        XCTAssertTrue(TickGenerator.niceStep(0.23) == (2, -1))
        XCTAssertTrue(TickGenerator.niceStep(0.8) == (1, 0))
        XCTAssertTrue(TickGenerator.niceStep(43) == (5, 1))
        XCTAssertTrue(TickGenerator.niceStep(1) == (1, 0))
    }

    func testLinearTicksCoverTheRangeWithNiceSteps() {
        let cases: [(Double, Double)] = [(0, 1), (0.013, 0.087), (-3.2, 47.9), (1234, 98765), (1e-6, 3.3e-6), (-5, -1), (0, 59.8)]
        for (lo, hi) in cases {
            let t = TickGenerator.linear(lo, hi)
            XCTAssertLessThanOrEqual(t.lower, lo)
            XCTAssertGreaterThanOrEqual(t.upper, hi)
            let values = t.major.map(\.value)
            XCTAssertTrue((3...12).contains(values.count), "\(lo)...\(hi): \(values)")
            let steps = zip(values, values.dropFirst()).map { $1 - $0 }
            let step = steps[0]
            let mantissa = step / pow(10, floor(log10(step)))
            XCTAssertTrue([1, 2, 5].contains { abs(mantissa - Double($0)) < 1e-9 }, "step \(step)")
            for s in steps { XCTAssertEqual(s, step, accuracy: step * 1e-9) }
        }
    }

    func testLinearTickLabelsAreClean() {
        XCTAssertEqual(TickGenerator.linear(0, 1).major.map(\.label), ["0", "0.2", "0.4", "0.6", "0.8", "1.0"])
        XCTAssertEqual(TickGenerator.linear(0.1, 0.5, targetCount: 5).major.compactMap(\.label), ["0.1", "0.2", "0.3", "0.4", "0.5"])
        XCTAssertEqual(TickGenerator.linear(-20, 40).major.compactMap(\.label), ["−20", "−10", "0", "10", "20", "30", "40"])
        XCTAssertEqual(TickGenerator.linear(0, 1).multiplierExponent, 0)
    }

    func testVeryLargeOrSmallLinearTicksShareAPowerOfTen() {
        let small = TickGenerator.linear(0, 4e-5, targetCount: 3)
        XCTAssertEqual(small.major.compactMap(\.label), ["0", "2", "4"])
        XCTAssertEqual(small.axisLabel("loss"), "loss (×10⁻⁵)")
        let large = TickGenerator.linear(0, 3e5, targetCount: 7)
        XCTAssertEqual(large.major.compactMap(\.label), ["0", "0.5", "1.0", "1.5", "2.0", "2.5", "3.0"])
        XCTAssertEqual(large.axisLabel(""), "×10⁵")
        let negative = TickGenerator.linear(-1.5e-4, 1.5e-4, targetCount: 7)
        XCTAssertEqual(negative.major.compactMap(\.label), ["−1.5", "−1.0", "−0.5", "0", "0.5", "1.0", "1.5"])
        XCTAssertEqual(negative.multiplierExponent, -4)
    }

    func testFixedRangeKeepsItsBounds() {
        let t = TickGenerator.linear(0, 1, targetCount: 6, extendToTicks: false)
        XCTAssertEqual(t.lower, 0)
        XCTAssertEqual(t.upper, 1)
        let inside = TickGenerator.linear(0.05, 0.95, targetCount: 6, extendToTicks: false)
        XCTAssertEqual(inside.major.map(\.value), [0.2, 0.4, 0.6, 0.8])
    }

    func testDegenerateAndNonFiniteRanges() {
        let constant = TickGenerator.linear(10, 10)
        XCTAssertLessThan(constant.lower, 10)
        XCTAssertGreaterThan(constant.upper, 10)
        XCTAssertFalse(TickGenerator.linear(.nan, .infinity).major.isEmpty)
        XCTAssertFalse(TickGenerator.logarithmic(-1, 0).major.isEmpty)
        XCTAssertFalse(TickGenerator.logarithmic(5, 5).major.isEmpty)
    }

    func testLogTicksAreDecades() {
        let t = TickGenerator.logarithmic(0.003, 250)
        XCTAssertEqual(t.lower, 1e-3, accuracy: 1e-15)
        XCTAssertEqual(t.upper, 1000, accuracy: 1e-9)
        XCTAssertEqual(t.major.compactMap(\.label), ["0.001", "0.01", "0.1", "1", "10", "100", "1000"])
        XCTAssertTrue(t.ticks.contains { $0.label == nil && abs($0.value - 0.02) < 1e-12 }, "minor ticks at 2…9 × 10ᵏ")

        let wide = TickGenerator.logarithmic(1e-9, 1e3)
        XCTAssertEqual(wide.major.compactMap(\.label), ["10⁻⁹", "10⁻⁸", "10⁻⁷", "10⁻⁶", "10⁻⁵", "10⁻⁴", "10⁻³", "10⁻²", "10⁻¹", "10⁰", "10¹", "10²", "10³"].enumerated().filter { $0.offset % 2 == 1 }.map(\.element))
        XCTAssertLessThanOrEqual(wide.major.count, 10)
    }

    func testShortLogRangesLabelTwoAndFive() {
        let t = TickGenerator.logarithmic(3, 70)
        XCTAssertEqual(t.major.compactMap(\.label), ["2", "5", "10", "20", "50", "100"])
        let tiny = TickGenerator.logarithmic(2e-5, 3e-4)
        XCTAssertEqual(tiny.major.compactMap(\.label), ["2×10⁻⁵", "5×10⁻⁵", "10⁻⁴", "2×10⁻⁴", "5×10⁻⁴"])
        let narrow = TickGenerator.logarithmic(42, 68)
        XCTAssertEqual(narrow.major.compactMap(\.label), ["40", "50", "60", "70"])
    }
}

final class PlotNumberFormatTests: XCTestCase {
    func testCompact() {
        XCTAssertEqual(PlotNumberFormat.compact(0.1 + 0.2), "0.3")
        XCTAssertEqual(PlotNumberFormat.compact(1234.5678), "1230")
        XCTAssertEqual(PlotNumberFormat.compact(1234.5678, significantDigits: 6), "1234.57")
        XCTAssertEqual(PlotNumberFormat.compact(0.003), "0.003")
        XCTAssertEqual(PlotNumberFormat.compact(0.0003), "3×10⁻⁴")
        XCTAssertEqual(PlotNumberFormat.compact(2e5), "2×10⁵")
        XCTAssertEqual(PlotNumberFormat.compact(1e6), "10⁶")
        XCTAssertEqual(PlotNumberFormat.compact(-0.25), "−0.25")
        XCTAssertEqual(PlotNumberFormat.compact(9.9996, significantDigits: 4), "10")
        XCTAssertEqual(PlotNumberFormat.compact(99999.6), "10⁵")
        XCTAssertEqual(PlotNumberFormat.compact(0), "0")
        XCTAssertEqual(PlotNumberFormat.compact(.nan), "–")
        XCTAssertEqual(PlotNumberFormat.compact(-.infinity), "−∞")
    }

    func testSuperscriptAndLogLabels() {
        XCTAssertEqual(PlotNumberFormat.superscript(-12), "⁻¹²")
        XCTAssertEqual(PlotNumberFormat.superscript(0), "⁰")
        XCTAssertEqual(PlotNumberFormat.logTickLabels([0.01, 0.1, 1, 10]), ["0.01", "0.1", "1", "10"])
        XCTAssertEqual(PlotNumberFormat.logTickLabels([1e-4, 1e-2, 1]), ["10⁻⁴", "10⁻²", "10⁰"])
    }
}
