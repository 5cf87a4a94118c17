import Foundation
import XCTest
import Tensors
import Optimizers
import TestSupport

/// Each optimizer's first steps against a hand computation on ℓ(w) = ½ wᵀAw with A = diag(4, 1), in Double.
final class OptimizerStepTests: XCTestCase {
    let a = [4.0, 1.0]
    var oracle: ClosureGradientOracle {
        let a = self.a
        return ClosureGradientOracle { w, g in
            let x = w.scalars
            g = Tensor(zip(a, x).map { $0 * $1 })
            return 0.5 * zip(a, x).reduce(0) { $0 + $1.0 * $1.1 * $1.1 }
        }
    }
    func grad(_ w: [Double]) -> [Double] { zip(a, w).map { $0 * $1 } }

    func run(_ config: OptimizerConfiguration, steps: Int, from w0: [Double] = [1, -2]) throws -> [Double] {
        let opt = Optimizer(config)
        var w = Tensor(w0)
        for _ in 0..<steps { _ = try opt.step(&w, oracle: oracle) }
        return w.scalars
    }

    func testGradientDescent() throws {
        let w = try run(OptimizerConfiguration(learningRate: 0.1), steps: 2)
        var x = [1.0, -2.0]
        for _ in 0..<2 { x = zip(x, grad(x)).map { $0 - 0.1 * $1 } }
        XCTAssertEqual(w, x)
    }

    func testMomentumAndNesterov() throws {
        for nesterov in [false, true] {
            let w = try run(OptimizerConfiguration(base: .sgd(momentum: 0.9, nesterov: nesterov, weightDecay: 0.01), learningRate: 0.1), steps: 3)
            var x = [1.0, -2.0], b = [0.0, 0.0]
            for _ in 0..<3 {
                let d = zip(grad(x), x).map { $0 + 0.01 * $1 }
                b = zip(b, d).map { 0.9 * $0 + $1 }
                let step = nesterov ? zip(d, b).map { $0 + 0.9 * $1 } : b
                x = zip(x, step).map { $0 - 0.1 * $1 }
            }
            XCTAssertNil(firstMismatch(w, x, rtol: 1e-14), "nesterov \(nesterov)")
        }
    }

