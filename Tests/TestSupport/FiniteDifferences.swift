import Tensors

/// Central finite differences in Double: the test oracle for derivatives (never used inside the engine).
public enum FiniteDifferences {
    /// `(f(x + h·t) − f(x − h·t)) / 2h` for a function of several tensors, with `t` one direction per input.
    public static func directional(_ f: ([Tensor]) throws -> Tensor, at xs: [Tensor], along ts: [Tensor], step h: Double = 1e-6) throws -> [Double] {
        let plus = try f(zip(xs, ts).map { x, t in var y = x; y.addScaled(t, h); return y }).scalars
        let minus = try f(zip(xs, ts).map { x, t in var y = x; y.addScaled(t, -h); return y }).scalars
        return zip(plus, minus).map { ($0 - $1) / (2 * h) }
    }

    /// The gradient of a scalar function of a flat vector, one coordinate at a time.
    public static func gradient(_ f: (Tensor) throws -> Double, at x: Tensor, step h: Double = 1e-6) throws -> [Double] {
        var g = [Double](repeating: 0, count: x.count)
        var y = x
        for i in 0..<x.count {
            let xi = x.scalar(at: i)
            y.setScalar(xi + h, at: i); let fp = try f(y)
            y.setScalar(xi - h, at: i); let fm = try f(y)
            y.setScalar(xi, at: i)
            g[i] = (fp - fm) / (2 * h)
        }
        return g
    }

    /// The dense Hessian (row-major `d × d`) from central differences of an exact gradient, symmetrised.
    public static func hessian(_ gradient: (Tensor) throws -> Tensor, at x: Tensor, step h: Double = 1e-5) throws -> [Double] {
        let d = x.count
        var h2 = [Double](repeating: 0, count: d * d)
        var y = x
        for j in 0..<d {
            let xj = x.scalar(at: j)
            y.setScalar(xj + h, at: j); let gp = try gradient(y).scalars
            y.setScalar(xj - h, at: j); let gm = try gradient(y).scalars
            y.setScalar(xj, at: j)
            for i in 0..<d { h2[i * d + j] = (gp[i] - gm[i]) / (2 * h) }
        }
        for i in 0..<d { for j in (i + 1)..<max(d, i + 1) { let s = 0.5 * (h2[i * d + j] + h2[j * d + i]); h2[i * d + j] = s; h2[j * d + i] = s } }
        return h2
    }
}
