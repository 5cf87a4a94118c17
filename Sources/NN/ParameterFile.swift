import Autodiff
import Foundation
import ProcessSupport
import Tensors
import Datasets

/// Saving and loading a model's flat parameter vector as named tensors, in safetensors (`.safetensors`)
/// or NumPy (`.npz`) files. Tensor names are the model's parameter names (``Model/parameterSpecs``), so
/// `safetensors.numpy.load_file(path)["dense_0.weight"]` or `numpy.load(path)["dense_0.weight"]` is
/// the first layer's `[in, out]` weight matrix.
///
/// Writes are atomic: the bytes go to a temporary file in the destination's directory, which is then
/// renamed over the destination, so a killed run never leaves half a file. Loading checks the file
/// against the layout and reports every missing name, unexpected name and shape mismatch at once.
public enum ParameterFile {
    /// The file formats.
    public enum Format: String, Sendable, CaseIterable {
        case safetensors, npz

        /// The format a path's extension names (`.safetensors` or `.npz`).
        public init(path: String) throws {
            switch URL(fileURLWithPath: path).pathExtension.lowercased() {
            case "safetensors": self = .safetensors
            case "npz": self = .npz
            default: throw NNError(file: "parameter file '\(path)': unknown extension (use .safetensors or .npz)")
            }
        }
    }

    /// Writes the parameter vector `parameters` (laid out by `layout`) to `path` in `format` (by default,
    /// the one the extension names). `metadata` goes into the safetensors header's `__metadata__` (npz
    /// files have no place for it and ignore it).
    public static func save(_ parameters: Tensor, layout: ParameterLayout, to path: String, format: Format? = nil,
                            metadata: [String: String] = [:]) throws {
        let tensors = try layout.unflatten(parameters)
        try write(zip(layout.entries, tensors).map { (name: $0.name, tensor: $1) }, to: path, format: format, metadata: metadata)
    }

    /// Reads a parameter vector for `layout` from `path` (format by extension unless given), converting
    /// the file's element type to `dtype` if they differ. Throws an ``NNError`` listing every missing
    /// name, unexpected name and shape mismatch when the file does not fit the layout.
    public static func load(from path: String, layout: ParameterLayout, dtype: DType = .float32, format: Format? = nil) throws -> Tensor {
        let named = try read(from: path, format: format)
        do { return try assemble(named, layout: layout, dtype: dtype, source: "parameter file '\(path)'") } catch let error as NNError {
            throw NNError(file: error.message)  // a file that does not fit the model
        }
    }

    /// The named tensors of a safetensors or npz file, in file order, each in its stored element type
    /// (float64 stays float64; npz integer arrays become float32). Throws an ``NNError`` naming the path.
    public static func read(from path: String, format: Format? = nil) throws -> [(name: String, tensor: Tensor)] {
        let resolved = try format ?? Format(path: path)
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw NNError(file: "parameter file '\(path)': cannot read: \(error.localizedDescription)")
        }
        do {
            switch resolved {
            case .safetensors: return try Safetensors.decode(data).tensors
            case .npz:
                let archive = try NPZArchive.decode([UInt8](data), path: path)
                return archive.names.map { name in
                    let array = archive.arrays[name]!
                    return (name, array.tensor(dtype: array.elementType == .float64 ? .float64 : .float32))
                }
            }
        } catch let e as NNError {
            throw NNError(file: "parameter file '\(path)': \(e.message)")
        } catch let e as DatasetError {
            throw NNError(file: "\(e)")
        }
    }

    /// Writes named tensors to `path` (format by extension unless given), atomically; what ``read(from:format:)``
    /// reads back bit for bit.
    public static func write(_ named: [(name: String, tensor: Tensor)], to path: String, format: Format? = nil,
                             metadata: [String: String] = [:]) throws {
        let data: Data
        switch try format ?? Format(path: path) {
        case .safetensors: data = try Safetensors.encode(named, metadata: metadata)
        case .npz:
            var writer = NPZWriter()
            for (name, tensor) in named { writer.add(name, tensor: tensor) }
            data = Data(try writer.encoded())
        }
        do { try AtomicFile.write(data, to: path) } catch {
            throw NNError(file: "parameter file '\(path)': cannot write: \(error.localizedDescription)")
        }
    }

    /// The flat vector holding `named` tensors in `layout` order, or an error naming every mismatch
    /// (missing names, unexpected names, shapes "x in the file vs y in the model"), prefixed by `source`.
    public static func assemble(_ named: [(name: String, tensor: Tensor)], layout: ParameterLayout, dtype: DType, source: String) throws -> Tensor {
        var byName: [String: Tensor] = [:]
        var problems: [String] = []
        for (name, tensor) in named {
            if byName.updateValue(tensor, forKey: name) != nil { problems.append("duplicate tensor '\(name)'") }
        }
        let expected = Set(layout.entries.map(\.name))
        let missing = layout.entries.map(\.name).filter { byName[$0] == nil }
        let unexpected = named.map(\.name).filter { !expected.contains($0) }
        if !missing.isEmpty { problems.append("missing \(missing.map { "'\($0)'" }.joined(separator: ", "))") }
        if !unexpected.isEmpty { problems.append("unexpected \(unexpected.map { "'\($0)'" }.joined(separator: ", "))") }
        for entry in layout.entries {
            if let t = byName[entry.name], t.shape != entry.shape {
                problems.append("'\(entry.name)' has shape \(describeShape(t.shape)) in the file but \(describeShape(entry.shape)) in the model")
            }
        }
        guard problems.isEmpty else { throw NNError("\(source) does not match the model: " + problems.joined(separator: "; ")) }
        return try layout.flatten(layout.entries.map { byName[$0.name]!.converted(to: dtype) })
    }
}
