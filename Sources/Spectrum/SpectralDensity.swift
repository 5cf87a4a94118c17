import Foundation
import Tensors

/// The spectral density of a symmetric operator, `φ(t) = (1/d) Σᵢ δ(t − λᵢ)`, estimated by stochastic Lanczos
/// quadrature (Golub & Meurant; Ghorbani, Krishnan & Xiao 2019; PyHessian's `density`).
///
/// **Method.** For each of `runs` seeded probe vectors `z` (Rademacher or Gaussian, normalised), `steps`
/// Lanczos steps with full re-orthogonalisation give a tridiagonal `T`; its eigenvalues `θⱼ` (LAPACK
/// `dstev`) are the quadrature nodes and the squared first components `τⱼ = (e₁ᵀ sⱼ)²` of its unit
/// eigenvectors the weights (`Σ τⱼ = 1`): `zᵀ f(A) z / ‖z‖² ≈ Σⱼ τⱼ f(θⱼ)`, exact for polynomials of degree
/// `< 2·steps`. Averaging over probes estimates `(1/d) tr f(A)`. A run whose Krylov space becomes invariant
/// (`β ≈ 0`) stops early: its quadrature is then exact for the probe.
///
/// **Caveats.** The extreme nodes converge to the extreme eigenvalues quickly; the interior is resolved only
/// to within the node spacing, so the density is meaningful after broadening with `σ` larger than that
/// spacing (``gaussianBroadened(grid:sigma:)``).
public struct SpectralDensity: Sendable {
    /// The quadrature nodes (Ritz values, ascending) of each run.
    public var nodes: [[Double]]
    /// The quadrature weights of each run (non-negative, summing to 1).
    public var weights: [[Double]]
    /// The operator's dimension `d`.
    public var dimension: Int
    /// Operator applications spent (at most `runs · steps`).
    public var operatorApplications: Int
    /// Wall-clock seconds.
    public var wallTime: Double

    /// Runs stochastic Lanczos quadrature on `op` (`steps` is capped at `d`). Deterministic for a seed.
    public static func stochasticLanczosQuadrature(of op: any SymmetricOperator, runs: Int = 10, steps: Int = 80, seed: UInt64,
                                                   distribution: ProbeDistribution = .rademacher) throws -> SpectralDensity {
        let began = DispatchTime.now().uptimeNanoseconds
        guard runs >= 1 else { throw SpectrumError("stochastic Lanczos quadrature: runs must be ≥ 1, got \(runs)") }
        guard steps >= 1 else { throw SpectrumError("stochastic Lanczos quadrature: steps must be ≥ 1, got \(steps)") }
        guard op.dimension >= 1 else { throw SpectrumError("stochastic Lanczos quadrature: the operator has dimension 0") }
        let epsilon = op.dtype.machineEpsilon
        var rng = RandomGenerator(seed: seed)
        var result = SpectralDensity(nodes: [], weights: [], dimension: op.dimension, operatorApplications: 0, wallTime: 0)
        for _ in 0..<runs {
            var basis = KrylovBasis(dimension: op.dimension, dtype: op.dtype)
            var v = distribution.sample(op.dimension, dtype: op.dtype, rng: &rng)
            v.scale(by: 1 / v.norm)
            basis.append(v)
            var alpha: [Double] = [], beta: [Double] = []
            while true {
                var w = try op.checkedApply(basis.vectors[basis.count - 1])
                result.operatorApplications += 1
                let normAv = w.norm
                alpha.append(basis.orthogonalize(&w)[basis.count - 1])
                let b = w.norm
                if basis.count == min(steps, op.dimension) || b <= epsilon.squareRoot() * normAv { break }
                beta.append(b)
                w.scale(by: 1 / b)
                basis.append(w)
            }
            let (theta, tau) = try gaussQuadrature(alpha: alpha, beta: beta)
            result.nodes.append(theta)
            result.weights.append(tau)
        }
        result.wallTime = secondsSince(began)
        return result
    }

