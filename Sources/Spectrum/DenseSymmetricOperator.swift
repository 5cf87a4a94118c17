import Tensors

/// A dense symmetric `n × n` matrix as a ``SymmetricOperator``; the product is one BLAS `gemm` call.
///
/// The stored matrix is the symmetric part `(M + Mᵀ)/2` of the matrix given, so a product computed in
/// floating point (e.g. `Q Λ Qᵀ`) that is symmetric only to rounding becomes exactly symmetric.
public struct DenseSymmetricOperator: SymmetricOperator {
    /// The symmetric `n × n` matrix, row-major, in ``dtype``.
    public let matrix: Tensor

    public var dimension: Int { matrix.shape[0] }
    public var dtype: DType { matrix.dtype }

    /// The operator of the symmetric part of a square matrix. Throws for a matrix that is not square or has
    /// non-finite entries.
    public init(_ matrix: Tensor) throws {
        guard matrix.rank == 2, matrix.shape[0] == matrix.shape[1] else {
            throw SpectrumError("DenseSymmetricOperator: expected a square matrix, got \(describeShape(matrix.shape))")
        }
        guard matrix.isFinite else { throw SpectrumError("DenseSymmetricOperator: the matrix has NaN or infinite entries") }
        var sum = try matrix + matrix.transposed()
        sum.scale(by: 0.5)
        self.matrix = sum
    }

    /// `Q diag(eigenvalues) Qᵀ` with `Q = randomOrthogonal(n:seed:)`: a dense operator with a prescribed
    /// spectrum and random (Haar-distributed) eigenvectors, built in `Double` and stored in `dtype`.
    public init(eigenvalues: [Double], seed: UInt64, dtype: DType = .float64) throws {
        let n = eigenvalues.count
        let q = randomOrthogonal(n: n, seed: seed)
        var scaled = q
        scaled.withMutablePointer(Double.self) { p in
            for i in 0..<n { for j in 0..<n { p[i * n + j] *= eigenvalues[j] } }
        }
        try self.init(Tensor.matmul(scaled, q, transB: true).converted(to: dtype))
    }

    public func apply(_ v: Tensor) throws -> Tensor {
        let n = dimension
        guard v.count == n, v.dtype == dtype else {
            throw SpectrumError("DenseSymmetricOperator: expected a \(n)-vector of \(dtype), got \(describeShape(v.shape)) \(v.dtype)")
        }
        return try Tensor.matmul(matrix, v.reshaped([n, 1])).reshaped([n])
    }
}
