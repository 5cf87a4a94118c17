import Tensors

/// The state of one ``Lanczos`` run: the basis, the projected matrix `H = Vᵀ A V`, the remainders that
/// restarts left outside the basis, and the probe bookkeeping. ``Lanczos`` documents the method.
struct LanczosIteration {
    /// A Ritz decomposition of (a diagonal block of) `H`: values ascending, `vectors[i * size + c]` is
    /// component `i` of the unit vector for value `c`.
    struct Ritz {
        var values: [Double]
        var vectors: [Double]
        var size: Int { values.count }
        func component(_ i: Int, of c: Int) -> Double { vectors[i * size + c] }
    }

    /// A remainder `(I − V Vᵀ) A v_index` not continued as a basis vector, kept orthogonal to later basis
    /// vectors: it is column `index` of `A V − V H`, and enters the residual of every Ritz pair.
    struct Remainder {
        var index: Int
        var vector: Tensor
    }

    let op: any SymmetricOperator
    let k: Int
    let end: SpectrumEnd
    let tolerance: Double
    let maxDimension: Int
    let checksMultiplicity: Bool
    let epsilon: Double
    var rng: RandomGenerator
    var basis: KrylovBasis
    /// `H`, row-major `maxDimension × maxDimension`; the leading `basis.count` block is filled.
    var h: [Double]
    /// Remainders left behind by restarts.
    var pending: [Remainder] = []
    var applications = 0
    /// Largest |Ritz value| seen: the scale of the operator for the convergence floor.
    var normEstimate = 0.0
    /// Basis index where the current multiplicity probe began, and the wanted values at that moment.
    var probeStart: Int?
    var valuesAtProbe: [Double] = []
    /// The Ritz decomposition of the full `H` and the current remainder at the last step.
    var ritz = Ritz(values: [], vectors: [])
    var tail: Remainder?

    init(operator op: any SymmetricOperator, k: Int, end: SpectrumEnd, tolerance: Double, maxDimension: Int,
         checksMultiplicity: Bool, rng: RandomGenerator, start: Tensor) {
        self.op = op
        self.k = k
        self.end = end
        self.tolerance = tolerance
        self.maxDimension = maxDimension
        self.checksMultiplicity = checksMultiplicity
        self.rng = rng
        epsilon = op.dtype.machineEpsilon
        basis = KrylovBasis(dimension: op.dimension, dtype: op.dtype)
        basis.append(start)
        h = [Double](repeating: 0, count: maxDimension * maxDimension)
    }

    /// The convergence threshold for a Ritz value: `max(tolerance·|θ|, 100·ε·‖H‖)`.
    func threshold(_ theta: Double) -> Double { max(tolerance * abs(theta), 100 * epsilon * normEstimate) }

    /// Runs steps until the wanted pairs are converged (and confirmed by probes), the budget is spent, or the
    /// basis spans the space.
    mutating func run() throws {
        while true {
            let j = basis.count - 1
            var w = try op.checkedApply(basis.vectors[j])
            applications += 1
            let normAv = w.norm
            let coefficients = basis.orthogonalize(&w)
            for i in 0...j {
                h[i * maxDimension + j] = coefficients[i]
                h[j * maxDimension + i] = coefficients[i]
            }
            let beta = w.norm
            let breakdown = beta <= epsilon.squareRoot() * normAv
            // A remainder at rounding level carries no information; anything larger is accounted for.
            tail = beta > 10 * epsilon * normAv ? Remainder(index: j, vector: w) : nil

            ritz = try Self.decompose(h, stride: maxDimension, range: 0..<basis.count)
            normEstimate = max(normEstimate, ritz.values.map(abs).max() ?? 0)
            let wanted = wantedIndices()
            let wantedConverged = wanted.count == k && zip(wanted, residuals(of: wanted)).allSatisfy { $1 <= threshold(ritz.values[$0]) }
            let spansSpace = basis.count == op.dimension

            var startsProbe = false
            if wantedConverged {
                if !checksMultiplicity || spansSpace { return }
                if let start = probeStart {
                    if try probeConverged(from: start) {
                        let values = wanted.map { ritz.values[$0] }
                        if zip(values, valuesAtProbe).allSatisfy({ abs($0 - $1) <= 10 * threshold($1) }) { return }
                        startsProbe = true
                    }
                } else {
                    startsProbe = true
                }
            }
            if basis.count == maxDimension || spansSpace { return }

            let next: Tensor?
            if startsProbe || breakdown {
                if let remainder = tail { pending.append(remainder) }
                tail = nil
                if startsProbe {
                    probeStart = basis.count
                    valuesAtProbe = wanted.map { ritz.values[$0] }
                }
                next = basis.randomOrthogonalUnit(rng: &rng)
            } else {
                w.scale(by: 1 / beta)
                next = w
            }
            guard let v = next else { return }
            basis.append(v)
            for p in pending.indices {
                let c = try! v.dot(pending[p].vector)
                pending[p].vector.addScaled(v, -c)
            }
        }
    }

