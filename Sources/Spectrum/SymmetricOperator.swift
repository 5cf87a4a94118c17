import Tensors

/// A symmetric linear map `v ↦ A v` on flat vectors of length ``dimension``: the abstraction every spectrum
/// estimator in this module works on (a Hessian-vector product, a dense or diagonal matrix, a closure).
///
/// `apply` receives a `[dimension]` tensor of element type ``dtype`` and must return one of the same shape
/// and type. Symmetry (`uᵀ(A v) = (A u)ᵀv`) is the caller's promise: Lanczos and the trace estimators give
/// meaningless results for a non-symmetric map (``DenseSpectrum`` reports the measured asymmetry).
public protocol SymmetricOperator {
    /// The length `d` of the vectors the operator acts on.
    var dimension: Int { get }
    /// The element type of the vectors `apply` takes and returns.
    var dtype: DType { get }
    /// `A v` for a flat `[dimension]` vector `v` of element type ``dtype``.
    func apply(_ v: Tensor) throws -> Tensor
}

extension SymmetricOperator {
    /// `A v`, checking that the result is a finite `[dimension]` vector of ``dtype`` (an HVP of a diverged
    /// model returns NaN; that must stop the estimator with an error, not poison its basis).
    func checkedApply(_ v: Tensor) throws -> Tensor {
        let out = try apply(v)
        guard out.count == dimension, out.dtype == dtype else {
            throw SpectrumError("operator returned \(describeShape(out.shape)) \(out.dtype) for a vector of dimension \(dimension) (\(dtype))")
        }
        guard out.isFinite else { throw SpectrumError("operator returned a vector with NaN or infinite entries") }
        return out.rank == 1 ? out : try out.reshaped([dimension])
    }
}

extension DType {
    /// The machine epsilon of the element type (`2⁻²³` for Float32, `2⁻⁵²` for Float64), as `Double`:
    /// the scale of the rounding floors in the convergence and breakdown tests.
    var machineEpsilon: Double { self == .float32 ? Double(Float.ulpOfOne) : Double.ulpOfOne }
}
