import Foundation

/// The minimal ZIP container `.npz` files use: entries *stored* (no compression), each with its CRC-32,
/// then a central directory and its end record (PKWARE APPNOTE 4.3).
///
/// Writing uses a fixed modification time (1980-01-01 00:00, the DOS epoch) so equal contents give
/// byte-identical files. Reading takes sizes and offsets from the central directory, understands the
/// ZIP64 extensions Python's `zipfile` writes (NumPy's `savez` forces them), verifies every CRC-32 and
/// rejects compressed entries (`numpy.savez_compressed`) with a message saying so.
enum ZipArchive {
    private static let localHeaderSignature: UInt32 = 0x0403_4B50
    private static let centralHeaderSignature: UInt32 = 0x0201_4B50
    private static let endSignature: UInt32 = 0x0605_4B50
    private static let zip64EndSignature: UInt32 = 0x0606_4B50
    private static let zip64LocatorSignature: UInt32 = 0x0706_4B50
    private static let dosDate: UInt16 = (0 << 9) | (1 << 5) | 1

    /// An archive holding `entries` (name, contents) stored uncompressed, in order.
    static func store(_ entries: [(name: String, contents: Data)]) throws -> Data {
        var archive = Data()
        var central = Data()
        for (name, contents) in entries {
            let nameBytes = Array(name.utf8)
            guard contents.count < 0xFFFF_FFFF, archive.count < 0xFFFF_FFFF, nameBytes.count < 0xFFFF else {
                throw NNError("npz: entry '\(name)' does not fit a ZIP file without ZIP64 (4 GiB limit)")
            }
            let crc = CRC32.checksum(contents)
            let offset = UInt32(archive.count)
            archive.appendLittleEndian(localHeaderSignature)
            appendCommonFields(&archive, crc: crc, size: UInt32(contents.count), nameLength: nameBytes.count)
            archive.append(contentsOf: nameBytes)
            archive.append(contents)

            central.appendLittleEndian(centralHeaderSignature)
            central.appendLittleEndian(UInt16(20))  // version made by: 2.0, MS-DOS attributes
            appendCommonFields(&central, crc: crc, size: UInt32(contents.count), nameLength: nameBytes.count)
            central.appendLittleEndian(UInt16(0))  // comment length
            central.appendLittleEndian(UInt16(0))  // disk number
            central.appendLittleEndian(UInt16(0))  // internal attributes
            central.appendLittleEndian(UInt32(0))  // external attributes
            central.appendLittleEndian(offset)
            central.append(contentsOf: nameBytes)
        }
        guard entries.count < 0xFFFF, archive.count + central.count < 0xFFFF_FFFF else {
            throw NNError("npz: \(entries.count) entries of \(archive.count) bytes do not fit a ZIP file without ZIP64")
        }
        let centralOffset = UInt32(archive.count)
        archive.append(central)
        archive.appendLittleEndian(endSignature)
        archive.appendLittleEndian(UInt16(0))  // this disk
        archive.appendLittleEndian(UInt16(0))  // disk with the central directory
        archive.appendLittleEndian(UInt16(entries.count))
        archive.appendLittleEndian(UInt16(entries.count))
        archive.appendLittleEndian(UInt32(central.count))
        archive.appendLittleEndian(centralOffset)
        archive.appendLittleEndian(UInt16(0))  // comment length
        return archive
    }

    /// Version needed, flags, method, time, date, CRC, sizes, name and extra lengths: the fields local and
    /// central headers share.
    private static func appendCommonFields(_ data: inout Data, crc: UInt32, size: UInt32, nameLength: Int) {
        data.appendLittleEndian(UInt16(20))  // version needed to extract: 2.0
        data.appendLittleEndian(UInt16(0))  // flags
        data.appendLittleEndian(UInt16(0))  // method: stored
        data.appendLittleEndian(UInt16(0))  // time 00:00:00
        data.appendLittleEndian(dosDate)
        data.appendLittleEndian(crc)
        data.appendLittleEndian(size)  // compressed size
        data.appendLittleEndian(size)  // uncompressed size
        data.appendLittleEndian(UInt16(nameLength))
        data.appendLittleEndian(UInt16(0))  // extra field length
    }

