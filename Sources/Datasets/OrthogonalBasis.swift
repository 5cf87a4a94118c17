import Tensors

/// Orthogonal matrices for toy problems, in `Double`, row-major `n × n` arrays.
public enum OrthogonalBasis {
    /// A random orthogonal matrix distributed uniformly (Haar measure on O(n)): the `Q` factor of the
    /// Householder QR decomposition of a matrix with independent `N(0, 1)` entries (drawn row by row from
    /// `rng`), with each column `j` multiplied by the sign of `R[j, j]` so the distribution is exactly Haar
    /// (Mezzadri, "How to generate random matrices from the classical compact groups", 2007).
    public static func random(dimension n: Int, rng: inout RandomGenerator) -> [Double] {
        precondition(n >= 1, "orthogonal basis: dimension must be positive")
        var a = (0..<(n * n)).map { _ in rng.normal() }
        var reflectors: [[Double]] = []   // v_k (unit, length n - k) for k = 0..<n-1
        var diagonal = [Double](repeating: 0, count: n)
        for k in 0..<n {
            let column = (k..<n).map { a[$0 * n + k] }
            let norm = column.reduce(0) { $0 + $1 * $1 }.squareRoot()
            guard k < n - 1 else { diagonal[k] = column[0]; break }
            // H_k = I − 2 v vᵀ maps the column to (α, 0, …, 0) with α = −sign(x₀)‖x‖ (no cancellation).
            let alpha = column[0] >= 0 ? -norm : norm
            diagonal[k] = alpha
            var v = column
            v[0] -= alpha
            let vNorm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
            if vNorm > 0 { v = v.map { $0 / vNorm } } else { v = [Double](repeating: 0, count: n - k) }
            reflectors.append(v)
            applyReflector(v, from: k, columns: k..<n, to: &a, n: n)
        }
        // Q = H_0 H_1 ⋯ H_{n−2}, built by applying the reflectors to the identity from the last one back.
        var q = [Double](repeating: 0, count: n * n)
        for i in 0..<n { q[i * n + i] = 1 }
        for k in stride(from: reflectors.count - 1, through: 0, by: -1) {
            applyReflector(reflectors[k], from: k, columns: 0..<n, to: &q, n: n)
        }
        for j in 0..<n where diagonal[j] < 0 {
            for i in 0..<n { q[i * n + j] = -q[i * n + j] }
        }
        return q
    }

    /// The `n × n` identity.
    public static func identity(dimension n: Int) -> [Double] {
        var q = [Double](repeating: 0, count: n * n)
        for i in 0..<n { q[i * n + i] = 1 }
        return q
    }

    /// `max |QᵀQ − I|` over all entries: 0 for an exactly orthogonal matrix, about `n · 10⁻¹⁶` for a
    /// numerically orthogonal one.
    public static func orthogonalityError(_ q: [Double], dimension n: Int) -> Double {
        var worst = 0.0
        for i in 0..<n {
            for j in i..<n {
                var s = 0.0
                for k in 0..<n { s += q[k * n + i] * q[k * n + j] }
                worst = Swift.max(worst, Swift.abs(s - (i == j ? 1 : 0)))
            }
        }
        return worst
    }

    /// `A[k..<n, columns] ← (I − 2 v vᵀ) A[k..<n, columns]`.
    private static func applyReflector(_ v: [Double], from k: Int, columns: Range<Int>, to a: inout [Double], n: Int) {
        for j in columns {
            var s = 0.0
            for i in k..<n { s += v[i - k] * a[i * n + j] }
            s *= 2
            if s != 0 { for i in k..<n { a[i * n + j] -= s * v[i - k] } }
        }
    }
}
