/// Vectorised loops over contiguous runs that the compiler does not vectorise from scalar code
/// (reductions need reassociation; a compare-and-replace becomes a conditional store). Written once
/// per concrete type: generic `SIMD8<T>` code does not lower to vector instructions, concrete
/// `SIMD8<Float>` and `SIMD8<Double>` code does.
///
/// The order of operations is fixed (sixteen lanes accumulated in two vectors, the lanes combined in a
/// fixed tree, then the tail in order), so a run's result depends only on its elements.
protocol RunKernels {
    /// The sum of `p[0..<n]` (0 for an empty run).
    static func sumOfRun(_ p: UnsafePointer<Self>, _ n: Int) -> Self
    /// The maximum of `p[0..<n]`, NaN if any element is NaN (−∞ for an empty run).
    static func maximumOfRun(_ p: UnsafePointer<Self>, _ n: Int) -> Self
    /// Where `p[i] > best[i]`: `best[i] = p[i]` and `which[i] = k`, for `i < n` (a step of a running
    /// argmax; NaN never replaces, and a NaN in `best` is never replaced).
    static func replaceGreater(_ p: UnsafePointer<Self>, _ best: UnsafeMutablePointer<Self>, _ which: UnsafeMutablePointer<Self>, _ k: Self, _ n: Int)
}

extension Float: RunKernels {
    static func sumOfRun(_ p: UnsafePointer<Float>, _ n: Int) -> Float {
        let raw = UnsafeRawPointer(p)
        var a0 = SIMD8<Float>(repeating: 0), a1 = a0, i = 0
        while i + 16 <= n {
            a0 += raw.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
            a1 += raw.loadUnaligned(fromByteOffset: (i + 8) * 4, as: SIMD8<Float>.self)
            i += 16
        }
        if i + 8 <= n { a0 += raw.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self); i += 8 }
        let a = a0 + a1
        var result = ((a[0] + a[4]) + (a[2] + a[6])) + ((a[1] + a[5]) + (a[3] + a[7]))
        while i < n { result += p[i]; i += 1 }
        return result
    }

    static func maximumOfRun(_ p: UnsafePointer<Float>, _ n: Int) -> Float {
        let raw = UnsafeRawPointer(p)
        var m0 = SIMD8<Float>(repeating: -.infinity), m1 = m0, i = 0
        while i + 16 <= n {
            let v0 = raw.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
            let v1 = raw.loadUnaligned(fromByteOffset: (i + 8) * 4, as: SIMD8<Float>.self)
            m0.replace(with: v0, where: (v0 .> m0) .| (v0 .!= v0))
            m1.replace(with: v1, where: (v1 .> m1) .| (v1 .!= v1))
            i += 16
        }
        m0.replace(with: m1, where: (m1 .> m0) .| (m1 .!= m1))
        var result = -Float.infinity
        for lane in 0..<8 where m0[lane] > result || m0[lane].isNaN { result = m0[lane] }
        while i < n {
            if p[i] > result || p[i].isNaN { result = p[i] }
            i += 1
        }
        return result
    }

    static func replaceGreater(_ p: UnsafePointer<Float>, _ best: UnsafeMutablePointer<Float>, _ which: UnsafeMutablePointer<Float>, _ k: Float, _ n: Int) {
        let src = UnsafeRawPointer(p), b = UnsafeMutableRawPointer(best), w = UnsafeMutableRawPointer(which)
        let label = SIMD8<Float>(repeating: k)
        var i = 0
        while i + 8 <= n {
            let v = src.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
            let old = b.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
            let greater = v .> old
            b.storeBytes(of: old.replacing(with: v, where: greater), toByteOffset: i * 4, as: SIMD8<Float>.self)
            w.storeBytes(of: w.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self).replacing(with: label, where: greater),
                         toByteOffset: i * 4, as: SIMD8<Float>.self)
            i += 8
        }
        while i < n {
            if p[i] > best[i] { best[i] = p[i]; which[i] = k }
            i += 1
        }
    }
}

extension Double: RunKernels {
    static func sumOfRun(_ p: UnsafePointer<Double>, _ n: Int) -> Double {
        let raw = UnsafeRawPointer(p)
        var a0 = SIMD8<Double>(repeating: 0), a1 = a0, i = 0
        while i + 16 <= n {
            a0 += raw.loadUnaligned(fromByteOffset: i * 8, as: SIMD8<Double>.self)
            a1 += raw.loadUnaligned(fromByteOffset: (i + 8) * 8, as: SIMD8<Double>.self)
            i += 16
        }
        if i + 8 <= n { a0 += raw.loadUnaligned(fromByteOffset: i * 8, as: SIMD8<Double>.self); i += 8 }
        let a = a0 + a1
        var result = ((a[0] + a[4]) + (a[2] + a[6])) + ((a[1] + a[5]) + (a[3] + a[7]))
        while i < n { result += p[i]; i += 1 }
        return result
    }

    static func maximumOfRun(_ p: UnsafePointer<Double>, _ n: Int) -> Double {
        let raw = UnsafeRawPointer(p)
        var m0 = SIMD8<Double>(repeating: -.infinity), m1 = m0, i = 0
        while i + 16 <= n {
            let v0 = raw.loadUnaligned(fromByteOffset: i * 8, as: SIMD8<Double>.self)
            let v1 = raw.loadUnaligned(fromByteOffset: (i + 8) * 8, as: SIMD8<Double>.self)
            m0.replace(with: v0, where: (v0 .> m0) .| (v0 .!= v0))
            m1.replace(with: v1, where: (v1 .> m1) .| (v1 .!= v1))
            i += 16
        }
        m0.replace(with: m1, where: (m1 .> m0) .| (m1 .!= m1))
        var result = -Double.infinity
        for lane in 0..<8 where m0[lane] > result || m0[lane].isNaN { result = m0[lane] }
        while i < n {
            if p[i] > result || p[i].isNaN { result = p[i] }
            i += 1
        }
        return result
    }

    static func replaceGreater(_ p: UnsafePointer<Double>, _ best: UnsafeMutablePointer<Double>, _ which: UnsafeMutablePointer<Double>, _ k: Double, _ n: Int) {
        let src = UnsafeRawPointer(p), b = UnsafeMutableRawPointer(best), w = UnsafeMutableRawPointer(which)
        let label = SIMD8<Double>(repeating: k)
        var i = 0
        while i + 8 <= n {
            let v = src.loadUnaligned(fromByteOffset: i * 8, as: SIMD8<Double>.self)
            let old = b.loadUnaligned(fromByteOffset: i * 8, as: SIMD8<Double>.self)
            let greater = v .> old
            b.storeBytes(of: old.replacing(with: v, where: greater), toByteOffset: i * 8, as: SIMD8<Double>.self)
            w.storeBytes(of: w.loadUnaligned(fromByteOffset: i * 8, as: SIMD8<Double>.self).replacing(with: label, where: greater),
                         toByteOffset: i * 8, as: SIMD8<Double>.self)
            i += 8
        }
        while i < n {
            if p[i] > best[i] { best[i] = p[i]; which[i] = k }
            i += 1
        }
    }
}
