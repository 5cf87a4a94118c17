import Tensors

/// The alignment `|cos ∠(v, u)| = |v·u| / (‖v‖ ‖u‖)` of two vectors with the same number of elements, in
/// `[0, 1]`: 1 for parallel (or anti-parallel) vectors, 0 for orthogonal ones and when either vector is zero
/// (no direction to align). Used for the alignment of the top Hessian eigenvector with the gradient (whose
/// sign is arbitrary, hence the absolute value). Mixed element types are compared in `Double`. Throws when
/// the element counts differ.
public func alignment(_ v: Tensor, _ u: Tensor) throws -> Double {
    guard v.count == u.count else {
        throw SpectrumError("alignment: vectors have \(v.count) and \(u.count) elements")
    }
    let (a, b) = v.dtype == u.dtype ? (v, u) : (v.converted(to: .float64), u.converted(to: .float64))
    let normA = a.norm, normB = b.norm
    guard normA > 0, normB > 0 else { return 0 }
    return min(1, abs(try a.reshaped([a.count]).dot(b.reshaped([b.count]))) / (normA * normB))
}
