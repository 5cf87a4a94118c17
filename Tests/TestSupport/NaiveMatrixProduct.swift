/// `op(A)·op(B)` by the textbook triple loop in Double (row-major; `op` transposes when `ta`/`tb`), the
/// reference the GEMM tests compare against.
public func naiveMatrixProduct(_ a: [Double], _ b: [Double], m: Int, n: Int, k: Int, ta: Bool, tb: Bool) -> [Double] {
    var c = [Double](repeating: 0, count: m * n)
    for i in 0..<m {
        for j in 0..<n {
            var s = 0.0
            for p in 0..<k { s += (ta ? a[p * m + i] : a[i * k + p]) * (tb ? b[j * k + p] : b[p * n + j]) }
            c[i * n + j] = s
        }
    }
    return c
}
