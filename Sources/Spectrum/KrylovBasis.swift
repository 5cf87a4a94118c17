import Tensors

/// An orthonormal set of flat vectors `v₁ … v_m` (the Lanczos basis), stored in the operator's element type,
/// with classical Gram–Schmidt applied twice ("twice is enough": Giraud, Langou, Rozložník 2005) for full
/// re-orthogonalisation. Coefficients are accumulated in `Double`.
///
/// Memory: `m · d` elements of the operator's type (for a Float32 operator with `d = 10⁶` and `m = 80`,
/// 320 MB).
struct KrylovBasis {
    let dimension: Int
    let dtype: DType
    private(set) var vectors: [Tensor] = []

    init(dimension: Int, dtype: DType) {
        self.dimension = dimension
        self.dtype = dtype
    }

    var count: Int { vectors.count }

    /// Removes from `w` its components along every basis vector (two passes of classical Gram–Schmidt) and
    /// returns the total coefficients `cᵢ ≈ vᵢᵀ w` (original `w`).
    func orthogonalize(_ w: inout Tensor) -> [Double] {
        var total = [Double](repeating: 0, count: vectors.count)
        for _ in 0..<2 {
            let coefficients = vectors.map { try! $0.dot(w) }
            for (i, v) in vectors.enumerated() {
                w.addScaled(v, -coefficients[i])
                total[i] += coefficients[i]
            }
        }
        return total
    }

    /// Appends a unit vector orthogonal to the basis.
    mutating func append(_ v: Tensor) {
        vectors.append(v)
    }

    /// A unit vector orthogonal to the basis, from normal draws on `rng`; nil when the basis spans the space.
    func randomOrthogonalUnit(rng: inout RandomGenerator) -> Tensor? {
        guard count < dimension else { return nil }
        let epsilon = dtype.machineEpsilon
        for _ in 0..<8 {
            var q = rng.normalTensor([dimension], dtype: dtype)
            let original = q.norm
            _ = orthogonalize(&q)
            let norm = q.norm
            if norm > 100 * epsilon * Double(dimension).squareRoot() * original {
                q.scale(by: 1 / norm)
                return q
            }
        }
        return nil
    }

    /// `Σᵢ cᵢ vᵢ` for coefficients `c` (one per basis vector, or fewer: the first ones).
    func combination(_ coefficients: [Double]) -> Tensor {
        var y = Tensor(zeros: [dimension], dtype: dtype)
        for (c, v) in zip(coefficients, vectors) where c != 0 { y.addScaled(v, c) }
        return y
    }
}
