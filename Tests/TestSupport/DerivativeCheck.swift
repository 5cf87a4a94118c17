import Tensors
import Autodiff

/// JAX-style derivative checks of a function of tensors, in Double along seeded random directions:
/// the JVP against central differences, the VJP against the JVP by the inner-product identity
/// `⟨ct, J·t⟩ = ⟨Jᵀ·ct, t⟩`, and the second order (HVP of `⟨r, f(x)⟩`) against central differences of the
/// gradient. Returns a list of failures (empty when all checks pass).
public enum DerivativeCheck {
    /// How the inputs of a checked function are drawn.
    public enum Domain: Sendable {
        /// Standard normal.
        case real
        /// Uniform in [0.5, 2].
        case positive
        /// Normal, with |x| ≥ 0.3 (away from kinks at 0).
        case awayFromZero
    }

    public static func check(_ name: String, shapes: [[Int]], domain: Domain = .real, seed: UInt64 = 0,
                             tolerance: Double = 1e-6, _ f: @escaping ([Var]) throws -> Var) throws -> [String] {
        var rng = RandomGenerator(seed: seed)
        let xs = shapes.map { draw($0, domain, &rng) }
        let ts = shapes.map { rng.normalTensor($0, dtype: .float64) }
        var failures: [String] = []
        let evaluate: ([Tensor]) throws -> Tensor = { try Transforms.evaluate(f, at: $0) }

        // First order: JVP vs finite differences.
        let (value, tangent) = try Transforms.jvp(f, at: xs, tangents: ts)
        let fd = try FiniteDifferences.directional(evaluate, at: xs, along: ts)
        let jvpError = relativeDistance(tangent.scalars, fd)
        if jvpError > tolerance { failures.append("\(name): JVP vs finite differences, relative error \(jvpError)") }

        // VJP by the inner-product identity.
        let ct = rng.normalTensor(value.shape, dtype: .float64)
        let (_, cts) = try Transforms.vjp(f, at: xs, cotangent: ct)
        let lhs = try ct.dot(tangent)
        let rhs = try zip(cts, ts).reduce(0.0) { $0 + (try $1.0.dot($1.1)) }
        if !isClose(lhs, rhs, rtol: 1e-10, atol: 1e-12) { failures.append("\(name): VJP identity \(lhs) vs \(rhs)") }

        // Second order: HVP of s(x) = ⟨r, f(x)⟩ vs finite differences of its exact gradient.
        let scalar: ([Var]) throws -> Var = { vars in try (try f(vars) * vars[0].graph.constant(ct)).sum() }
        let hv = try Transforms.hvp(scalar, at: xs, vectors: ts)
        let h = 1e-5
        let plus = try Transforms.grad(scalar, at: zip(xs, ts).map { x, t in var y = x; y.addScaled(t, h); return y })
        let minus = try Transforms.grad(scalar, at: zip(xs, ts).map { x, t in var y = x; y.addScaled(t, -h); return y })
        let fdHV = zip(plus, minus).flatMap { p, m in zip(p.scalars, m.scalars).map { ($0 - $1) / (2 * h) } }
        let hvpError = relativeDistance(hv.flatMap(\.scalars), fdHV)
        let hvNorm = hv.reduce(0.0) { $0 + $1.norm }
        if hvpError > 1e-5 && hvNorm > 1e-8 { failures.append("\(name): HVP vs finite differences of the gradient, relative error \(hvpError)") }
        return failures
    }

    private static func draw(_ shape: [Int], _ domain: Domain, _ rng: inout RandomGenerator) -> Tensor {
        switch domain {
        case .real: return rng.normalTensor(shape, dtype: .float64)
        case .positive: return rng.uniformTensor(shape, low: 0.5, high: 2, dtype: .float64)
        case .awayFromZero:
            let values = (0..<shape.reduce(1, *)).map { _ -> Double in
                let z = rng.normal()
                return z < 0 ? z - 0.3 : z + 0.3
            }
            return try! Tensor(shape: shape, scalars: values, dtype: .float64)
        }
    }
}