    func testAdam() throws {
        let w = try run(OptimizerConfiguration(base: .adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: 0, decoupled: false), learningRate: 0.01), steps: 2)
        var x = [1.0, -2.0], m = [0.0, 0.0], v = [0.0, 0.0]
        for t in 1...2 {
            let g = grad(x)
            m = zip(m, g).map { 0.9 * $0 + 0.1 * $1 }
            v = zip(v, g).map { 0.999 * $0 + 0.001 * $1 * $1 }
            for i in 0..<2 {
                let mh = m[i] / (1 - pow(0.9, Double(t))), vh = v[i] / (1 - pow(0.999, Double(t)))
                x[i] -= 0.01 * mh / (vh.squareRoot() + 1e-8)
            }
        }
        XCTAssertNil(firstMismatch(w, x, rtol: 1e-13))
    }

    func testSAMVariantsFirstStep() throws {
        let w0 = [1.0, -2.0], eta = 0.1, rho = 0.05
        let g = grad(w0), gn = (g[0] * g[0] + g[1] * g[1]).squareRoot()
        // SAM: gradient at w + ρ g/‖g‖.
        let samPoint = zip(w0, g).map { $0 + rho * $1 / gn }
        let s = grad(samPoint)
        XCTAssertNil(firstMismatch(try run(OptimizerConfiguration(learningRate: eta, ascent: .sam, rho: rho), steps: 1),
                                   zip(w0, s).map { $0 - eta * $1 }, rtol: 1e-14))
        // Unnormalized SAM: gradient at w + ρ g.
        let u = grad(zip(w0, g).map { $0 + rho * $1 })
        XCTAssertNil(firstMismatch(try run(OptimizerConfiguration(learningRate: eta, ascent: .unnormalized, rho: rho), steps: 1),
                                   zip(w0, u).map { $0 - eta * $1 }, rtol: 1e-14))
        // StableSAM: SAM's gradient rescaled to ‖g‖.
        let sn = (s[0] * s[0] + s[1] * s[1]).squareRoot()
        XCTAssertNil(firstMismatch(try run(OptimizerConfiguration(learningRate: eta, ascent: .stable, rho: rho), steps: 1),
                                   zip(w0, s).map { $0 - eta * (gn / sn) * $1 }, rtol: 1e-14))
        // ASAM: ε = ρ T² g / ‖T g‖, T = |w| + ξ.
        let xi = 0.01
        let t = w0.map { Swift.abs($0) + xi }
        let tg = zip(t, g).map { $0 * $1 }, tgn = (tg[0] * tg[0] + tg[1] * tg[1]).squareRoot()
        let asamPoint = (0..<2).map { w0[$0] + rho * t[$0] * t[$0] * g[$0] / tgn }
        XCTAssertNil(firstMismatch(try run(OptimizerConfiguration(learningRate: eta, ascent: .adaptive(xi: xi), rho: rho), steps: 1),
                                   zip(w0, grad(asamPoint)).map { $0 - eta * $1 }, rtol: 1e-14))
    }

    func testRhoZeroIsTheBaseOptimizerBitForBit() throws {
        let base = BaseRule.sgd(momentum: 0.9, nesterov: false, weightDecay: 0)
        for ascent in [AscentRule.sam, .unnormalized, .stable, .adaptive(xi: 0.01)] {
            let plain = try run(OptimizerConfiguration(base: base, learningRate: 0.1), steps: 5)
            let withZeroRho = try run(OptimizerConfiguration(base: base, learningRate: 0.1, ascent: ascent, rho: 0), steps: 5)
            XCTAssertEqual(plain, withZeroRho, "\(ascent)")
        }
    }

    func testZeroGradientTakesNoAscentStep() throws {
        let opt = Optimizer(try OptimizerConfiguration(learningRate: 0.1, ascent: .sam, rho: 0.5))
        var w = Tensor([0.0, 0.0])
        let report = try opt.step(&w, oracle: oracle)
        XCTAssertFalse(report.ascended)
        XCTAssertEqual(w.scalars, [0, 0])
        XCTAssertEqual(report.gradientNorm, 0)
    }

    func testInvalidHyperParametersNameTheValue() {
        XCTAssertThrowsError(try OptimizerConfiguration(learningRate: -0.1)) { XCTAssertTrue("\($0)".contains("lr") && "\($0)".contains("-0.1")) }
        XCTAssertThrowsError(try OptimizerConfiguration(learningRate: 0.1, ascent: .sam, rho: -1)) { XCTAssertTrue("\($0)".contains("rho") && "\($0)".contains("-1")) }
        XCTAssertThrowsError(try OptimizerConfiguration(base: .sgd(momentum: 1.5, nesterov: false, weightDecay: 0), learningRate: 0.1))
        XCTAssertThrowsError(try OptimizerConfiguration(learningRate: .nan))
    }

    func testSchedules() {
        XCTAssertEqual(LearningRateSchedule.step(milestones: [2, 4], gamma: 0.1).factor(at: 3), 0.1, accuracy: 1e-15)
        XCTAssertEqual(LearningRateSchedule.cosine(totalSteps: 10, floor: 0).factor(at: 5), 0.5, accuracy: 1e-15)
        XCTAssertEqual(LearningRateSchedule.cosine(totalSteps: 10, floor: 0.1).factor(at: 0), 1, accuracy: 1e-15)
        XCTAssertEqual(LearningRateSchedule.warmup(steps: 4, then: .constant).factor(at: 1), 0.5, accuracy: 1e-15)
        XCTAssertEqual(LearningRateSchedule.warmup(steps: 4, then: .constant).factor(at: 10), 1)
        XCTAssertThrowsError(try LearningRateSchedule.cosine(totalSteps: 0, floor: 0).validate())
    }

    /// Late SAM: GD for 2 steps, then SAM; equal to running the two optimizers by hand.
    func testPhaseSwitch() throws {
        let gd = try OptimizerConfiguration(learningRate: 0.1)
        let sam = try OptimizerConfiguration(learningRate: 0.1, ascent: .sam, rho: 0.05)
        let phased = try PhasedOptimizer(phases: [(.step(0), gd), (.fraction(0.5), sam)], totalSteps: 4)
        var w = Tensor([1.0, -2.0])
        for _ in 0..<4 { _ = try phased.step(&w, oracle: oracle) }
        let first = try run(gd, steps: 2)
        let second = try run(sam, steps: 2, from: first)
        XCTAssertEqual(w.scalars, second)
        XCTAssertEqual(phased.configuration.ascent, .sam)
        XCTAssertThrowsError(try PhasedOptimizer(phases: [(.step(1), gd)], totalSteps: nil))
        XCTAssertThrowsError(try PhasedOptimizer(phases: [(.step(0), gd), (.fraction(0.5), sam)], totalSteps: nil))
    }

    func testCheckpointStateRoundTrip() throws {
        let config = try OptimizerConfiguration(base: .adam(beta1: 0.9, beta2: 0.99, epsilon: 1e-8, weightDecay: 0, decoupled: true), learningRate: 0.01)
        let a = Optimizer(config), b = Optimizer(config)
        var wa = Tensor([1.0, -2.0])
        for _ in 0..<3 { _ = try a.step(&wa, oracle: oracle) }
        try b.restore(a.stateTensors)
        var wb = wa
        _ = try a.step(&wa, oracle: oracle)
        _ = try b.step(&wb, oracle: oracle)
        XCTAssertEqual(wa.scalars, wb.scalars)
    }
}
