import NN

/// A layer of a `sequential` model (`dense(64)`, `conv2d(16)`, `residual([...])`), before its input shape
/// is known: it is sized, named and given parameters when the model meets its data.
public final class LayerValue: NativeObject, NamedNativeType {
    public static let nativeTypeName = "Layer"
    /// The engine's description of the layer.
    public let layer: Layer

    /// Wraps `layer`.
    public init(_ layer: Layer) { self.layer = layer }

    public var typeName: String { Self.nativeTypeName }

    /// E.g. `Layer(conv2d(16, 3x3))`.
    public var summary: String { "Layer(\(layer.summary))" }

    /// The layers of a list given to `sequential` or `residual`: layer values, the activation builtins
    /// (`relu`, `softplus`, …) or their names, and sequential models without parameters of their own
    /// (spliced in as blocks). `context` names the list in errors, e.g. `residual: layer 2 is …`.
    static func layers(_ values: [Value], context: String) throws -> [Layer] {
        try values.enumerated().map { index, value in
            switch value {
            case .native(let layer as LayerValue):
                return layer.layer
            case .function(.builtin(let builtin)):
                if let activation = Activation(rawValue: builtin.name) { return .activation(activation) }
            case .string(let name):
                if let activation = Activation(rawValue: name) { return .activation(activation) }
            case .native(let model as ModelValue):
                if case .sequential(let layers, _) = model.architecture, model.built == nil, model.parameters == nil, model.pendingParameters == nil {
                    return .sequential(layers)
                }
            default:
                break
            }
            throw RuntimeError("\(context)layer \(index) is \(describe(value)), not a layer",
                               hint: "a layer is dense(…), conv2d(…), layer_norm(), max_pool(…), avg_pool(…), flatten(), embedding(…), attention(…), residual([…]), "
                                   + "a sequential([…]) without params, or an activation: " + Activation.allCases.map(\.rawValue).joined(separator: ", "))
        }
    }

    private static func describe(_ value: Value) -> String {
        switch value {
        case .function(let function): return "the function '\(function.name)'"
        case .string(let text): return "the string \"\(text)\""
        case .native(let object): return object.summary
        default: return value.kindDescription
        }
    }
}
