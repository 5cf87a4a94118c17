import Tensors

/// How the tensors of a parameter file exported by another framework are named and laid out, and their
/// translation to samlab's names (``MLP``: `dense_0.weight` as `[in, out]`, `dense_0.bias`).
///
/// | convention | names | dense weight |
/// | --- | --- | --- |
/// | `samlab` | `dense_0.weight`, `dense_0.bias` | `[in, out]` |
/// | `flax` | `params/Dense_0/kernel`, `Dense_0.bias` (any separator, any prefix) | `[in, out]` |
/// | `haiku` | `mlp/~/linear_0/w`, `linear_0/b` | `[in, out]` |
/// | `pytorch` | `layers.0.weight`, `0.bias`, `fc1.weight` (a `state_dict`) | `[out, in]`, transposed on load |
/// | `numbered` | `W0`, `b0`, `W1`, `b1` (also `w0`, `B0`) | `[in, out]` |
///
/// Layers are ordered by the numbers in their names (`layers.0` < `layers.2` < `layers.10`), whatever
/// gaps an `nn.Sequential` of activations leaves; ``auto`` recognises the convention from the names.
public enum ParameterNaming: String, Sendable, CaseIterable {
    case auto, samlab, flax, haiku, pytorch, numbered

    /// The convention `names` follow (for ``auto``): samlab's own names first, then the distinctive words
    /// `kernel` (Flax), `~` or a final `w` (Haiku), a final `weight` (PyTorch), `W0` (numbered).
    public static func detect(_ names: [String]) -> ParameterNaming {
        let lastComponents = names.map { components($0).last ?? "" }
        if names.allSatisfy({ $0.hasPrefix("dense_") && ($0.hasSuffix(".weight") || $0.hasSuffix(".bias")) }) { return .samlab }
        if lastComponents.contains("kernel") { return .flax }
        if names.contains(where: { $0.contains("~") }) || lastComponents.contains("w") { return .haiku }
        if lastComponents.contains("weight") { return .pytorch }
        return .numbered
    }

    /// One dense layer: its weight as `[in, out]` and its bias, if the file has one.
    public struct DenseLayer {
        public let weight: Tensor
        public let bias: Tensor?
    }

    /// The dense layers of `tensors`, in order, with weights as `[in, out]`. Throws an ``NNError`` naming
    /// the tensor that is neither a weight nor a bias of this convention, or a layer without a weight.
    public func denseLayers(_ tensors: [(name: String, tensor: Tensor)]) throws -> [DenseLayer] {
        let convention = self == .auto ? Self.detect(tensors.map(\.name)) : self
        var layers: [[Int]: (weight: Tensor?, bias: Tensor?, name: String)] = [:]
        for (name, tensor) in tensors {
            guard let (key, role) = convention.parse(name) else {
                throw NNError("tensor '\(name)' is not a dense weight or bias in the \(convention.rawValue) naming (\(convention.example))")
            }
            var layer = layers[key] ?? (nil, nil, name)
            switch role {
            case .weight:
                guard tensor.shape.count == 2 else { throw NNError("tensor '\(name)' is a weight but has shape \(describeShape(tensor.shape)), not [in, out]") }
                layer.weight = convention == .pytorch ? try tensor.transposed() : tensor
            case .bias:
                guard tensor.shape.count == 1 else { throw NNError("tensor '\(name)' is a bias but has shape \(describeShape(tensor.shape)), not [out]") }
                layer.bias = tensor
            }
            layers[key] = layer
        }
        return try layers.keys.sorted { $0.lexicographicallyPrecedes($1) }.map { key in
            let layer = layers[key]!
            guard let weight = layer.weight else { throw NNError("tensor '\(layer.name)' is a bias without a weight beside it") }
            if let bias = layer.bias, bias.shape[0] != weight.shape[1] {
                throw NNError("the layer of '\(layer.name)' has a weight of \(weight.shape[1]) outputs but a bias of \(bias.shape[0])")
            }
            return DenseLayer(weight: weight, bias: layer.bias)
        }
    }

    /// Dense layers under an MLP's parameter names (`dense_i.weight` `[in, out]`, `dense_i.bias`), ready
    /// for ``ParameterFile/assemble(_:layout:dtype:source:)``.
    public static func mlpParameters(_ layers: [DenseLayer]) -> [(name: String, tensor: Tensor)] {
        layers.enumerated().flatMap { i, layer in
            [("dense_\(i).weight", layer.weight)] + (layer.bias.map { [("dense_\(i).bias", $0)] } ?? [])
        }
    }

    private enum Role { case weight, bias }

    private var example: String {
        switch self {
        case .auto, .samlab: return "dense_0.weight, dense_0.bias"
        case .flax: return "Dense_0/kernel, Dense_0/bias"
        case .haiku: return "linear_0/w, linear_0/b"
        case .pytorch: return "layers.0.weight, layers.0.bias"
        case .numbered: return "W0, b0"
        }
    }

    /// The layer key (the numbers in the name, outermost first) and role of a tensor name.
    private func parse(_ name: String) -> ([Int], Role)? {
        let parts = Self.components(name)
        if self == .numbered {
            guard parts.count == 1, let first = name.first, let index = Int(name.dropFirst()) else { return nil }
            switch first {
            case "W", "w": return ([index], .weight)
            case "b", "B": return ([index], .bias)
            default: return nil
            }
        }
        guard let last = parts.last, parts.count >= 2 else { return nil }
        let roles: [String: Role]
        switch self {
        case .samlab, .pytorch, .auto: roles = ["weight": .weight, "bias": .bias]
        case .flax: roles = ["kernel": .weight, "bias": .bias]
        case .haiku: roles = ["w": .weight, "b": .bias]
        case .numbered: return nil
        }
        guard let role = roles[last] else { return nil }
        let key = parts.dropLast().compactMap { part in Int(part.reversed().prefix { $0.isNumber }.reversed().map(String.init).joined()) }
        return (key, role)
    }

    /// The name split at `.`, `/` and `~` separators.
    private static func components(_ name: String) -> [String] {
        name.split(whereSeparator: { $0 == "." || $0 == "/" || $0 == "~" }).map(String.init)
    }
}
