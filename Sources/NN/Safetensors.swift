import Foundation
import Tensors

/// The safetensors format (Hugging Face; read by PyTorch, JAX, Flax and `safetensors.numpy`):
///
/// 1. 8 bytes: `N`, the header length, unsigned little-endian;
/// 2. `N` bytes: a UTF-8 JSON object mapping each tensor name to
///    `{"dtype": "F32" | "F64", "shape": [...], "data_offsets": [begin, end]}` (byte offsets into the
///    data section), plus an optional `"__metadata__"` object of string values; samlab pads it with spaces
///    so the data section starts at a multiple of 8 bytes;
/// 3. the data section: each tensor's elements, row-major, little-endian, back to back.
///
/// samlab writes tensors in the order given (a model's layout order) and reads `F32` and `F64` tensors.
public enum Safetensors {
    /// The file bytes for named tensors (names must be distinct and not `__metadata__`).
    public static func encode(_ tensors: [(name: String, tensor: Tensor)], metadata: [String: String] = [:]) throws -> Data {
        var entries: [String] = []
        if !metadata.isEmpty {
            let fields = metadata.sorted { $0.key < $1.key }.map { jsonString($0.key) + ":" + jsonString($0.value) }
            entries.append("\"__metadata__\":{" + fields.joined(separator: ",") + "}")
        }
        var seen: Set<String> = ["__metadata__"]
        var offset = 0
        for (name, tensor) in tensors {
            guard seen.insert(name).inserted else { throw NNError(file: "safetensors: duplicate or reserved tensor name '\(name)'") }
            let end = offset + tensor.count * tensor.dtype.byteSize
            let shape = tensor.shape.map(String.init).joined(separator: ",")
            entries.append(jsonString(name) + ":{\"dtype\":\"\(dtypeCode(tensor.dtype))\",\"shape\":[\(shape)],\"data_offsets\":[\(offset),\(end)]}")
            offset = end
        }
        var header = Array(("{" + entries.joined(separator: ",") + "}").utf8)
        while (8 + header.count) % 8 != 0 { header.append(UInt8(ascii: " ")) }
        var data = Data(capacity: 8 + header.count + offset)
        data.appendLittleEndian(UInt64(header.count))
        data.append(contentsOf: header)
        for (_, tensor) in tensors { data.appendElements(of: tensor) }
        return data
    }

    /// The named tensors (in data-offset order) and metadata of a safetensors file's bytes.
    public static func decode(_ data: Data) throws -> (tensors: [(name: String, tensor: Tensor)], metadata: [String: String]) {
        let reader = ByteReader(bytes: [UInt8](data), context: "safetensors")
        let headerLength = try reader.u64(0, "header length")
        guard headerLength <= UInt64(reader.bytes.count - 8) else {
            throw NNError(file: "safetensors: header length \(headerLength) exceeds the \(reader.bytes.count)-byte file")
        }
        let dataStart = 8 + Int(headerLength)
        let headerBytes = try reader.slice(8, Int(headerLength), "header")
        guard let object = try? JSONSerialization.jsonObject(with: Data(headerBytes)), let header = object as? [String: Any] else {
            throw NNError(file: "safetensors: the header is not a JSON object")
        }
        var metadata: [String: String] = [:]
        var tensors: [(name: String, tensor: Tensor, begin: Int)] = []
        for (name, value) in header {
            if name == "__metadata__" {
                guard let m = value as? [String: String] else { throw NNError(file: "safetensors: __metadata__ must map strings to strings") }
                metadata = m
                continue
            }
            guard let info = value as? [String: Any], let code = info["dtype"] as? String,
                  let shape = info["shape"] as? [Int], let offsets = info["data_offsets"] as? [Int], offsets.count == 2 else {
                throw NNError(file: "safetensors: tensor '\(name)' lacks dtype, shape or data_offsets")
            }
            guard let dtype = dtype(forCode: code) else { throw NNError(file: "safetensors: tensor '\(name)' has dtype \(code); samlab reads F32 and F64") }
            let bytes = shape.reduce(1, *) * dtype.byteSize
            guard shape.allSatisfy({ $0 >= 0 }), offsets[0] >= 0, offsets[1] - offsets[0] == bytes else {
                throw NNError(file: "safetensors: tensor '\(name)' of shape \(describeShape(shape)) \(code) needs \(bytes) bytes, data_offsets \(offsets) hold \(offsets[1] - offsets[0])")
            }
            let tensor = try reader.tensor(dataStart + offsets[0], shape: shape, dtype: dtype, "tensor '\(name)'")
            tensors.append((name, tensor, offsets[0]))
        }
        tensors.sort { $0.begin < $1.begin }
        return (tensors.map { ($0.name, $0.tensor) }, metadata)
    }

    /// The safetensors dtype code: `F32` or `F64`.
    public static func dtypeCode(_ dtype: DType) -> String { dtype == .float32 ? "F32" : "F64" }

    static func dtype(forCode code: String) -> DType? {
        switch code {
        case "F32": return .float32
        case "F64": return .float64
        default: return nil
        }
    }
}