    /// Nodes and weights of the Gauss quadrature of the tridiagonal matrix `(alpha, beta)` (LAPACK `dstev`).
    static func gaussQuadrature(alpha: [Double], beta: [Double]) throws -> ([Double], [Double]) {
        let m = alpha.count
        var d = alpha, e = beta + [0]
        var z = [Double](repeating: 0, count: m * m)
        let info = BLAS.stev(m, &d, &e, &z)
        guard info == 0 else { throw SpectrumError("stochastic Lanczos quadrature: LAPACK dstev failed (info = \(info)) on a \(m)x\(m) tridiagonal") }
        return (d, (0..<m).map { z[$0] * z[$0] })
    }

    /// `d · mean over runs of Σⱼ τⱼ θⱼ`: the trace estimate the quadrature implies (for a check against
    /// ``hutchinsonTrace(of:samples:seed:distribution:)``: `Σⱼ τⱼ θⱼ = zᵀ A z / ‖z‖²`, and `‖z‖² = d` for
    /// Rademacher probes, so with the same seed and as many probes as runs the two agree to rounding).
    public var traceEstimate: Double {
        let perRun = zip(nodes, weights).map { zip($0, $1).reduce(0) { $0 + $1.0 * $1.1 } }
        return Double(dimension) * perRun.reduce(0, +) / Double(perRun.count)
    }

    /// `points` equally spaced grid points from `padding·σ` below the smallest node to `padding·σ` above the
    /// largest, so that the broadened density's mass lies on the grid.
    public func grid(points: Int, sigma: Double, padding: Double = 5) -> [Double] {
        let all = nodes.joined()
        let low = (all.min() ?? 0) - padding * sigma, high = (all.max() ?? 0) + padding * sigma
        guard points > 1 else { return [low] }
        return (0..<points).map { low + (high - low) * Double($0) / Double(points - 1) }
    }

    /// The density broadened by a Gaussian of width `sigma` on an increasing `grid`:
    /// `φ_σ(t) = (1/runs) Σ_runs Σⱼ τⱼ exp(−(t − θⱼ)²/(2σ²)) / (σ√(2π))`, divided by its trapezoidal integral
    /// over the grid so that it integrates to 1 there (``DensityCurve/rawMass`` is the integral before that,
    /// ≈ 1 when the grid covers the nodes ± several σ).
    public func gaussianBroadened(grid: [Double], sigma: Double) throws -> DensityCurve {
        guard sigma > 0, sigma.isFinite else { throw SpectrumError("spectral density: sigma must be finite and > 0, got \(sigma)") }
        guard grid.count >= 2, zip(grid, grid.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw SpectrumError("spectral density: the grid must have at least 2 strictly increasing points")
        }
        let norm = 1 / (sigma * (2 * Double.pi).squareRoot() * Double(nodes.count))
        var values = [Double](repeating: 0, count: grid.count)
        for (theta, tau) in zip(nodes, weights) {
            for (node, weight) in zip(theta, tau) {
                for (i, t) in grid.enumerated() {
                    let x = (t - node) / sigma
                    values[i] += weight * norm * Foundation.exp(-0.5 * x * x)
                }
            }
        }
        let mass = DensityCurve.trapezoid(grid, values)
        return DensityCurve(grid: grid, values: mass > 0 ? values.map { $0 / mass } : values, rawMass: mass)
    }
}

/// A density sampled on a grid.
public struct DensityCurve: Sendable {
    /// The grid points (increasing).
    public var grid: [Double]
    /// The density at each grid point, normalised to integrate to 1 over the grid (trapezoidal rule).
    public var values: [Double]
    /// The trapezoidal integral before normalisation (the fraction of the mass the grid caught).
    public var rawMass: Double

    /// The trapezoidal integral of the sampled density (≈ 1).
    public var mass: Double { DensityCurve.trapezoid(grid, values) }

    static func trapezoid(_ x: [Double], _ y: [Double]) -> Double {
        var sum = 0.0
        for i in x.indices.dropFirst() { sum += (x[i] - x[i - 1]) * (y[i] + y[i - 1]) / 2 }
        return sum
    }
}
