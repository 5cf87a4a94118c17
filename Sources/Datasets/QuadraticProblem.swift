import Tensors

/// A toy quadratic `ℓ(w) = ½ wᵀHw + bᵀw` on `ℝⁿ` whose Hessian `H = Q diag(λ) Qᵀ` has a chosen spectrum —
/// the setting where the edge-of-stability and SAM-edge predictions can be checked exactly.
///
/// Everything is `Double`: ``hessian``, ``eigenvectors``, ``b`` and ``w0`` are float64 tensors, and
/// ``loss(_:)``, ``gradient(_:)`` and ``hessianVectorProduct(_:)`` accept a vector of either dtype (converted
/// to float64) and compute with plain `Double` loops (no BLAS, so results do not depend on threading).
///
/// Randomness is seeded and split into independent streams of `RandomGenerator(seed: seed)`: stream 0 draws
/// the eigenvalues, 1 the rotation, 2 the linear term `b`, 3 the starting point `w0`; changing one choice does
/// not change the others' values.
public struct QuadraticProblem: Sendable {
    /// Eigenvalues drawn uniformly from `[low, high)`.
    public struct Band: Sendable, Equatable {
        public var count: Int
        public var low: Double
        public var high: Double
        public init(count: Int, low: Double, high: Double) { self.count = count; self.low = low; self.high = high }
    }

    /// How the eigenvalues are chosen. A negative eigenvalue makes the problem indefinite.
    public enum Spectrum: Sendable, Equatable {
        /// These eigenvalues, in this order.
        case explicit([Double])
        /// For each band in order, `count` independent uniforms from `[low, high)`.
        case uniform([Band])
    }

    /// The eigenbasis `Q`.
    public enum Basis: Sendable, Equatable {
        /// `Q = I`: `H` is diagonal.
        case identity
        /// A Haar-random orthogonal `Q` (``OrthogonalBasis/random(dimension:rng:)``).
        case randomRotation
    }

    /// How `b` and `w0` are chosen.
    public enum VectorChoice: Sendable, Equatable {
        /// All entries equal this value (`.constant(0)` is the zero vector).
        case constant(Double)
        /// Independent `N(0, std²)` entries.
        case gaussian(std: Double)
    }

    /// `λ`: eigenvalue `i` belongs to column `i` of ``eigenvectors`` (in the order chosen, not sorted).
    public let eigenvalues: [Double]
    /// `Q`, `n × n` float64 with orthonormal columns.
    public let eigenvectors: Tensor
    /// `H = Q diag(λ) Qᵀ`, `n × n` float64, exactly symmetric (the upper triangle is computed and mirrored).
    public let hessian: Tensor
    /// The linear term, `[n]` float64.
    public let b: Tensor
    /// The starting point, `[n]` float64.
    public let w0: Tensor
    /// The seed the random choices derive from.
    public let seed: UInt64
    /// `max |QᵀQ − I|`, checked at construction to be below `1e-10`.
    public let basisOrthogonalityError: Double

    private let h: [Double]
    private let linear: [Double]

