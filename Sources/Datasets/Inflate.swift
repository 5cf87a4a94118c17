import CZlib

/// Decompression of gzip files and raw deflate streams with zlib, reporting failures as
/// ``DatasetError/corruptGzip(path:reason:)``.
enum Inflate {
    /// The two bytes every gzip member starts with.
    static let gzipMagic: [UInt8] = [0x1F, 0x8B]

    /// Whether `bytes` starts with the gzip magic bytes `1f 8b`.
    static func isGzip<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
        bytes.starts(with: gzipMagic)
    }

    /// The decompressed content of a gzip file (one member or several concatenated ones).
    ///
    /// With `maxOutput`, decompression stops as soon as that many bytes are produced (the result may be
    /// shorter if the stream ends first), so a reader that needs only a prefix does not inflate the whole
    /// file; the CRC of a member is checked only when its end is reached. Bytes after the last member that do
    /// not start another member are an error.
    static func gunzip(_ input: [UInt8], path: String, maxOutput: Int? = nil) throws -> [UInt8] {
        try run(input, windowBits: 15 + 16, format: "gzip", path: path, initialCapacity: input.count * 4, maxOutput: maxOutput, allowMembers: true)
    }

    /// The decompressed content of a raw deflate stream (no header, as in zip entries) whose size is known.
    static func inflateRaw(_ input: [UInt8], expectedSize: Int, path: String) throws -> [UInt8] {
        let out = try run(input, windowBits: -15, format: "deflate", path: path, initialCapacity: max(expectedSize, 1), maxOutput: expectedSize + 1, allowMembers: false)
        guard out.count == expectedSize else {
            throw DatasetError.corruptGzip(path: path, reason: "the deflate stream holds \(out.count) bytes, the archive says \(expectedSize)")
        }
        return out
    }

    /// CRC-32 (the zip and gzip checksum) of `bytes`.
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBytes { raw in
            var crc: uLong = CZlib.crc32(0, nil, 0)
            var offset = 0
            while offset < raw.count {
                let n = min(raw.count - offset, Int(UInt32.max))
                crc = CZlib.crc32(crc, raw.baseAddress!.assumingMemoryBound(to: Bytef.self) + offset, uInt(n))
                offset += n
            }
            return UInt32(truncatingIfNeeded: crc)
        }
    }

    private static func run(_ input: [UInt8], windowBits: Int32, format: String, path: String, initialCapacity: Int,
                            maxOutput: Int?, allowMembers: Bool) throws -> [UInt8] {
        guard input.count <= Int(UInt32.max) else {
            throw DatasetError.corruptGzip(path: path, reason: "\(format) input of \(input.count) bytes exceeds 4 GiB")
        }
        var stream = z_stream()
        guard inflateInit2_(&stream, windowBits, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw DatasetError.corruptGzip(path: path, reason: "zlib could not initialise")
        }
        defer { inflateEnd(&stream) }
        let limit = maxOutput ?? Int.max
        // Output goes to a raw buffer that doubles when full (no zero-filling), copied once into the result.
        var capacity = max(1, min(initialCapacity, limit))
        var output = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        defer { output.deallocate() }
        var produced = 0

        try input.withUnsafeBufferPointer { inBuffer in
            stream.next_in = UnsafeMutablePointer(mutating: inBuffer.baseAddress)
            stream.avail_in = uInt(inBuffer.count)
            while produced < limit {
                if produced == capacity {
                    capacity = min(2 * capacity, limit)
                    let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
                    larger.update(from: output, count: produced)
                    output.deallocate()
                    output = larger
                }
                let room = min(capacity - produced, Int(UInt32.max))
                stream.next_out = output + produced
                stream.avail_out = uInt(room)
                let status = inflate(&stream, Z_NO_FLUSH)
                produced += room - Int(stream.avail_out)
                switch status {
                case Z_OK:
                    continue
                case Z_STREAM_END:
                    let remaining = Int(stream.avail_in)
                    if remaining == 0 { return }
                    let rest = UnsafeBufferPointer(start: inBuffer.baseAddress! + (inBuffer.count - remaining), count: remaining)
                    guard allowMembers, isGzip(rest) else {
                        throw DatasetError.corruptGzip(path: path, reason: "\(remaining) unexpected bytes after the end of the \(format) stream")
                    }
                    inflateReset(&stream)
                case Z_BUF_ERROR where stream.avail_in == 0:
                    throw DatasetError.corruptGzip(path: path, reason: "the \(format) stream ends early after \(produced) decompressed bytes (truncated file?)")
                case Z_BUF_ERROR:
                    continue
                case Z_DATA_ERROR, Z_NEED_DICT:
                    let message = stream.msg.map { String(cString: $0) } ?? "invalid deflate data"
                    throw DatasetError.corruptGzip(path: path, reason: "\(format) stream: \(message) after \(produced) decompressed bytes")
                default:
                    throw DatasetError.corruptGzip(path: path, reason: "\(format) stream: zlib error \(status)")
                }
            }
        }
        let count = min(produced, limit)
        return [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            buffer.baseAddress?.update(from: output, count: count)
            initialized = count
        }
    }
}
