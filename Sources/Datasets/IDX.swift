/// Reader of the IDX format that MNIST (and Fashion-MNIST) use: a big-endian header — magic number
/// `0x0000TTDD` (`TT` = element type, `08` for unsigned bytes; `DD` = number of dimensions), then one
/// 32-bit extent per dimension — followed by the elements in row-major order.
///
/// Files may be gzip-compressed (detected by the magic bytes `1f 8b`, not by the file name).
public enum IDX {
    /// Magic number of a rank-3 unsigned-byte file (images `[count, rows, cols]`): 2051 = `0x00000803`.
    public static let imagesMagic: UInt32 = 0x0000_0803
    /// Magic number of a rank-1 unsigned-byte file (labels `[count]`): 2049 = `0x00000801`.
    public static let labelsMagic: UInt32 = 0x0000_0801

    /// Unsigned-byte images read from an IDX3 file.
    public struct Images: Sendable {
        /// The number of images the header declares.
        public let declaredCount: Int
        /// The number of images read (the declared count, or fewer with a limit).
        public let count: Int
        /// Rows per image.
        public let rows: Int
        /// Columns per image.
        public let columns: Int
        /// The file content from its start (the 16-byte header, then `count · rows · columns` pixels).
        let bytes: [UInt8]
        /// Offset of the first pixel in `bytes`.
        static let headerSize = 16

        /// The pixels, image after image, each row-major.
        public var pixels: ArraySlice<UInt8> { bytes[Self.headerSize...] }
    }

    /// Reads an IDX3 image file; with `limit`, reads (and decompresses) only the first `limit` images.
    ///
    /// Throws ``DatasetError/wrongMagic(path:format:expected:found:)`` if the magic is not 2051,
    /// ``DatasetError/truncated(path:format:expectedBytes:actualBytes:detail:)`` if the file holds fewer
    /// pixels than needed (or, when reading everything, more than the header declares).
    public static func readImages(path: String, limit: Int? = nil) throws -> Images {
        let format = "IDX images"
        let (header, declared) = try readHeader(path: path, magic: imagesMagic, headerSize: Images.headerSize, format: format)
        let rows = Int(header.bigEndianUInt32(at: 8)), columns = Int(header.bigEndianUInt32(at: 12))
        let imageSize = rows * columns
        let count = min(declared, max(0, limit ?? declared))
        let full = count == declared
        let needed = Images.headerSize + count * imageSize
        let bytes = full ? try FileBytes.read(path) : try FileBytes.read(path, maxBytes: needed)
        if bytes.count < needed || (full && bytes.count != needed) {
            throw DatasetError.truncated(path: path, format: format, expectedBytes: needed, actualBytes: bytes.count,
                                        detail: "header 16 + \(count) images × \(rows) × \(columns)")
        }
        return Images(declaredCount: declared, count: count, rows: rows, columns: columns, bytes: bytes)
    }

    /// Reads an IDX1 label file as integers; with `limit`, only the first `limit` labels.
    ///
    /// Throws for a wrong magic (expected 2049) or a file shorter (or, when reading everything, longer) than
    /// its header declares. `declaredCount` is the header's count, which exceeds `labels.count` only when
    /// `limit` cut the read short.
    public static func readLabels(path: String, limit: Int? = nil) throws -> (declaredCount: Int, labels: [Int]) {
        let format = "IDX labels"
        let (_, declared) = try readHeader(path: path, magic: labelsMagic, headerSize: 8, format: format)
        let count = min(declared, max(0, limit ?? declared))
        let full = count == declared
        let needed = 8 + count
        let bytes = full ? try FileBytes.read(path) : try FileBytes.read(path, maxBytes: needed)
        if bytes.count < needed || (full && bytes.count != needed) {
            throw DatasetError.truncated(path: path, format: format, expectedBytes: needed, actualBytes: bytes.count,
                                        detail: "header 8 + \(count) labels")
        }
        return (declared, bytes[8..<needed].map { Int($0) })
    }

    /// The header bytes and the declared count (first extent), after checking length and magic.
    private static func readHeader(path: String, magic: UInt32, headerSize: Int, format: String) throws -> ([UInt8], Int) {
        let header = try FileBytes.read(path, maxBytes: headerSize)
        if header.count >= 4, header.bigEndianUInt32(at: 0) != magic {
            throw DatasetError.wrongMagic(path: path, format: format, expected: magic, found: header.bigEndianUInt32(at: 0))
        }
        guard header.count == headerSize else {
            throw DatasetError.truncated(path: path, format: format, expectedBytes: headerSize, actualBytes: header.count,
                                        detail: "the \(headerSize)-byte header")
        }
        return (header, Int(header.bigEndianUInt32(at: 4)))
    }
}
