import Autodiff
import Tensors

/// A training loss of outputs against targets, averaged over examples.
///
/// Outputs have shape `[..., C]`: the last axis holds the `C` outputs (class logits, vocabulary logits)
/// of one *example*, and every leading axis counts examples (for a sequence model `[B, T, V]`, each of the
/// `B·T` positions is an example). Targets are either one-hot (or any real targets) of the outputs' shape,
/// or integral class ids (stored as floats) of the outputs' shape without the last axis; ids are turned
/// into one-hot rows inside the graph.
///
/// The normalisation is part of the definition, because Hessian eigenvalues (and hence the edges `2/η`
/// and the SAM-edge) scale with it. With `n` examples, `C` outputs, `o` outputs, `y` one-hot targets:
///
/// | loss | value | used by |
/// |---|---|---|
/// | ``mse`` | `(1/(n·C)) Σᵢ Σₖ (oᵢₖ − yᵢₖ)²` — mean over examples *and* outputs | Long & Bartlett's code (MNIST, CIFAR-10) |
/// | ``halfSSE`` | `(1/n) Σᵢ ½ Σₖ (oᵢₖ − yᵢₖ)²` — half the squared error summed over outputs, mean over examples | Cohen et al. 2021 |
/// | ``crossEntropy`` | `(1/n) Σᵢ −Σₖ yᵢₖ log softmax(oᵢ)ₖ` — for one-hot `y`, the mean of `−log softmax(oᵢ)[labelᵢ]` | the language model |
///
/// So `halfSSE = (C/2)·mse` and its Hessian is `C/2` times larger. Cross-entropy uses `logSoftmax`
/// (shifted by the row maximum) and never takes the log of a probability.
public enum Loss: String, Hashable, Sendable, CaseIterable {
    /// Mean over examples and outputs of the squared error to the targets.
    case mse
    /// Half the squared error summed over outputs, averaged over examples.
    case halfSSE = "half_sse"
    /// Softmax cross-entropy, averaged over examples (and positions).
    case crossEntropy = "cross_entropy"

    /// The loss as a scalar node of the outputs' graph. `targets` must be in the same graph and have the
    /// outputs' shape (one-hot or real targets) or the outputs' shape without its last axis (class ids).
    public func apply(outputs: Var, targets: Var) throws -> Var {
        let y = try Loss.denseTargets(targets, for: outputs)
        let classes = outputs.shape.last ?? 1
        let examples = outputs.shape.dropLast().reduce(1, *)
        switch self {
        case .mse:
            return try (try outputs - y).square().sum().affine(scale: 1 / Double(examples * classes))
        case .halfSSE:
            return try (try outputs - y).square().sum().affine(scale: 0.5 / Double(examples))
        case .crossEntropy:
            let logProbabilities = try outputs.logSoftmax(axis: outputs.rank - 1)
            return try (try y * logProbabilities).sum().affine(scale: -1 / Double(examples))
        }
    }

    /// Targets of the outputs' shape: `targets` itself, or one-hot rows for integral class ids (built by
    /// gathering rows of a constant identity matrix, so no derivative flows into the ids).
    static func denseTargets(_ targets: Var, for outputs: Var) throws -> Var {
        if targets.shape == outputs.shape { return targets }
        guard let classes = outputs.shape.last, targets.shape == Array(outputs.shape.dropLast()) else {
            throw NNError("loss: targets \(describeShape(targets.shape)) fit neither outputs \(describeShape(outputs.shape)) nor their ids \(describeShape(Array(outputs.shape.dropLast())))")
        }
        var identity = Tensor(zeros: [classes, classes], dtype: outputs.dtype)
        for k in 0..<classes { identity.setScalar(1, at: k * classes + k) }
        return try outputs.graph.apply(.gatherRows, [outputs.graph.constant(identity), targets])
    }
}
