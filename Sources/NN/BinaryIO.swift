import Foundation
import Tensors

/// Bounds-checked little-endian reads from a byte buffer, for the parameter-file decoders. Every failure
/// names what was being read and where.
struct ByteReader {
    let bytes: [UInt8]
    /// What the bytes are, for messages (e.g. `safetensors header`).
    let context: String

    /// `count` bytes at `offset`, or an error naming the truncated `what`.
    func slice(_ offset: Int, _ count: Int, _ what: String) throws -> ArraySlice<UInt8> {
        guard offset >= 0, count >= 0, offset <= bytes.count, count <= bytes.count - offset else {
            throw NNError(file: "\(context): \(what) at byte \(offset) (\(count) bytes) runs past the end of the \(bytes.count)-byte data")
        }
        return bytes[offset..<(offset + count)]
    }

    /// An unsigned little-endian integer of `size` bytes (2, 4 or 8) at `offset`.
    func integer(_ offset: Int, size: Int, _ what: String) throws -> UInt64 {
        let s = try slice(offset, size, what)
        return s.reversed().reduce(0) { $0 << 8 | UInt64($1) }
    }

    func u64(_ offset: Int, _ what: String) throws -> UInt64 { try integer(offset, size: 8, what) }

    /// A tensor of `shape` and `dtype` whose raw little-endian elements start at `offset`.
    func tensor(_ offset: Int, shape: [Int], dtype: DType, _ what: String) throws -> Tensor {
        let count = shape.reduce(1, *) * dtype.byteSize
        let source = try slice(offset, count, what)
        var t = Tensor(zeros: shape, dtype: dtype)
        source.withUnsafeBytes { src in t.withMutableBytes { dst in if count > 0 { dst.copyMemory(from: src.baseAddress!, byteCount: count) } } }
        return t
    }
}

/// Little-endian appends to a byte buffer, for the parameter-file encoders.
extension Data {
    mutating func appendLittleEndian<T: FixedWidthInteger>(_ value: T) {
        Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) }
    }

    /// Appends a tensor's raw elements (the host is little-endian, as every platform samlab runs on).
    mutating func appendElements(of tensor: Tensor) {
        tensor.withBytes { append($0.assumingMemoryBound(to: UInt8.self), count: tensor.count * tensor.dtype.byteSize) }
    }
}

/// A JSON string literal for `s` (quotes, backslashes and control characters escaped): used for
/// safetensors headers and by the interpreter's JSON writer.
public func jsonString(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
        default: out.unicodeScalars.append(scalar)
        }
    }
    return out + "\""
}
