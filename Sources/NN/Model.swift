import Foundation
import Autodiff
import Tensors

/// A network whose parameters are named tensors laid out in one flat vector, and whose forward pass is
/// traced into an autodiff ``Graph`` so that its loss has exact gradients and Hessian-vector products.
///
/// Conformers describe their parameters (``parameterSpecs``, in flat order, with stable documented
/// names) and implement ``apply(parameters:input:)``; everything else (layout, initial parameters,
/// counts) follows. Inputs are batches: `[N] + inputShape`; outputs are `[N] + outputShape`.
public protocol Model: Sendable, CustomStringConvertible {
    /// The parameter tensors, in the order they sit in the flat vector.
    var parameterSpecs: [ParameterSpec] { get }
    /// The shape of one example (without the batch axis).
    var inputShape: [Int] { get }
    /// The shape of one example's output (without the batch axis); its last extent is ``outputSize``.
    var outputShape: [Int] { get }
    /// Traces the forward pass: `parameters` in layout order, `input` of shape `[N] + inputShape`;
    /// returns outputs (logits, or regression outputs) of shape `[N] + outputShape`.
    func apply(parameters: [Var], input: Var) throws -> Var
}

extension Model {
    /// Where each parameter tensor sits in the flat vector.
    public var layout: ParameterLayout { ParameterLayout(parameterSpecs.map { ($0.name, $0.shape) }) }

    /// The number of scalar parameters.
    public var parameterCount: Int { parameterSpecs.reduce(0) { $0 + $1.shape.reduce(1, *) } }

    /// The number of outputs per example (classes, or vocabulary size for sequence models).
    public var outputSize: Int { outputShape.last ?? 1 }

    /// The parameter names, in flat order.
    public var parameterNames: [String] { parameterSpecs.map(\.name) }

    /// A flat parameter vector drawn from each tensor's initialiser. Each tensor has its own random stream
    /// derived from `seed` and its name (``ParameterSpec/stream(seed:)``), so the same seed always gives
    /// the same values, and changing one layer does not change the others' initial values.
    public func initialParameters(seed: UInt64, dtype: DType = .float32) -> Tensor {
        let specs = parameterSpecs
        return try! layout.flatten(specs.map { $0.initialValue(seed: seed, dtype: dtype) })
    }

    /// Throws unless `input` has shape `[N] + inputShape` for some `N`; returns `N`.
    public func checkInput(_ input: Var) throws -> Int {
        guard input.rank == inputShape.count + 1, Array(input.shape.dropFirst()) == inputShape else {
            throw NNError("\(description): input \(describeShape(input.shape)) is not [N] + \(describeShape(inputShape))")
        }
        return input.shape[0]
    }
}

/// Formats a parameter count compactly: `1,234` below a million, `2.79M` above.
func formatCount(_ n: Int) -> String {
    if n >= 1_000_000 { return String(format: "%.2fM", Double(n) / 1e6) }
    var digits = Array(String(n))
    var i = digits.count - 3
    while i > 0 { digits.insert(",", at: i); i -= 3 }
    return String(digits)
}