    /// The entries (name, contents) of an archive, in central-directory order.
    static func entries(_ bytes: [UInt8]) throws -> [(name: String, contents: ArraySlice<UInt8>)] {
        let r = ByteReader(bytes: bytes, context: "npz")
        let (count, centralOffset) = try centralDirectory(r)
        var result: [(name: String, contents: ArraySlice<UInt8>)] = []
        var p = centralOffset
        for _ in 0..<count {
            guard try r.u32(p, "central directory entry") == centralHeaderSignature else {
                throw NNError("npz: no central directory entry at byte \(p)")
            }
            let flags = try r.u16(p + 8, "flags"), method = try r.u16(p + 10, "compression method")
            let crc = UInt32(try r.u32(p + 16, "CRC-32"))
            var compressed = UInt64(try r.u32(p + 20, "compressed size"))
            var size = UInt64(try r.u32(p + 24, "size"))
            let nameLength = try r.u16(p + 28, "name length"), extraLength = try r.u16(p + 30, "extra length")
            let commentLength = try r.u16(p + 32, "comment length")
            var localOffset = UInt64(try r.u32(p + 42, "local header offset"))
            let name = String(decoding: try r.slice(p + 46, nameLength, "entry name"), as: UTF8.self)
            try readZip64Extra(r, from: p + 46 + nameLength, length: extraLength, size: &size, compressed: &compressed, offset: &localOffset)
            guard method == 0 else {
                throw NNError("npz: entry '\(name)' is compressed (method \(method)); samlab reads stored entries only (numpy.savez, not savez_compressed)")
            }
            guard flags & 1 == 0 else { throw NNError("npz: entry '\(name)' is encrypted") }
            guard compressed == size, size < UInt64(Int.max), localOffset < UInt64(Int.max) else {
                throw NNError("npz: entry '\(name)' has inconsistent sizes \(compressed) and \(size)")
            }
            let local = Int(localOffset)
            guard try r.u32(local, "local header of '\(name)'") == localHeaderSignature else {
                throw NNError("npz: entry '\(name)': no local header at byte \(local)")
            }
            let start = local + 30 + (try r.u16(local + 26, "name length")) + (try r.u16(local + 28, "extra length"))
            let contents = try r.slice(start, Int(size), "contents of '\(name)'")
            guard CRC32.checksum(contents) == crc else { throw NNError("npz: entry '\(name)' fails its CRC-32 check (corrupt file)") }
            result.append((name, contents))
            p += 46 + nameLength + extraLength + commentLength
        }
        return result
    }

    /// The number of entries and the offset of the central directory, from the (ZIP64) end record.
    private static func centralDirectory(_ r: ByteReader) throws -> (count: Int, offset: Int) {
        let n = r.bytes.count
        guard n >= 22 else { throw NNError("npz: \(n) bytes are too few for a ZIP file") }
        var end = n - 22
        let lowest = max(0, n - 22 - 0xFFFF)
        while end >= lowest, try r.u32(end, "end record") != endSignature { end -= 1 }
        guard end >= lowest else { throw NNError("npz: not a ZIP file (no end-of-central-directory record)") }
        let count = try r.u16(end + 10, "entry count"), offset = try r.u32(end + 16, "central directory offset")
        if count != 0xFFFF && offset != 0xFFFF_FFFF { return (count, offset) }
        // ZIP64: the locator just before the end record points at the ZIP64 end record.
        guard end >= 20, try r.u32(end - 20, "ZIP64 locator") == zip64LocatorSignature else {
            throw NNError("npz: ZIP64 end record expected but its locator is missing")
        }
        let record = Int(clamping: try r.u64(end - 12, "ZIP64 end record offset"))
        guard try r.u32(record, "ZIP64 end record") == zip64EndSignature else { throw NNError("npz: no ZIP64 end record at byte \(record)") }
        return (Int(clamping: try r.u64(record + 32, "ZIP64 entry count")), Int(clamping: try r.u64(record + 48, "ZIP64 central directory offset")))
    }

    /// Applies a central entry's ZIP64 extra field (id 1): 8-byte values for those of size, compressed
    /// size and offset that are saturated (0xFFFFFFFF), in that order.
    private static func readZip64Extra(_ r: ByteReader, from start: Int, length: Int, size: inout UInt64, compressed: inout UInt64, offset: inout UInt64) throws {
        var p = start
        while p + 4 <= start + length {
            let id = try r.u16(p, "extra field id"), fieldLength = try r.u16(p + 2, "extra field length")
            if id == 1 {
                var q = p + 4
                for field in [0, 1, 2] {
                    let saturated = field == 0 ? size == 0xFFFF_FFFF : field == 1 ? compressed == 0xFFFF_FFFF : offset == 0xFFFF_FFFF
                    guard saturated, q + 8 <= p + 4 + fieldLength else { continue }
                    let value = try r.u64(q, "ZIP64 extra value")
                    switch field {
                    case 0: size = value
                    case 1: compressed = value
                    default: offset = value
                    }
                    q += 8
                }
            }
            p += 4 + fieldLength
        }
    }
}

/// CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), as ZIP uses.
enum CRC32 {
    private static let table: [UInt32] = (0..<256).map { n -> UInt32 in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    /// The checksum of `bytes` (a `Data` or a byte array slice).
    static func checksum<C: ContiguousBytes>(_ bytes: C) -> UInt32 {
        bytes.withUnsafeBytes { buffer in
            table.withUnsafeBufferPointer { t in
                var crc: UInt32 = 0xFFFF_FFFF
                for byte in buffer { crc = t[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
                return crc ^ 0xFFFF_FFFF
            }
        }
    }
}
