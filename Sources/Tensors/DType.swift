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
/// file that imports the C library) and the transcendental functions over buffers, so generic kernels
/// dispatch once per call, never per element.
public protocol TensorScalar: BinaryFloatingPoint, Sendable where Self.RawSignificand: FixedWidthInteger {
    /// The tag of this scalar type.
    static var dtype: DType { get }
    /// `y[i] = exp(x[i])` for `i < count`.
    static func exponential(_ x: UnsafePointer<Self>, _ y: UnsafeMutablePointer<Self>, count: Int)
    /// `y[i] = log(x[i])` for `i < count`.
    static func logarithm(_ x: UnsafePointer<Self>, _ y: UnsafeMutablePointer<Self>, count: Int)
    /// `y[i] = tanh(x[i])` for `i < count`.
    static func hyperbolicTangent(_ x: UnsafePointer<Self>, _ y: UnsafeMutablePointer<Self>, count: Int)
    /// Converts from `Double` (rounding to nearest).
    init(_ value: Double)
    /// Converts to `Double` (exact for both types).
    var doubleValue: Double { get }
}

/// Single precision evaluates `exp`, `log` and `tanh` with the vectorised ``VectorMath`` kernels.
extension Float: TensorScalar {
    public static var dtype: DType { .float32 }
    public static func exponential(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int) { VectorMath.exp(x, y, count: count) }
    public static func logarithm(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int) { VectorMath.log(x, y, count: count) }
    public static func hyperbolicTangent(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int) { VectorMath.tanh(x, y, count: count) }
    @inline(__always) public var doubleValue: Double { Double(self) }
}

/// Double precision keeps libm's `exp`, `log` and `tanh` (it serves exactness checks, not speed).
extension Double: TensorScalar {
    public static var dtype: DType { .float64 }
    public static func exponential(_ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>, count: Int) { for i in 0..<count { y[i] = exp(x[i]) } }
    public static func logarithm(_ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>, count: Int) { for i in 0..<count { y[i] = log(x[i]) } }
    public static func hyperbolicTangent(_ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>, count: Int) { for i in 0..<count { y[i] = tanh(x[i]) } }
    @inline(__always) public var doubleValue: Double { self }
}
