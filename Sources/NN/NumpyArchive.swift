import Foundation
import Tensors

/// NumPy's `.npz` archives (`numpy.savez` / `numpy.load`): a ZIP file with one `.npy` entry per array,
/// named `<name>.npy` (NumPy strips the suffix, so `numpy.load(path)["dense_0.weight"]` works).
///
/// Each `.npy` entry (format 1.0) is the magic `\x93NUMPY`, version bytes 1 0, a 2-byte little-endian
/// header length, an ASCII Python-dict header such as
/// `{'descr': '<f4', 'fortran_order': False, 'shape': (784, 1000), }` padded with spaces and a newline so
/// the data starts at a multiple of 64 bytes, then the elements row-major and little-endian. Reading also
/// accepts format versions 2.0 and 3.0 (4-byte header length), `<f4` and `<f8` data in C order.
public enum NumpyArchive {
    /// The `.npz` bytes for named tensors (stored entries, in order).
    public static func encode(_ tensors: [(name: String, tensor: Tensor)]) throws -> Data {
        var seen: Set<String> = []
        for (name, _) in tensors where !seen.insert(name).inserted { throw NNError("npz: duplicate tensor name '\(name)'") }
        return try ZipArchive.store(tensors.map { ($0.name + ".npy", npy($0.tensor)) })
    }

    /// The named tensors of `.npz` bytes, in archive order (entry names without `.npy`).
    public static func decode(_ data: Data) throws -> [(name: String, tensor: Tensor)] {
        try ZipArchive.entries([UInt8](data)).map { name, contents in
            let arrayName = name.hasSuffix(".npy") ? String(name.dropLast(4)) : name
            return (arrayName, try array(Array(contents), name: arrayName))
        }
    }

    /// One tensor as a `.npy` file (format 1.0).
    public static func npy(_ tensor: Tensor) -> Data {
        let shape = tensor.shape.count == 1 ? "(\(tensor.shape[0]),)" : "(" + tensor.shape.map(String.init).joined(separator: ", ") + ")"
        var header = "{'descr': '\(tensor.dtype == .float32 ? "<f4" : "<f8")', 'fortran_order': False, 'shape': \(shape), }"
        let unpadded = 10 + header.utf8.count + 1
        header += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
        var data = Data([0x93] + Array("NUMPY".utf8) + [1, 0])
        data.appendLittleEndian(UInt16(header.utf8.count))
        data.append(contentsOf: Array(header.utf8))
        data.appendElements(of: tensor)
        return data
    }

    /// The tensor in `.npy` bytes; `name` is used in messages.
    public static func array(_ bytes: [UInt8], name: String) throws -> Tensor {
        let r = ByteReader(bytes: bytes, context: "npy '\(name)'")
        guard Array(try r.slice(0, 6, "magic")) == [0x93] + Array("NUMPY".utf8) else { throw NNError("npy '\(name)': not a .npy array (bad magic)") }
        let major = try r.slice(6, 1, "version")[6]
        let (headerLength, headerStart): (Int, Int)
        switch major {
        case 1: (headerLength, headerStart) = (try r.u16(8, "header length"), 10)
        case 2, 3: (headerLength, headerStart) = (try r.u32(8, "header length"), 12)
        default: throw NNError("npy '\(name)': unsupported format version \(major)")
        }
        let header = String(decoding: try r.slice(headerStart, headerLength, "header"), as: UTF8.self)
        let descr = try field("descr", in: header, name: name)
        let dtype: DType
        switch descr.trimmingCharacters(in: CharacterSet(charactersIn: "'\"")) {
        case "<f4": dtype = .float32
        case "<f8": dtype = .float64
        default: throw NNError("npy '\(name)': dtype \(descr) is not supported (samlab reads '<f4' and '<f8')")
        }
        guard try field("fortran_order", in: header, name: name) == "False" else {
            throw NNError("npy '\(name)': Fortran-ordered arrays are not supported (save a C-contiguous array)")
        }
        let shapeText = try field("shape", in: header, name: name).trimmingCharacters(in: CharacterSet(charactersIn: "()"))
        let shape = try shapeText.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.map { s -> Int in
            guard let n = Int(s.hasSuffix("L") ? String(s.dropLast()) : s), n >= 0 else { throw NNError("npy '\(name)': bad shape (\(shapeText))") }
            return n
        }
        let tensor = try r.tensor(headerStart + headerLength, shape: shape, dtype: dtype, "data")
        let expected = headerStart + headerLength + tensor.count * dtype.byteSize
        guard expected == bytes.count else {
            throw NNError("npy '\(name)': \(bytes.count - headerStart - headerLength) data bytes for shape \(describeShape(shape)) \(descr)")
        }
        return tensor
    }

    /// The raw text of `'key': value` in a `.npy` header dict (a tuple value keeps its parentheses).
    private static func field(_ key: String, in header: String, name: String) throws -> String {
        guard let keyRange = header.range(of: "'\(key)'") ?? header.range(of: "\"\(key)\""),
              let colon = header[keyRange.upperBound...].firstIndex(of: ":") else {
            throw NNError("npy '\(name)': header lacks '\(key)': \(header)")
        }
        let rest = header[header.index(after: colon)...].drop { $0 == " " }
        let end: String.Index
        if rest.first == "(" {
            guard let close = rest.firstIndex(of: ")") else { throw NNError("npy '\(name)': unterminated \(key) in \(header)") }
            end = rest.index(after: close)
        } else {
            end = rest.firstIndex { $0 == "," || $0 == "}" } ?? rest.endIndex
        }
        return String(rest[rest.startIndex..<end]).trimmingCharacters(in: .whitespaces)
    }
}
