import Foundation
import Tensors

/// The descent rule a step applies to the gradient it is given (the exact gradient, or SAM's gradient at
/// the ascent point).
public enum BaseRule: Sendable, Equatable {
    /// Gradient descent / SGD with optional heavy-ball or Nesterov momentum and L2 weight decay, PyTorch's
    /// convention: `b ← μ·b + (g + λw)`, `d = g + λw + μ·b` (Nesterov) or `d = b`, `w ← w − η·d`.
    /// With μ = 0 and λ = 0 this is plain `w ← w − η·g`.
    case sgd(momentum: Double, nesterov: Bool, weightDecay: Double)
    /// Adam (Kingma & Ba) with bias correction; `weightDecay` is decoupled (AdamW) when `decoupled`, else
    /// added to the gradient as L2.
    case adam(beta1: Double, beta2: Double, epsilon: Double, weightDecay: Double, decoupled: Bool)

    /// Plain gradient descent.
    public static let gd = BaseRule.sgd(momentum: 0, nesterov: false, weightDecay: 0)

    /// Checks the rule's hyper-parameters.
    public func validate() throws {
        switch self {
        case .sgd(let momentum, let nesterov, let wd):
            try Optimizers.validate("momentum", momentum, allowZero: true, atMost: 1)
            try Optimizers.validate("weight_decay", wd, allowZero: true)
            if nesterov && momentum == 0 { throw OptimizerError("nesterov momentum needs momentum > 0") }
        case .adam(let b1, let b2, let eps, let wd, _):
            try Optimizers.validate("beta1", b1, allowZero: true, atMost: 1)
            try Optimizers.validate("beta2", b2, allowZero: true, atMost: 1)
            try Optimizers.validate("eps", eps)
            try Optimizers.validate("weight_decay", wd, allowZero: true)
        }
    }

    /// Whether this rule keeps state between steps (momentum or moment estimates).
    var hasState: Bool {
        switch self {
        case .sgd(let momentum, _, _): return momentum > 0
        case .adam: return true
        }
    }

    /// The state a rule keeps: momentum buffer, or Adam's first and second moments and step count.
    struct State {
        var first: Tensor?
        var second: Tensor?
        var steps = 0
    }

    /// Applies one update to `w` with gradient `g` and learning rate `lr`.
    func apply(to w: inout Tensor, gradient g: Tensor, learningRate lr: Double, state: inout State) {
        switch w.dtype {
        case .float32: update(Float.self, &w, g, lr, &state)
        case .float64: update(Double.self, &w, g, lr, &state)
        }
    }

    private func update<T: TensorScalar>(_: T.Type, _ w: inout Tensor, _ g: Tensor, _ lr: Double, _ state: inout State) {
        let n = w.count
        switch self {
        case .sgd(let momentum, let nesterov, let weightDecay):
            if momentum == 0 && weightDecay == 0 {
                w.addScaled(g, -lr)
                return
            }
            if state.first == nil { state.first = Tensor(zeros: w.shape, dtype: w.dtype) }
            let mu = T(momentum), wd = T(weightDecay), eta = T(lr)
            g.withPointer(T.self) { pg in
                state.first!.withMutablePointer(T.self) { b in
                    w.withMutablePointer(T.self) { pw in
                        for i in 0..<n {
                            let d = pg[i] + wd * pw[i]
                            if momentum == 0 { pw[i] -= eta * d; continue }
                            b[i] = mu * b[i] + d
                            pw[i] -= eta * (nesterov ? d + mu * b[i] : b[i])
                        }
                    }
                }
            }
        case .adam(let beta1, let beta2, let epsilon, let weightDecay, let decoupled):
            if state.first == nil { state.first = Tensor(zeros: w.shape, dtype: w.dtype); state.second = state.first }
            state.steps += 1
            let t = Double(state.steps)
            let c1 = T(1 / (1 - pow(beta1, t))), c2 = T(1 / (1 - pow(beta2, t)))
            let b1 = T(beta1), b2 = T(beta2), eps = T(epsilon), eta = T(lr), wd = T(weightDecay)
            g.withPointer(T.self) { pg in
                state.first!.withMutablePointer(T.self) { m in
                    state.second!.withMutablePointer(T.self) { v in
                        w.withMutablePointer(T.self) { pw in
                            for i in 0..<n {
                                let gi = decoupled ? pg[i] : pg[i] + wd * pw[i]
                                m[i] = b1 * m[i] + (1 - b1) * gi
                                v[i] = b2 * v[i] + (1 - b2) * gi * gi
                                let step = (m[i] * c1) / ((v[i] * c2).squareRoot() + eps)
                                pw[i] -= eta * (decoupled ? step + wd * pw[i] : step)
                            }
                        }
                    }
                }
            }
        }
    }
}
