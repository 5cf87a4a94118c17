import Tensors

/// A random `n × n` orthogonal matrix (Float64), distributed uniformly (Haar measure) on the orthogonal group.
///
/// Formula: the Q factor, with positive diagonal of R, of the QR decomposition of an `n × n` matrix of
/// independent standard normals drawn from `RandomGenerator(seed:)`; computed by classical Gram–Schmidt
/// applied twice to the rows (twice is enough for orthogonality to working precision). Deterministic for a
/// given seed. Cost `O(n³)`; intended for test matrices of a few hundred rows.
public func randomOrthogonal(n: Int, seed: UInt64) -> Tensor {
    precondition(n >= 0, "randomOrthogonal: negative size \(n)")
    var rng = RandomGenerator(seed: seed)
    var rows: [Tensor] = []
    rows.reserveCapacity(n)
    while rows.count < n {
        var row = rng.normalTensor([n], dtype: .float64)
        let original = row.norm
        for _ in 0..<2 {
            let coefficients = rows.map { try! $0.dot(row) }
            for (q, c) in zip(rows, coefficients) { row.addScaled(q, -c) }
        }
        let norm = row.norm
        // A draw (numerically) in the span of the previous rows has probability zero; redraw if it happens.
        guard norm > 1e-8 * original else { continue }
        row.scale(by: 1 / norm)
        rows.append(row)
    }
    var q = Tensor(zeros: [n, n], dtype: .float64)
    q.withMutablePointer(Double.self) { p in
        for (i, row) in rows.enumerated() { row.withPointer(Double.self) { (p + i * n).update(from: $0, count: n) } }
    }
    return q
}
