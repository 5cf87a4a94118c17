import Foundation
import Tensors

/// One array in NumPy's `.npy` format: the magic `\x93NUMPY`, a version (1.0 with a 2-byte header length;
/// 2.0 and 3.0 with a 4-byte one), an ASCII header holding a Python dict literal
/// `{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }` padded with spaces to a multiple of 64
/// bytes and ended by `\n`, then the elements.
///
/// Supported element types are the little-endian `<f4`, `<f8`, `<i8`, `<i4` and the byte `|u1`, in C
/// (row-major) order — what `numpy.save` writes for float32, float64, int64, int32 and uint8 arrays on
/// every common machine. Tensor elements are copied as they lie in memory, which is little-endian on the
/// machines samlab runs on (x86-64, arm64).
public struct NPYArray: Sendable, Equatable {
    /// The element types this reader and writer handle, by their NumPy `descr`.
    public enum ElementType: String, Sendable, CaseIterable {
        case float32 = "<f4", float64 = "<f8", int64 = "<i8", int32 = "<i4", uint8 = "|u1"

        /// Bytes per element.
        public var byteSize: Int {
            switch self {
            case .float32, .int32: return 4
            case .float64, .int64: return 8
            case .uint8: return 1
            }
        }

        /// Whether elements are integers.
        public var isInteger: Bool { self == .int64 || self == .int32 || self == .uint8 }
    }

    /// The extent of each axis (`[]` for a scalar).
    public let shape: [Int]
    /// The element type.
    public let elementType: ElementType
    /// The elements' little-endian bytes, row-major.
    public let data: [UInt8]

    /// Number of elements.
    public var count: Int { shape.reduce(1, *) }

    /// An array from raw little-endian element bytes (`data.count` must be `count · byteSize`).
    public init(shape: [Int], elementType: ElementType, data: [UInt8]) {
        precondition(shape.reduce(1, *) * elementType.byteSize == data.count, "npy: \(data.count) bytes do not fill \(describeShape(shape)) \(elementType.rawValue)")
        self.shape = shape
        self.elementType = elementType
        self.data = data
    }

    /// The elements of a tensor (`<f4` for float32, `<f8` for float64), same shape.
    public init(_ tensor: Tensor) {
        self.init(shape: tensor.shape, elementType: tensor.dtype == .float32 ? .float32 : .float64,
                  data: Self.bytes(of: tensor, count: tensor.count * tensor.dtype.byteSize))
    }

    /// Integers as `<i8`; `shape` defaults to a vector.
    public init(integers: [Int], shape: [Int]? = nil) {
        let values = integers.map { Int64($0).littleEndian }
        self.init(shape: shape ?? [integers.count], elementType: .int64,
                  data: values.withUnsafeBytes { Array($0) })
    }

