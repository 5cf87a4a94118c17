import Tensors

/// The one table of derivative rules, keyed by primitive. Every rule is written with differentiable
/// ``Var`` operations (never by reading buffers), so the graphs it builds can be differentiated again:
/// that is what makes `hvp = jvp(grad f)` exact. A `nil` tangent or cotangent is a symbolic zero.
enum DerivativeRules {
    /// Cotangents of a node's operands, given the cotangent `ct` of its output (`nil` = no contribution).
    static func vjp(_ node: Node, _ y: Var, _ x: [Var], _ ct: Var) throws -> [Var?] {
        switch node.primitive {
        case .input, .constant, .fill, .stopGradient:
            return x.map { _ in nil }
        case .maxTo:
            throw TensorError("max is not differentiable; use it under stopGradient (as logSumExp does)")
        case .unary(let op):
            return [try unaryDerivative(op, x: x[0], y: y, dx: ct)]
        case .affine(let scale, _):
            return [ct.affine(scale: scale)]
        case .binary(let op):
            let a = x[0], b = x[1]
            switch op {
            case .add: return [try ct.sum(to: a.shape), try ct.sum(to: b.shape)]
            case .subtract: return [try ct.sum(to: a.shape), try (-ct).sum(to: b.shape)]
            case .multiply: return [try (ct * b).sum(to: a.shape), try (ct * a).sum(to: b.shape)]
            case .divide: return [try (ct / b).sum(to: a.shape), try (-(try (ct * y) / b)).sum(to: b.shape)]
            }
        case .sumTo:
            return [try ct.broadcast(to: x[0].shape)]
        case .broadcastTo:
            return [try ct.sum(to: x[0].shape)]
        case .reshape:
            return [try ct.reshaped(x[0].shape)]
        case .transpose(let p):
            return [try ct.transposed(Tensor.inversePermutation(p))]
        case .matmul(let ta, let tb):
            return try matmulVJP(x[0], x[1], ct, ta, tb)
        case .im2col(let g):
            return [try x[0].graph.apply(.col2im(g, imageShape: x[0].shape), [ct])]
        case .col2im(let g, _):
            return [try x[0].graph.apply(.im2col(g), [ct])]
        case .poolGather(let g):
            return [nil, try x[0].graph.apply(.poolScatter(g), [x[0], ct])]
        case .poolScatter(let g):
            return [nil, try x[0].graph.apply(.poolGather(g), [x[0], ct])]
        case .gatherRows:
            return [try x[0].graph.apply(.scatterRows(rows: x[0].shape[0]), [ct, x[1]]), nil]
        case .scatterRows:
            return [try x[0].graph.apply(.gatherRows, [ct, x[1]]), nil]
        }
    }

    /// The tangent of a node's output given its operands' tangents (`nil` = zero); `nil` if it is zero.
    static func jvp(_ node: Node, _ y: Var, _ x: [Var], _ dx: [Var?]) throws -> Var? {
        if dx.allSatisfy({ $0 == nil }) { return nil }
        switch node.primitive {
        case .input, .constant, .fill, .stopGradient:
            return nil
        case .maxTo:
            throw TensorError("max is not differentiable; use it under stopGradient (as logSumExp does)")
        case .unary(let op):
            return try unaryDerivative(op, x: x[0], y: y, dx: dx[0]!)
        case .affine(let scale, _):
            return dx[0]!.affine(scale: scale)
        case .binary(let op):
            let a = x[0], b = x[1], da = dx[0], db = dx[1]
            switch op {
            case .add: return try sum(da, db, shape: y.shape)
            case .subtract: return try sum(da, db.map { -$0 }, shape: y.shape)
            case .multiply: return try sum(da.map { try $0 * b }, db.map { try a * $0 }, shape: y.shape)
            case .divide:
                // d(a/b) = (da − y·db) / b
                let numerator = try sum(da, try db.map { -(try y * $0) }, shape: y.shape)!
                return try numerator / b
            }
        case .sumTo, .broadcastTo, .reshape, .transpose, .im2col, .col2im:
            return try y.graph.apply(node.primitive, [dx[0]!])
        case .matmul(let ta, let tb):
            let left = try dx[0].map { try $0.matmul(x[1], transA: ta, transB: tb) }
            let right = try dx[1].map { try x[0].matmul($0, transA: ta, transB: tb) }
            return try sum(left, right, shape: y.shape)
        case .poolGather, .poolScatter:
            guard let d = dx[1] else { return nil }
            return try y.graph.apply(node.primitive, [x[0], d])
        case .gatherRows, .scatterRows:
            guard let d = dx[0] else { return nil }
            return try y.graph.apply(node.primitive, [d, x[1]])
        }
    }

    /// `dx · f'(x)` for an elementwise function, using the output `y` where that is cheaper.
    private static func unaryDerivative(_ op: UnaryOp, x: Var, y: Var, dx: Var) throws -> Var? {
        switch op {
        case .negate: return -dx
        case .exp: return try dx * y
        case .log: return try dx / x
        case .tanh: return try dx * y.square().affine(scale: -1, shift: 1)
        case .sqrt: return try dx * y.reciprocal().affine(scale: 0.5)
        case .square: return try dx * x.affine(scale: 2)
        case .reciprocal: return try dx * (-y.square())
        case .abs: return try dx * (try x.step() - (-x).step())
        case .relu: return try dx * x.step()
        case .step: return nil
        }
    }

    /// Cotangents of `C = op(A)·op(B)`.
    private static func matmulVJP(_ a: Var, _ b: Var, _ ct: Var, _ ta: Bool, _ tb: Bool) throws -> [Var?] {
        let da = ta ? try b.matmul(ct, transA: tb, transB: true) : try ct.matmul(b, transA: false, transB: !tb)
        let db: Var
        if b.rank == 2 && a.rank > 2 {
            // B is shared across A's batch: fold the batch into rows so the sum over it is one GEMM.
            let a2 = try a.reshaped([-1, a.shape[a.rank - 1]]), ct2 = try ct.reshaped([-1, ct.shape[ct.rank - 1]])
            db = tb ? try ct2.matmul(a2, transA: true) : try a2.matmul(ct2, transA: true)
        } else {
            db = tb ? try ct.matmul(a, transA: true, transB: ta) : try a.matmul(ct, transA: !ta, transB: false)
        }
        return [da, db]
    }

    /// `a + b` where either may be a symbolic zero, broadcast to `shape`.
    private static func sum(_ a: Var?, _ b: Var?, shape: [Int]) throws -> Var? {
        switch (a, b) {
        case (nil, nil): return nil
        case (let a?, nil): return try a.broadcast(to: shape)
        case (nil, let b?): return try b.broadcast(to: shape)
        case (let a?, let b?): return try a + b
        }
    }
}
