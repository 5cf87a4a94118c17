import Autodiff
import Tensors

/// Multi-head self-attention, shared by ``Transformer`` and the `attention` ``Layer``.
extension Var {
    /// Multi-head self-attention of `x` `[B·T, D]` (batch `b`, length `t`): per head,
    /// `softmax(q·kᵀ/√keySize + mask)·v`, heads concatenated to `[B·T, heads·keySize]`.
    /// `project(x, name)` applies the dense layer `name` (`query`, `key`, `value`, then `output` on the
    /// concatenated heads); the queries are scaled by `1/√keySize` after their projection. `mask` `[T, T]`
    /// is added to the logits (nil: every position attends to every other). Runs as batched GEMMs on
    /// `[B·H, T, keySize]`.
    public func selfAttention(batch b: Int, length t: Int, heads: Int, keySize: Int, mask: Var?,
                              project: (Var, String) throws -> Var) throws -> Var {
        // [B·T, H·K] → [B, T, H, K] → [B, H, T, K] → [B·H, T, K]
        func splitHeads(_ y: Var) throws -> Var {
            try y.reshaped([b, t, heads, keySize]).transposed([0, 2, 1, 3]).reshaped([b * heads, t, keySize])
        }
        let q = try splitHeads(try project(self, "query").affine(scale: 1 / Double(keySize).squareRoot()))
        let k = try splitHeads(try project(self, "key"))
        let v = try splitHeads(try project(self, "value"))
        let logits = try q.matmul(k, transB: true)
        let weights = try (try mask.map { try logits + $0 } ?? logits).softmax(axis: 2)
        let mixed = try weights.matmul(v).reshaped([b, heads, t, keySize]).transposed([0, 2, 1, 3]).reshaped([b * t, heads * keySize])
        return try project(mixed, "output")
    }

    /// `[T, T]`: 0 where the key position is at or before the query position, ``Transformer/maskValue``
    /// after it (so a causal query's weights on later keys are exactly zero).
    public static func causalMask(_ t: Int, dtype: DType) -> Tensor {
        var mask = Tensor(zeros: [t, t], dtype: dtype)
        for query in 0..<t { for key in (query + 1)..<max(t, query + 1) { mask.setScalar(Transformer.maskValue, at: query * t + key) } }
        return mask
    }
}