    /// Every element as `Double` (exact for all types except `<i8` beyond ±2⁵³).
    public var doubles: [Double] {
        data.withUnsafeBytes { raw in
            (0..<count).map { i -> Double in
                let at = i * elementType.byteSize
                switch elementType {
                case .float32: return Double(Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: UInt32.self))))
                case .float64: return Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: UInt64.self)))
                case .int64: return Double(Int64(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: Int64.self)))
                case .int32: return Double(Int32(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: Int32.self)))
                case .uint8: return Double(raw[at])
                }
            }
        }
    }

    /// The elements as a tensor of the same shape and the given dtype.
    public func tensor(dtype: DType = .float32) -> Tensor {
        try! Tensor(shape: shape, scalars: doubles, dtype: dtype)
    }

    // MARK: - Encoding and parsing

    /// The complete `.npy` file: version 1.0 header, padded so the data starts at a multiple of 64 bytes.
    public func encoded() -> [UInt8] {
        let shapeText = shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
        var header = "{'descr': '\(elementType.rawValue)', 'fortran_order': False, 'shape': \(shapeText), }"
        let unpadded = 6 + 2 + 2 + header.utf8.count + 1
        header += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
        let length = UInt16(header.utf8.count)
        return [0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(length & 0xFF), UInt8(length >> 8)] + Array(header.utf8) + data
    }

    /// Parses a `.npy` file's bytes; `path` and `name` (the array's name in its archive) go into errors.
    public static func parse(_ bytes: [UInt8], path: String, name: String) throws -> NPYArray {
        func malformed(_ reason: String) -> DatasetError {
            .malformedFile(path: path, format: "npy array '\(name)'", reason: reason)
        }
        guard bytes.count >= 10, bytes[0] == 0x93, Array(bytes[1..<6]) == Array("NUMPY".utf8) else {
            throw malformed("missing the \\x93NUMPY magic")
        }
        let major = bytes[6]
        let (lengthSize, headerLength): (Int, Int)
        switch major {
        case 1: (lengthSize, headerLength) = (2, Int(bytes.littleEndian(at: 8, width: 2)))
        case 2, 3:
            guard bytes.count >= 12 else { throw malformed("header length cut short") }
            (lengthSize, headerLength) = (4, Int(bytes.littleEndian(at: 8, width: 4)))
        default: throw malformed("unsupported format version \(major).\(bytes[7])")
        }
        let dataStart = 8 + lengthSize + headerLength
        guard bytes.count >= dataStart, let header = String(bytes: bytes[(8 + lengthSize)..<dataStart], encoding: major == 3 ? .utf8 : .ascii) else {
            throw malformed("header of \(headerLength) bytes is cut short or not text")
        }
        guard let descr = headerValue(header, key: "descr"), let order = headerValue(header, key: "fortran_order"),
              let shapeText = headerValue(header, key: "shape") else {
            throw malformed("header lacks 'descr', 'fortran_order' or 'shape': \(header.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        let descrValue = descr.trimmingCharacters(in: CharacterSet(charactersIn: "'\""))
        guard let type = ElementType(rawValue: descrValue), order == "False" else {
            throw DatasetError.unknownNPYDType(path: path, array: name, dtype: order == "False" ? descrValue : "\(descrValue) in Fortran order")
        }
        let inner = shapeText.trimmingCharacters(in: CharacterSet(charactersIn: "()"))
        let parts = inner.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let shape = try parts.map { part -> Int in
            guard let extent = Int(part), extent >= 0 else { throw malformed("shape \(shapeText) is not a tuple of extents") }
            return extent
        }
        let expected = shape.reduce(1, *) * type.byteSize
        guard bytes.count - dataStart == expected else {
            throw DatasetError.truncated(path: path, format: "npy array '\(name)'", expectedBytes: dataStart + expected, actualBytes: bytes.count,
                                        detail: "\(dataStart)-byte header + \(describeShape(shape)) × \(type.byteSize) bytes")
        }
        return NPYArray(shape: shape, elementType: type, data: Array(bytes[dataStart...]))
    }

    /// The raw text of a value in the header dict: a quoted string, a parenthesised tuple or a bare word.
    private static func headerValue(_ header: String, key: String) -> String? {
        guard let keyRange = header.range(of: "'\(key)'") ?? header.range(of: "\"\(key)\"") else { return nil }
        var rest = header[keyRange.upperBound...].drop { $0 == " " }
        guard rest.first == ":" else { return nil }
        rest = rest.dropFirst().drop { $0 == " " }
        guard let first = rest.first else { return nil }
        let end: String.Index?
        switch first {
        case "'", "\"": end = rest.dropFirst().firstIndex(of: first).map { rest.index(after: $0) }
        case "(": end = rest.firstIndex(of: ")").map { rest.index(after: $0) }
        case "[": return "[structured dtype]"
        default: end = rest.firstIndex { $0 == "," || $0 == "}" }
        }
        guard let end else { return nil }
        return String(rest[..<end]).trimmingCharacters(in: .whitespaces)
    }

    private static func bytes(of tensor: Tensor, count: Int) -> [UInt8] {
        switch tensor.dtype {
        case .float32: return tensor.withPointer(Float.self) { Array(UnsafeRawBufferPointer(start: $0, count: count)) }
        case .float64: return tensor.withPointer(Double.self) { Array(UnsafeRawBufferPointer(start: $0, count: count)) }
        }
    }
}
