import Foundation

/// The element type of a ``Tensor``. samlab computes in single precision for training speed and in double
/// precision wherever exactness matters (gradient checks, toy quadratics, dense reference Hessians).
public enum DType: String, Sendable, CaseIterable, CustomStringConvertible {
    case float32
    case float64

    /// Bytes per element.
    public var byteSize: Int { self == .float32 ? 4 : 8 }

    public var description: String { rawValue }
}

/// A floating-point scalar a ``Tensor`` can hold: `Float` or `Double`.
///
/// The protocol carries the per-type BLAS and LAPACK entry points (implemented in `BLAS.swift`, the only
/// file that imports the C library), so generic kernels dispatch once per call, never per element.
public protocol TensorScalar: BinaryFloatingPoint, Sendable where Self.RawSignificand: FixedWidthInteger {
    /// The tag of this scalar type.
    static var dtype: DType { get }
    /// Natural exponential.
    static func exponential(_ x: Self) -> Self
    /// Natural logarithm.
    static func logarithm(_ x: Self) -> Self
    /// Hyperbolic tangent.
    static func hyperbolicTangent(_ x: Self) -> Self
    /// Converts from `Double` (rounding to nearest).
    init(_ value: Double)
    /// Converts to `Double` (exact for both types).
    var doubleValue: Double { get }
}

extension Float: TensorScalar {
    public static var dtype: DType { .float32 }
    @inline(__always) public static func exponential(_ x: Float) -> Float { expf(x) }
    @inline(__always) public static func logarithm(_ x: Float) -> Float { logf(x) }
    @inline(__always) public static func hyperbolicTangent(_ x: Float) -> Float { tanhf(x) }
    @inline(__always) public var doubleValue: Double { Double(self) }
}

extension Double: TensorScalar {
    public static var dtype: DType { .float64 }
    @inline(__always) public static func exponential(_ x: Double) -> Double { exp(x) }
    @inline(__always) public static func logarithm(_ x: Double) -> Double { log(x) }
    @inline(__always) public static func hyperbolicTangent(_ x: Double) -> Double { tanh(x) }
    @inline(__always) public var doubleValue: Double { self }
}