    /// Builds the problem. Throws for an empty spectrum, a band with `count < 0` or `high < low`, or a
    /// negative standard deviation.
    public init(spectrum: Spectrum, basis: Basis = .randomRotation, linearTerm: VectorChoice = .constant(0),
                start: VectorChoice = .gaussian(std: 1), seed: UInt64) throws {
        let root = RandomGenerator(seed: seed)
        var eigenRNG = root.split(0), basisRNG = root.split(1), linearRNG = root.split(2), startRNG = root.split(3)
        let lambda: [Double]
        switch spectrum {
        case .explicit(let values):
            lambda = values
        case .uniform(let bands):
            guard bands.allSatisfy({ $0.count >= 0 && $0.high >= $0.low }) else {
                throw DatasetError.invalidArgument("quadratic: every eigenvalue band needs count ≥ 0 and high ≥ low")
            }
            lambda = bands.flatMap { band in (0..<band.count).map { _ in band.low + (band.high - band.low) * eigenRNG.uniform() } }
        }
        guard !lambda.isEmpty, lambda.allSatisfy({ $0.isFinite }) else {
            throw DatasetError.invalidArgument("quadratic: need at least one finite eigenvalue")
        }
        let n = lambda.count
        let q = basis == .identity ? OrthogonalBasis.identity(dimension: n) : OrthogonalBasis.random(dimension: n, rng: &basisRNG)
        let orthogonality = OrthogonalBasis.orthogonalityError(q, dimension: n)
        precondition(orthogonality < 1e-10, "quadratic: basis not orthogonal (max |QᵀQ − I| = \(orthogonality))")
        var hValues = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in i..<n {
                var s = 0.0
                for k in 0..<n { s += q[i * n + k] * lambda[k] * q[j * n + k] }
                hValues[i * n + j] = s
                hValues[j * n + i] = s
            }
        }
        self.eigenvalues = lambda
        self.seed = seed
        basisOrthogonalityError = orthogonality
        h = hValues
        linear = try Self.vector(linearTerm, n: n, rng: &linearRNG)
        eigenvectors = Tensor(q, shape: [n, n])
        hessian = Tensor(hValues, shape: [n, n])
        b = Tensor(linear)
        w0 = Tensor(try Self.vector(start, n: n, rng: &startRNG))
    }

    /// A problem with explicit eigenvalues (e.g. `[4, 1, 0.25]`).
    public init(eigenvalues: [Double], basis: Basis = .randomRotation, linearTerm: VectorChoice = .constant(0),
                start: VectorChoice = .gaussian(std: 1), seed: UInt64) throws {
        try self.init(spectrum: .explicit(eigenvalues), basis: basis, linearTerm: linearTerm, start: start, seed: seed)
    }

    /// DeepOBS's `quadratic_deep` problem (Schneider et al. 2019): 100 dimensions, 90 eigenvalues uniform on
    /// [0, 1) and 10 on [30, 60) (the bulk-and-outliers spectrum reported for deep networks), a random
    /// rotation, `b = 0`, and DeepOBS's starting point `w0 = (1, …, 1)`. The eigenvalues and rotation come
    /// from this seeded generator, so they differ from DeepOBS's own NumPy draws while following the same
    /// distribution. (DeepOBS adds a random shift per minibatch; this is its deterministic expected loss.)
    public static func quadraticDeep(seed: UInt64 = 42) -> QuadraticProblem {
        try! QuadraticProblem(spectrum: .uniform([Band(count: 90, low: 0, high: 1), Band(count: 10, low: 30, high: 60)]),
                              basis: .randomRotation, linearTerm: .constant(0), start: .constant(1), seed: seed)
    }

    /// The dimension `n`.
    public var dimension: Int { eigenvalues.count }
    /// Whether every eigenvalue is ≥ 0 (the loss is convex).
    public var isPositiveSemidefinite: Bool { eigenvalues.allSatisfy { $0 >= 0 } }

    /// `ℓ(w) = ½ wᵀHw + bᵀw`.
    public func loss(_ w: Tensor) throws -> Double {
        let x = try checked(w, role: "loss")
        let hx = multiply(x)
        var value = 0.0
        for i in 0..<dimension { value += 0.5 * x[i] * hx[i] + linear[i] * x[i] }
        return value
    }

    /// `∇ℓ(w) = Hw + b`, float64 `[n]`.
    public func gradient(_ w: Tensor) throws -> Tensor {
        let x = try checked(w, role: "gradient")
        let hx = multiply(x)
        return Tensor((0..<dimension).map { hx[$0] + linear[$0] })
    }

    /// `Hv`, float64 `[n]` (the Hessian is constant, so this holds at every point).
    public func hessianVectorProduct(_ v: Tensor) throws -> Tensor {
        Tensor(multiply(try checked(v, role: "hessianVectorProduct")))
    }

    /// The stationary point `w* = −H⁻¹b = −Q diag(1/λ) Qᵀ b` when every eigenvalue is non-zero (the minimiser
    /// when all are positive); nil otherwise.
    public var stationaryPoint: Tensor? {
        guard eigenvalues.allSatisfy({ $0 != 0 }) else { return nil }
        let n = dimension
        let q = eigenvectors.scalars
        let coefficients = (0..<n).map { k in (0..<n).reduce(0.0) { $0 + q[$1 * n + k] * linear[$1] } / eigenvalues[k] }
        return Tensor((0..<n).map { i in -(0..<n).reduce(0.0) { $0 + q[i * n + $1] * coefficients[$1] } })
    }

    private func multiply(_ x: [Double]) -> [Double] {
        let n = dimension
        return (0..<n).map { i in
            var s = 0.0
            for j in 0..<n { s += h[i * n + j] * x[j] }
            return s
        }
    }

    private func checked(_ w: Tensor, role: String) throws -> [Double] {
        guard w.count == dimension else {
            throw DatasetError.invalidArgument("quadratic \(role): expected a vector of \(dimension) values, got shape \(describeShape(w.shape))")
        }
        return w.scalars
    }

    private static func vector(_ choice: VectorChoice, n: Int, rng: inout RandomGenerator) throws -> [Double] {
        switch choice {
        case .constant(let value):
            return [Double](repeating: value, count: n)
        case .gaussian(let std):
            guard std >= 0 else { throw DatasetError.invalidArgument("quadratic: standard deviation \(std) is negative") }
            return (0..<n).map { _ in std * rng.normal() }
        }
    }
}
