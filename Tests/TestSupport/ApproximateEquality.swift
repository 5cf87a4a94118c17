import Tensors

/// The one approximate-equality rule tests use: `|a − b| ≤ atol + rtol·max(|a|, |b|)`.
public func isClose(_ a: Double, _ b: Double, rtol: Double = 1e-9, atol: Double = 0) -> Bool {
    if a == b { return true }
    if a.isNaN || b.isNaN { return false }
    return Swift.abs(a - b) <= atol + rtol * Swift.max(Swift.abs(a), Swift.abs(b))
}

/// The largest violation of ``isClose`` between two equally long arrays, as a relative error
/// `|a − b| / (atol/rtol + max(|a|, |b|))`-style score; `nil` when every pair is close.
public func firstMismatch(_ a: [Double], _ b: [Double], rtol: Double, atol: Double = 0) -> String? {
    guard a.count == b.count else { return "lengths differ: \(a.count) vs \(b.count)" }
    for i in 0..<a.count where !isClose(a[i], b[i], rtol: rtol, atol: atol) {
        return "element \(i): \(a[i]) vs \(b[i]) (rtol \(rtol), atol \(atol))"
    }
    return nil
}

/// Relative distance `‖a − b‖ / max(‖a‖, ‖b‖, tiny)` between two vectors.
public func relativeDistance(_ a: [Double], _ b: [Double]) -> Double {
    precondition(a.count == b.count)
    var diff = 0.0, na = 0.0, nb = 0.0
    for i in 0..<a.count { diff += (a[i] - b[i]) * (a[i] - b[i]); na += a[i] * a[i]; nb += b[i] * b[i] }
    return diff.squareRoot() / Swift.max(na.squareRoot(), nb.squareRoot(), 1e-300)
}