    /// Indices into `ritz.values` of the (at most `k`) wanted pairs, ordered from `end`.
    func wantedIndices() -> [Int] { Array(end.order(ritz.values).prefix(k)) }

    /// `‖A y − θ y‖` for the Ritz pairs `indices` of the full `H`: the norm of `Σ s_index · remainder` over
    /// the pending remainders and the current one (for a plain chain, `|β · s_m|`), through their Gram matrix.
    func residuals(of indices: [Int]) -> [Double] {
        let remainders = pending + (tail.map { [$0] } ?? [])
        let gram = remainders.map { a in remainders.map { b in try! a.vector.dot(b.vector) } }
        return indices.map { c in
            let weights = remainders.map { ritz.component($0.index, of: c) }
            var sum = 0.0
            for a in remainders.indices { for b in remainders.indices { sum += weights[a] * weights[b] * gram[a][b] } }
            return max(sum, 0).squareRoot()
        }
    }

    /// Whether the leading Ritz value (from `end`) of the probe's own chain, the block of `H` from `start`
    /// on, has relative residual ≤ `√tolerance`: the probe has found the top of the deflated operator.
    func probeConverged(from start: Int) throws -> Bool {
        let block = try Self.decompose(h, stride: maxDimension, range: start..<basis.count)
        guard let top = end.order(block.values).first else { return false }
        let beta = tail?.vector.norm ?? 0
        return abs(block.component(block.size - 1, of: top)) * beta <= max(tolerance.squareRoot() * abs(block.values[top]), 100 * epsilon * normEstimate)
    }

    /// The eigen-decomposition of the diagonal block `range × range` of the row-major matrix `a`.
    static func decompose(_ a: [Double], stride: Int, range: Range<Int>) throws -> Ritz {
        let n = range.count
        var block = [Double](repeating: 0, count: n * n)
        for (r, i) in range.enumerated() { for (c, j) in range.enumerated() { block[r * n + c] = a[i * stride + j] } }
        let eigen = try Tensor([Double](block), shape: [n, n]).symmetricEigen()
        return Ritz(values: eigen.values, vectors: eigen.vectors.scalars)
    }

    /// The wanted Ritz pairs with their residuals, as an estimate (wall time filled in by the caller).
    func estimate() -> EigenEstimate {
        let wanted = wantedIndices()
        let m = basis.count
        var vectors: [Tensor] = []
        for c in wanted {
            var y = basis.combination((0..<m).map { ritz.component($0, of: c) })
            y.scale(by: 1 / y.norm)
            vectors.append(y)
        }
        let norms = residuals(of: wanted)
        return EigenEstimate(method: "lanczos", end: end, eigenvalues: wanted.map { ritz.values[$0] }, eigenvectors: vectors,
                             residualNorms: norms, converged: zip(wanted, norms).map { $1 <= threshold(ritz.values[$0]) },
                             tolerance: tolerance, operatorApplications: applications, krylovDimension: m, wallTime: 0,
                             residualsVerified: false)
    }
}
