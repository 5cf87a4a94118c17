import Foundation
import SamLanguage
import Tensors
import NN

/// `load("file.safetensors" | "file.npz")`: parameter files as values — a record of named tensors, in file
/// order, each with its shape and dtype — that `save` writes back bit for bit and models accept as `params:`.
extension BuiltinRegistry {
    static func registerParameterBuiltins(into registry: inout BuiltinRegistry) {
        registry.register(
            "load",
            parameters: [.init("path", .string, doc: "a .safetensors or .npz file; a relative path is looked up in the current directory, beside the script, then in the results directory")],
            returns: .record,
            doc: """
                Reads named tensors from a safetensors or npz file (what PyTorch, JAX/Flax, Haiku and samlab's own save write) as a record \\
                in file order: p["dense_0.weight"], p.W0, keys(p). Tensors keep their dtype (float64 stays float64). Give it to a model \\
                with mlp(params: p, names: "auto"|"samlab"|"flax"|"haiku"|"pytorch"|"numbered"), cnn(params: p) or transformer(params: p).
                """) { call in
            let path = try call.string("path")
            let named = try ParameterFile.read(from: inputPath(path, in: call.context))
            return .record(Record(named.map { ($0.name, Value.tensor($0.tensor)) }))
        }
    }

    /// The named tensors of a `params:` argument (a record of tensors, e.g. from `load`), or nil when absent.
    static func givenParameters(_ call: BuiltinCall) throws -> [(name: String, tensor: Tensor)]? {
        guard let value = try call.optionalValue("params") else { return nil }
        guard case .record(let record) = value else {
            throw call.error("params must be a record of tensors (e.g. load(\"weights.npz\")), not \(value.kindDescription)", argument: "params")
        }
        return try record.fields.map { field in
            guard case .tensor(let tensor) = field.value else {
                throw call.error("params field '\(field.name)' is \(field.value.kindDescription), not a tensor", argument: "params")
            }
            return (field.name, tensor)
        }
    }

    /// The `names:` convention of a model builtin.
    static func parameterNaming(_ call: BuiltinCall) throws -> ParameterNaming {
        let text = try call.string("names")
        guard let naming = ParameterNaming(rawValue: text) else {
            throw call.error("unknown parameter naming '\(text)'", argument: "names",
                             hint: "one of " + ParameterNaming.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return naming
    }
}
