import Foundation
import Tensors

/// The exact spectrum of a small operator: its dense matrix, built column by column from `d` applications
/// to the unit vectors, symmetrised, and diagonalised by LAPACK (`dsyevd`) in `Double` — the reference
/// every estimator is tested against (for a Hessian operator, the dense Hessian of a small model).
///
/// Column `i` is `A eᵢ`; the stored matrix is `(M + Mᵀ)/2`, and ``asymmetry`` `= ‖M − Mᵀ‖_F / ‖M‖_F`
/// (0 for the zero matrix) reports how far the operator is from symmetric: rounding level (`~10⁻¹⁶` in
/// Float64, `~10⁻⁷` in Float32) for a correct Hessian-vector product, much larger for a buggy one.
/// Cost: `d` applications, `d²` doubles of memory and `O(d³)` for the eigensolver, so `d` is limited to
/// `maxDimension` (default 4096: 128 MB).
public struct DenseSpectrum: Sendable {
    /// The symmetrised `d × d` matrix in Float64.
    public let matrix: Tensor
    /// `‖M − Mᵀ‖_F / ‖M‖_F` of the matrix as built, before symmetrisation.
    public let asymmetry: Double
    /// All eigenvalues (ascending) and unit eigenvectors (columns) of ``matrix``.
    public let eigen: SymmetricEigen
    /// Operator applications spent building the matrix (`d`).
    public let operatorApplications: Int
    /// Wall-clock seconds to build and diagonalise.
    public let wallTime: Double
    /// The element type of the operator (returned eigenvectors use it).
    public let dtype: DType

    /// Builds and diagonalises the dense matrix of `op`. Throws if `d > maxDimension`, for a bad operator,
    /// or if LAPACK fails.
    public init(of op: any SymmetricOperator, maxDimension: Int = 4096) throws {
        let began = DispatchTime.now().uptimeNanoseconds
        (matrix, asymmetry) = try Self.symmetrisedMatrix(of: op, maxDimension: maxDimension)
        eigen = try matrix.symmetricEigen()
        operatorApplications = op.dimension
        dtype = op.dtype
        wallTime = secondsSince(began)
    }

    /// The symmetrised dense matrix `(M + Mᵀ)/2` of `op` in Float64 and its ``asymmetry``, built from `d`
    /// applications to the unit vectors, without the eigensolver (what a caller that wants only the matrix,
    /// such as a dense Hessian, needs). Throws as ``init(of:maxDimension:)`` does.
    public static func symmetrisedMatrix(of op: any SymmetricOperator, maxDimension: Int = 4096) throws -> (matrix: Tensor, asymmetry: Double) {
        let d = op.dimension
        guard d >= 1, d <= maxDimension else {
            throw SpectrumError("dense spectrum: dimension \(d) is outside 1...\(maxDimension) (maxDimension)")
        }
        var built = Tensor(zeros: [d, d], dtype: .float64)
        for i in 0..<d {
            var unit = Tensor(zeros: [d], dtype: op.dtype)
            unit.setScalar(1, at: i)
            let column = try op.checkedApply(unit).converted(to: .float64)
            // Row i of M holds column i of A (so M = Aᵀ); M's symmetric part equals A's.
            built.withMutablePointer(Double.self) { p in column.withPointer(Double.self) { (p + i * d).update(from: $0, count: d) } }
        }
        let transposed = try built.transposed()
        let total = built.norm
        let asymmetry = total > 0 ? try (built - transposed).norm / total : 0
        var symmetric = try built + transposed
        symmetric.scale(by: 0.5)
        return (symmetric, asymmetry)
    }

    /// The `k` eigenpairs at `end`, as an estimate with exact residuals (`‖M y − λ y‖` at rounding level),
    /// eigenvectors converted to the operator's element type.
    public func eigenpairs(k: Int, end: SpectrumEnd = .largestAlgebraic) throws -> EigenEstimate {
        let d = eigen.values.count
        guard k >= 1, k <= d else { throw SpectrumError("dense spectrum: k must be in 1...\(d), got \(k)") }
        let chosen = Array(end.order(eigen.values).prefix(k))
        var vectors: [Tensor] = [], residuals: [Double] = []
        for i in chosen {
            let y = eigen.vector(i)
            var r = try Tensor.matmul(matrix, y.reshaped([d, 1])).reshaped([d])
            r.addScaled(y, -eigen.values[i])
            residuals.append(r.norm)
            vectors.append(y.converted(to: dtype))
        }
        return EigenEstimate(method: "dense", end: end, eigenvalues: chosen.map { eigen.values[$0] }, eigenvectors: vectors,
                             residualNorms: residuals, converged: Array(repeating: true, count: k), tolerance: 0,
                             operatorApplications: operatorApplications, krylovDimension: d, wallTime: wallTime,
                             residualsVerified: true)
    }
}
