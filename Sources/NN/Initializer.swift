import Foundation
import Tensors

/// How a parameter tensor's initial values are drawn, following JAX's `jax.nn.initializers`.
///
/// The variance-scaling family draws with variance `variance / n`, where `n` is the fan selected by
/// ``FanMode`` (for a dense weight `[in, out]`: fan-in `in`, fan-out `out`; for a convolution kernel
/// `[kh, kw, Cin, Cout]`: fan-in `kh·kw·Cin`, fan-out `kh·kw·Cout`):
///
/// | initialiser | variance | fan | distribution | JAX |
/// |---|---|---|---|---|
/// | ``glorotNormal(scale:)`` (default) | 1 | (in + out)/2 | truncated normal | `glorot_normal` |
/// | ``glorotUniform(scale:)`` | 1 | (in + out)/2 | uniform on ±√(3·variance/n) | `glorot_uniform` |
/// | ``heNormal(scale:)`` | 2 | in | truncated normal | `he_normal` |
/// | ``lecunNormal(scale:)`` | 1 | in | truncated normal | `lecun_normal` (Flax's default kernel init) |
///
/// "Truncated normal" is JAX's: a standard normal truncated to ±2 and divided by its standard deviation
/// after truncation, 0.87962566103423978, so the samples have exactly the target standard deviation
/// √(variance/n) (for Glorot normal √(2/(in + out))) and never exceed 2·0.8796…⁻¹ ≈ 2.27 times it.
///
/// Every initialiser carries a ``scale`` that multiplies the drawn values (1 by default; Long & Bartlett's
/// supplementary runs used 0.8 and 0.9). Constant initialisers (``zeros``, ``ones``: biases, LayerNorm
/// gains) ignore it, so scaling "the initial weights" leaves biases at 0 and LayerNorm gains at 1.
public struct Initializer: Hashable, Sendable, CustomStringConvertible {
    /// Which fan a variance-scaling initialiser divides by.
    public enum FanMode: String, Hashable, Sendable {
        case fanIn = "fan_in", fanOut = "fan_out", fanAverage = "fan_avg"
    }

    /// The distribution of a variance-scaling initialiser.
    public enum Distribution: String, Hashable, Sendable {
        /// JAX's `truncated_normal`: ±2σ, rescaled to keep the target standard deviation.
        case truncatedNormal = "truncated_normal"
        /// Uniform on `[−√(3·variance/n), √(3·variance/n)]`.
        case uniform
    }

    /// The rule before scaling.
    public enum Kind: Hashable, Sendable {
        /// Variance `variance / fan`, as JAX's `variance_scaling(variance, mode, distribution)`.
        case varianceScaling(variance: Double, mode: FanMode, distribution: Distribution)
        /// A normal with this standard deviation truncated to ±2 standard deviations (resampling), as
        /// Haiku's `TruncatedNormal(stddev)`: the samples' standard deviation is 0.8796… times `std`.
        case truncatedNormal(std: Double)
        /// Every element equal to this value.
        case constant(Double)
    }

    /// The rule.
    public var kind: Kind
    /// Multiplies the drawn values (ignored by constant initialisers).
    public var scale: Double

    public init(_ kind: Kind, scale: Double = 1) {
        self.kind = kind
        self.scale = scale
    }

    /// The standard deviation of a standard normal truncated to ±2 (JAX's correction constant).
    public static let truncatedNormalStd = 0.87962566103423978

    /// Glorot (Xavier) normal, JAX's `glorot_normal`: truncated normal with std √(2/(fan_in + fan_out)).
    public static func glorotNormal(scale: Double = 1) -> Initializer {
        Initializer(.varianceScaling(variance: 1, mode: .fanAverage, distribution: .truncatedNormal), scale: scale)
    }

    /// Glorot (Xavier) uniform, JAX's `glorot_uniform`: uniform on ±√(6/(fan_in + fan_out)).
    public static func glorotUniform(scale: Double = 1) -> Initializer {
        Initializer(.varianceScaling(variance: 1, mode: .fanAverage, distribution: .uniform), scale: scale)
    }

    /// He (Kaiming) normal, JAX's `he_normal`: truncated normal with std √(2/fan_in).
    public static func heNormal(scale: Double = 1) -> Initializer {
        Initializer(.varianceScaling(variance: 2, mode: .fanIn, distribution: .truncatedNormal), scale: scale)
    }

    /// LeCun normal, JAX's `lecun_normal`: truncated normal with std √(1/fan_in).
    public static func lecunNormal(scale: Double = 1) -> Initializer {
        Initializer(.varianceScaling(variance: 1, mode: .fanIn, distribution: .truncatedNormal), scale: scale)
    }

    /// A normal truncated to ±2·`std` (Haiku's `TruncatedNormal`; the Haiku language-model example
    /// initialises its embeddings with `std` 0.02).
    public static func truncatedNormal(std: Double, scale: Double = 1) -> Initializer {
        Initializer(.truncatedNormal(std: std), scale: scale)
    }

    /// All zeros (biases, LayerNorm offsets).
    public static let zeros = Initializer(.constant(0))
    /// All ones (LayerNorm gains).
    public static let ones = Initializer(.constant(1))

    /// Whether the values are random (and hence multiplied by ``scale``).
    public var isRandom: Bool {
        if case .constant = kind { return false }
        return true
    }

    /// A tensor of `shape` drawn from this initialiser with the given fans, consuming `rng`.
    public func sample(_ shape: [Int], fanIn: Int, fanOut: Int, dtype: DType, rng: inout RandomGenerator) -> Tensor {
        switch kind {
        case .constant(let value):
            return Tensor(repeating: value, shape: shape, dtype: dtype)
        case .truncatedNormal(let std):
            return rng.truncatedNormalTensor(shape, std: std * scale, dtype: dtype)
        case .varianceScaling(let variance, let mode, let distribution):
            let fan: Double
            switch mode {
            case .fanIn: fan = Double(fanIn)
            case .fanOut: fan = Double(fanOut)
            case .fanAverage: fan = Double(fanIn + fanOut) / 2
            }
            let std = (variance / Swift.max(fan, 1)).squareRoot() * scale
            switch distribution {
            case .truncatedNormal:
                return rng.truncatedNormalTensor(shape, std: std / Initializer.truncatedNormalStd, dtype: dtype)
            case .uniform:
                let limit = 3.0.squareRoot() * std
                return rng.uniformTensor(shape, low: -limit, high: limit, dtype: dtype)
            }
        }
    }

    /// A short name, e.g. `glorot_normal(scale: 0.8)`.
    public var description: String {
        let base: String
        switch kind {
        case .constant(let v): return v == 0 ? "zeros" : v == 1 ? "ones" : "constant(\(formatScalar(v)))"
        case .truncatedNormal(let std): base = "truncated_normal(std: \(formatScalar(std))"
        case .varianceScaling(let variance, let mode, let distribution):
            switch (variance, mode, distribution) {
            case (1, .fanAverage, .truncatedNormal): base = "glorot_normal("
            case (1, .fanAverage, .uniform): base = "glorot_uniform("
            case (2, .fanIn, .truncatedNormal): base = "he_normal("
            case (1, .fanIn, .truncatedNormal): base = "lecun_normal("
            default: base = "variance_scaling(\(formatScalar(variance)), \(mode.rawValue), \(distribution.rawValue)"
            }
        }
        if scale == 1 { return base.hasSuffix("(") ? String(base.dropLast()) : base + ")" }
        return base + (base.hasSuffix("(") ? "" : ", ") + "scale: \(formatScalar(scale)))"
    }
}
