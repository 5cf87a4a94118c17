/// Vector algebra on flat tensors (BLAS level 1) and the symmetric eigensolver (LAPACK). Optimizers and
/// spectrum estimators treat parameters as one flat vector and use these.
extension Tensor {
    /// Inner product of all elements (shapes must have equal element counts and dtypes).
    public func dot(_ other: Tensor) throws -> Double {
        guard count == other.count, dtype == other.dtype else {
            throw TensorError("dot: \(describeShape(shape)) \(dtype) and \(describeShape(other.shape)) \(other.dtype) differ")
        }
        switch dtype {
        case .float32: return withPointer(Float.self) { a in other.withPointer(Float.self) { b in Double(BLAS.dot(count, a, b)) } }
        case .float64: return withPointer(Double.self) { a in other.withPointer(Double.self) { b in BLAS.dot(count, a, b) } }
        }
    }

    /// Euclidean norm of all elements (overflow-safe).
    public var norm: Double {
        switch dtype {
        case .float32: return withPointer(Float.self) { Double(BLAS.nrm2(count, $0)) }
        case .float64: return withPointer(Double.self) { BLAS.nrm2(count, $0) }
        }
    }

    /// `self ← self + α·x` (equal element counts and dtypes).
    public mutating func addScaled(_ x: Tensor, _ alpha: Double) {
        precondition(count == x.count && dtype == x.dtype, "axpy: \(describeShape(x.shape)) \(x.dtype) into \(describeShape(shape)) \(dtype)")
        let n = count
        switch dtype {
        case .float32: x.withPointer(Float.self) { px in withMutablePointer(Float.self) { BLAS.axpy(n, Float(alpha), px, $0) } }
        case .float64: x.withPointer(Double.self) { px in withMutablePointer(Double.self) { BLAS.axpy(n, alpha, px, $0) } }
        }
    }

    /// `self ← α·self`.
    public mutating func scale(by alpha: Double) {
        let n = count
        switch dtype {
        case .float32: withMutablePointer(Float.self) { BLAS.scal(n, Float(alpha), $0) }
        case .float64: withMutablePointer(Double.self) { BLAS.scal(n, alpha, $0) }
        }
    }

    /// Whether every element is finite.
    public var isFinite: Bool {
        switch dtype {
        case .float32: return withPointer(Float.self) { p in (0..<count).allSatisfy { p[$0].isFinite } }
        case .float64: return withPointer(Double.self) { p in (0..<count).allSatisfy { p[$0].isFinite } }
        }
    }
}

/// The eigendecomposition of a symmetric matrix: eigenvalues ascending, eigenvectors as the columns of
/// `vectors` (so `vectors[:, i]` belongs to `values[i]`).
public struct SymmetricEigen: Sendable {
    /// Eigenvalues in ascending order.
    public var values: [Double]
    /// `n × n`, column `i` is the unit eigenvector of `values[i]`.
    public var vectors: Tensor

    /// Eigenvector `i` as a vector tensor.
    public func vector(_ i: Int) -> Tensor {
        let n = values.count
        let columns = vectors.scalars
        return (try! Tensor(shape: [n], scalars: (0..<n).map { columns[$0 * n + i] }, dtype: vectors.dtype))
    }
}

extension Tensor {
    /// Eigenvalues and eigenvectors of a symmetric `n × n` matrix by LAPACK's divide and conquer
    /// (`ssyevd`/`dsyevd`); only the upper triangle is read. Throws for a non-square input or when LAPACK
    /// fails to converge.
    public func symmetricEigen() throws -> SymmetricEigen {
        guard rank == 2, shape[0] == shape[1] else { throw TensorError("eigh: expected a square matrix, got \(describeShape(shape))") }
        guard isFinite else { throw TensorError("eigh: the matrix has NaN or infinite entries") }
        let n = shape[0]
        var a = self
        a.makeUnique()
        var values = [Double](repeating: 0, count: n)
        var info = 0
        switch dtype {
        case .float32:
            var w = [Float](repeating: 0, count: n)
            info = a.withMutablePointer(Float.self) { BLAS.syevd(n, $0, &w) }
            values = w.map(Double.init)
        case .float64:
            info = a.withMutablePointer(Double.self) { BLAS.syevd(n, $0, &values) }
        }
        guard info == 0 else { throw TensorError("eigh: LAPACK ?syevd failed (info = \(info)) on a \(n)x\(n) matrix") }
        return SymmetricEigen(values: values, vectors: a)
    }
}
