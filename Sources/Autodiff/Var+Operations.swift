import Tensors

/// The differentiable operations on ``Var``s. Each adds one primitive node (shape-checked: a mismatch
/// throws a ``TensorError`` naming the shapes) or is a short composition of them.
extension Var {
    /// Elementwise `op`.
    public func apply(_ op: UnaryOp) -> Var { try! graph.apply(.unary(op), [self]) }
    public func exp() -> Var { apply(.exp) }
    public func log() -> Var { apply(.log) }
    public func tanh() -> Var { apply(.tanh) }
    public func sqrt() -> Var { apply(.sqrt) }
    public func square() -> Var { apply(.square) }
    public func reciprocal() -> Var { apply(.reciprocal) }
    public func relu() -> Var { apply(.relu) }
    /// 1 where positive, else 0; its derivative is zero.
    public func step() -> Var { apply(.step) }
    /// `scale·x + shift`.
    public func affine(scale: Double, shift: Double = 0) -> Var {
        if scale == 1 && shift == 0 { return self }
        return try! graph.apply(.affine(scale: scale, shift: shift), [self])
    }
    /// The value with a zero derivative.
    public func stopGradient() -> Var { try! graph.apply(.stopGradient, [self]) }

    public static func + (a: Var, b: Var) throws -> Var { try a.graph.apply(.binary(.add), [a, b]) }
    public static func - (a: Var, b: Var) throws -> Var { try a.graph.apply(.binary(.subtract), [a, b]) }
    public static func * (a: Var, b: Var) throws -> Var { try a.graph.apply(.binary(.multiply), [a, b]) }
    public static func / (a: Var, b: Var) throws -> Var { try a.graph.apply(.binary(.divide), [a, b]) }
    public static prefix func - (a: Var) -> Var { a.apply(.negate) }
    public static func * (a: Var, s: Double) -> Var { a.affine(scale: s) }
    public static func * (s: Double, a: Var) -> Var { a.affine(scale: s) }
    public static func + (a: Var, s: Double) -> Var { a.affine(scale: 1, shift: s) }
    public static func - (a: Var, s: Double) -> Var { a.affine(scale: 1, shift: -s) }

    /// Sum down to `shape` (which must broadcast to this shape); identity when the shapes are equal.
    public func sum(to shape: [Int]) throws -> Var {
        if shape == self.shape { return self }
        return try graph.apply(.sumTo(shape), [self])
    }

    /// Sum over `axes` (all when nil); reduced axes are dropped unless `keepDims`.
    public func sum(axes: [Int]? = nil, keepDims: Bool = false) throws -> Var {
        let axes = try normalize(axes)
        let kept = shape.enumerated().map { axes.contains($0.offset) ? 1 : $0.element }
        let reduced = try sum(to: kept)
        return keepDims ? reduced : try reduced.reshaped(shape.enumerated().filter { !axes.contains($0.offset) }.map(\.element))
    }

    /// Mean over `axes` (all when nil).
    public func mean(axes: [Int]? = nil, keepDims: Bool = false) throws -> Var {
        let axes = try normalize(axes)
        let n = axes.reduce(1) { $0 * shape[$1] }
        return try sum(axes: Array(axes), keepDims: keepDims).affine(scale: 1 / Double(max(n, 1)))
    }

    /// Maximum over `axes`, with a zero derivative (for numerically stable shifts).
    public func maxNoGradient(axes: [Int], keepDims: Bool = true) throws -> Var {
        let axes = try normalize(axes)
        let kept = shape.enumerated().map { axes.contains($0.offset) ? 1 : $0.element }
        let m = try graph.apply(.maxTo(kept), [self.stopGradient()])
        return keepDims ? m : try m.reshaped(shape.enumerated().filter { !axes.contains($0.offset) }.map(\.element))
    }

    /// Repeated to `shape`; identity when equal.
    public func broadcast(to shape: [Int]) throws -> Var {
        if shape == self.shape { return self }
        return try graph.apply(.broadcastTo(shape), [self])
    }

    /// The same elements under a new shape; one extent may be -1 (inferred).
    public func reshaped(_ newShape: [Int]) throws -> Var {
        var s = newShape
        if let i = s.firstIndex(of: -1) {
            let known = s.enumerated().filter { $0.offset != i }.reduce(1) { $0 * $1.element }
            guard known > 0, shape.reduce(1, *) % known == 0 else { throw TensorError("reshape: cannot view \(describeShape(shape)) as \(describeShape(newShape))") }
            s[i] = shape.reduce(1, *) / known
        }
        if s == shape { return self }
        return try graph.apply(.reshape(s), [self])
    }

    /// Axes permuted (`result axis i = axis permutation[i]`).
    public func transposed(_ permutation: [Int]) throws -> Var {
        if permutation == Array(0..<rank) { return self }
        return try graph.apply(.transpose(permutation), [self])
    }

    /// `op(self)·op(other)`, batched over leading axes.
    public func matmul(_ other: Var, transA: Bool = false, transB: Bool = false) throws -> Var {
        try graph.apply(.matmul(transA: transA, transB: transB), [self, other])
    }

    private func normalize(_ axes: [Int]?) throws -> Set<Int> {
        Set(try (axes ?? Array(0..<rank)).map { a in
            let n = a < 0 ? a + rank : a
            guard n >= 0 && n < rank else { throw TensorError("axis \(a) out of range for shape \(describeShape(shape))") }
            return n
        })
    }
}
