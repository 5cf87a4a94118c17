import Tensors

/// The diagonal matrix `diag(d₁, …, d_n)` as a ``SymmetricOperator``: `(A v)_i = d_i v_i`. Its eigenvalues
/// are the diagonal entries and its eigenvectors the unit vectors, which makes it the simplest operator with
/// a known spectrum.
public struct DiagonalOperator: SymmetricOperator {
    /// The diagonal entries, stored in ``dtype``.
    public let diagonal: Tensor

    public var dimension: Int { diagonal.count }
    public var dtype: DType { diagonal.dtype }

    /// The operator with these diagonal entries, computing in `dtype`.
    public init(_ diagonal: [Double], dtype: DType = .float64) {
        self.diagonal = try! Tensor(shape: [diagonal.count], scalars: diagonal, dtype: dtype)
    }

    public func apply(_ v: Tensor) throws -> Tensor {
        guard v.count == dimension, v.dtype == dtype else {
            throw SpectrumError("DiagonalOperator: expected a \(dimension)-vector of \(dtype), got \(describeShape(v.shape)) \(v.dtype)")
        }
        return try Tensor.applying(.multiply, diagonal, v.reshaped([dimension]))
    }
}
