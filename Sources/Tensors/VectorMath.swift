/// Vectorised single-precision `exp`, `log` and `tanh` over buffers: Cephes-style range reduction and
/// minimax polynomials written as branch-free scalar code (selects, bit patterns, integer arithmetic
/// with wrapping), which the compiler's loop vectoriser turns into SIMD code on any target, FMA or not.
/// (Explicit `SIMD8<Float>` code vectorises less reliably: lane-wise selects get scalarised.)
///
/// Accuracy against the exact result (checked in the tests against double-precision libm on a sample of
/// every float bit pattern): `exp` and `log` within 1 ulp, `tanh` within 1.5 ulp; special values as C's:
/// `exp(+inf) = inf`, `exp(-inf) = 0`, `log(±0) = -inf`, `log(x < 0) = NaN`, `log(inf) = inf`,
/// `tanh(±0) = ±0`, `tanh(±inf) = ±1`, NaN in, NaN out. Subnormal inputs and results are handled like
/// normal ones (no flush to zero).
///
/// Each element is computed on its own with the same operations in the vector and the scalar remainder
/// loops, so results do not depend on the buffer's length, alignment or how it is split between threads.
public enum VectorMath {
    /// `y[i] = exp(x[i])` for `i < count` (`x` and `y` may be the same buffer).
    public static func exp(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int) {
        for i in 0..<count { y[i] = exp(x[i]) }
    }

    /// `y[i] = log(x[i])` for `i < count` (`x` and `y` may be the same buffer).
    public static func log(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int) {
        for i in 0..<count { y[i] = log(x[i]) }
    }

    /// `y[i] = tanh(x[i])` for `i < count` (`x` and `y` may be the same buffer).
    public static func tanh(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int) {
        for i in 0..<count { y[i] = tanh(x[i]) }
    }

    /// `2ⁿ` for `n` in [-126, 127], from the exponent bits.
    @inline(__always)
    private static func powerOfTwo(_ n: Int32) -> Float {
        Float(bitPattern: UInt32(bitPattern: (n &+ 127) &<< 23))
    }

    /// `exp`: `x = n·ln2 + r` with `|r| ≤ ln2/2` (ln2 split in two so that `n·ln2` is exact), a degree-7
    /// polynomial for `eʳ`, and the scaling by `2ⁿ` in two halves so that subnormal and overflowing
    /// results are rounded once.
    @inline(__always)
    static func exp(_ x: Float) -> Float {
        // Below ln(2⁻¹⁵⁰) the result rounds to 0: computed from 0 instead, so that no lane does subnormal
        // arithmetic (slow microcode assists; softmax masks add -1e30). Above 89 it overflows to inf.
        let underflow = x < -103.972_08
        var v = underflow ? 0 : x
        v = v > 89 ? 89 : v
        // Round v·log2(e) to the nearest integer with the 1.5·2²³ trick: the low bits of t hold n.
        let shifter: Float = 12_582_912
        let t = v * 1.442_695_040_9 + shifter
        let n = t - shifter
        let r = (v - n * 0.693_359_375) - n * -2.121_944_400_5e-4
        var p: Float = 1.987_569_150_0e-4
        p = p * r + 1.398_199_950_7e-3
        p = p * r + 8.333_451_907_3e-3
        p = p * r + 4.166_579_589_4e-2
        p = p * r + 1.666_666_545_9e-1
        p = p * r + 5.000_000_120_1e-1
        p = p * (r * r) + r + 1
        let k = Int32(bitPattern: t.bitPattern) &- Int32(bitPattern: shifter.bitPattern)
        let half = k &>> 1
        let result = underflow ? 0 : p * powerOfTwo(half) * powerOfTwo(k &- half)
        return x != x ? x : result
    }

    /// `log`: `x = 2ᵏ·m` with `m` in [√½, √2) (by integer arithmetic on the bits), `log(m)` by a degree-10
    /// polynomial in `m − 1`, `k·ln2` added in two parts. Subnormal inputs are scaled by 2²³ first.
    @inline(__always)
    static func log(_ x: Float) -> Float {
        let tiny = x < Float.leastNormalMagnitude
        let bits = Int32(bitPattern: (tiny ? x * 8_388_608 : x).bitPattern)
        // bits − bits(√½) has k in its exponent field; taking k off x's exponent leaves m in [√½, √2).
        let k = (bits &- 0x3f35_04f3) &>> 23
        let m = Float(bitPattern: UInt32(bitPattern: bits &- (k &<< 23))) - 1
        let e = Float(k) - (tiny ? 23 : 0)
        let z = m * m
        var p: Float = 7.037_683_629_2e-2
        p = p * m - 1.151_461_031_0e-1
        p = p * m + 1.167_699_874_0e-1
        p = p * m - 1.242_014_084_6e-1
        p = p * m + 1.424_932_278_7e-1
        p = p * m - 1.666_805_766_5e-1
        p = p * m + 2.000_071_476_5e-1
        p = p * m - 2.499_999_399_3e-1
        p = p * m + 3.333_333_117_4e-1
        var y = p * m * z + e * -2.121_944_400_5e-4 - 0.5 * z
        y = m + y + e * 0.693_359_375
        // NaN and negative → NaN, ±0 → -inf, +inf → +inf.
        y = x >= 0 ? y : .nan
        y = x == 0 ? -.infinity : y
        return x == .infinity ? x : y
    }

    /// `tanh` of `|x|` with the sign copied back (so ±0 stay signed): an odd degree-11 polynomial below
    /// 0.625, `1 − 2/(e^{2|x|} + 1)` above (exactly 1 once `e^{2|x|}` overflows).
    @inline(__always)
    static func tanh(_ x: Float) -> Float {
        let z = Swift.abs(x)
        let z2 = z * z
        var p: Float = -5.704_988_727_45e-3
        p = p * z2 + 2.063_908_879_54e-2
        p = p * z2 - 5.373_971_555_31e-2
        p = p * z2 + 1.333_144_220_36e-1
        p = p * z2 - 3.333_328_194_22e-1
        let small = z + z * (z2 * p)
        let large = 1 - 2 / (exp(z + z) + 1)
        let magnitude = z < 0.625 ? small : large
        let result = Float(bitPattern: magnitude.bitPattern | (x.bitPattern & 0x8000_0000))
        return x != x ? x : result
    }
}
