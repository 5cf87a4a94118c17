import Foundation

/// A seeded, platform-independent pseudo-random generator (xoshiro256**, seeded through SplitMix64).
///
/// Every random choice in samlab (initialisation, minibatch order, Lanczos start vectors, Hutchinson
/// probes, random quadratics) draws from one of these, created from an explicit seed, so runs with the same
/// seed produce the same numbers. `split(_:)` derives independent streams (e.g. one per sweep cell) without
/// consuming the parent's sequence.
public struct RandomGenerator: RandomNumberGenerator, Sendable {
    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64
    private var cachedNormal: Double?

    /// A generator whose whole sequence is determined by `seed`.
    public init(seed: UInt64) {
        var sm = seed
        func splitMix() -> UInt64 {
            sm &+= 0x9E37_79B9_7F4A_7C15
            var z = sm
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s0 = splitMix(); s1 = splitMix(); s2 = splitMix(); s3 = splitMix()
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        let result = rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = rotl(s3, 45)
        return result
    }

    @inline(__always) private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    /// An independent generator for stream `index`, derived from this generator's seed state.
    public func split(_ index: UInt64) -> RandomGenerator {
        RandomGenerator(seed: s0 ^ (index &* 0xD605_BBB5_8C8A_BBCD) ^ rotl(s2, 17))
    }

    /// Uniform in [0, 1) with 53 random bits.
    public mutating func uniform() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// Standard normal (Box–Muller; the second value of each pair is kept for the next call).
    public mutating func normal() -> Double {
        if let cached = cachedNormal { cachedNormal = nil; return cached }
        var u1 = uniform()
        while u1 <= 0 { u1 = uniform() }
        let u2 = uniform()
        let radius = (-2 * Foundation.log(u1)).squareRoot()
        cachedNormal = radius * Foundation.sin(2 * Double.pi * u2)
        return radius * Foundation.cos(2 * Double.pi * u2)
    }

    /// ±1 with equal probability.
    public mutating func rademacher() -> Double { next() >> 63 == 0 ? -1 : 1 }

    /// A uniformly random permutation of `0..<n` (Fisher–Yates).
    public mutating func permutation(_ n: Int) -> [Int] {
        var p = Array(0..<n)
        if n > 1 { for i in stride(from: n - 1, to: 0, by: -1) { p.swapAt(i, Int(next() % UInt64(i + 1))) } }
        return p
    }

    /// A tensor of independent normals with the given mean and standard deviation.
    public mutating func normalTensor(_ shape: [Int], mean: Double = 0, std: Double = 1, dtype: DType = .float32) -> Tensor {
        fillTensor(shape, dtype: dtype) { mean + std * $0.normal() }
    }

    /// A tensor of independent uniforms on [low, high).
    public mutating func uniformTensor(_ shape: [Int], low: Double = 0, high: Double = 1, dtype: DType = .float32) -> Tensor {
        fillTensor(shape, dtype: dtype) { low + (high - low) * $0.uniform() }
    }

    /// A tensor of independent ±1 entries.
    public mutating func rademacherTensor(_ shape: [Int], dtype: DType = .float32) -> Tensor {
        fillTensor(shape, dtype: dtype) { $0.rademacher() }
    }

    /// A tensor of samples from a normal truncated to ±2 standard deviations (resampling), as Flax's
    /// `truncated_normal` initialisers use; `std` is the standard deviation *before* truncation.
    public mutating func truncatedNormalTensor(_ shape: [Int], std: Double, dtype: DType = .float32) -> Tensor {
        fillTensor(shape, dtype: dtype) { rng in
            var z = rng.normal()
            while Swift.abs(z) > 2 { z = rng.normal() }
            return std * z
        }
    }

    private mutating func fillTensor(_ shape: [Int], dtype: DType, _ draw: (inout RandomGenerator) -> Double) -> Tensor {
        var t = Tensor(zeros: shape, dtype: dtype)
        let n = t.count
        switch dtype {
        case .float32: t.withMutablePointer(Float.self) { p in for i in 0..<n { p[i] = Float(draw(&self)) } }
        case .float64: t.withMutablePointer(Double.self) { p in for i in 0..<n { p[i] = draw(&self) } }
        }
        return t
    }
}
