import Foundation

/// A NumPy `.npz` file read into memory: a zip archive whose entries `NAME.npy` are ``NPYArray``s (what
/// `numpy.savez` and `numpy.savez_compressed` write).
///
/// The reader walks the zip central directory (so the sizes NumPy leaves as `0xFFFFFFFF` in local headers are
/// taken from the directory or its zip64 extra field), accepts *stored* (method 0) and *deflate* (method 8)
/// entries — the latter inflated with zlib's raw inflate — and checks every entry's CRC-32. Encrypted
/// entries and other compression methods are reported as malformed.
public struct NPZArchive: Sendable {
    /// The arrays by name (entry name without `.npy`).
    public let arrays: [String: NPYArray]
    /// Array names in archive order.
    public let names: [String]
    /// The file read.
    public let path: String

    /// The named array, or ``DatasetError/malformedFile(path:format:reason:)`` listing the names present.
    public func array(_ name: String) throws -> NPYArray {
        guard let array = arrays[name] else {
            throw DatasetError.malformedFile(path: path, format: "npz archive", reason: "no array '\(name)' (it holds: \(names.joined(separator: ", ")))")
        }
        return array
    }

    /// Reads and parses every array of the archive at `path`.
    public static func read(path: String) throws -> NPZArchive {
        try decode(try FileBytes.raw(path), path: path)
    }

    /// Parses every array of an archive's bytes; `path` names the source in errors.
    public static func decode(_ bytes: [UInt8], path: String) throws -> NPZArchive {
        var arrays: [String: NPYArray] = [:], names: [String] = []
        for entry in try ZipDirectory.entries(of: bytes, path: path) {
            let content = try ZipDirectory.content(of: entry, in: bytes, path: path)
            let name = entry.name.hasSuffix(".npy") ? String(entry.name.dropLast(4)) : entry.name
            arrays[name] = try NPYArray.parse(content, path: path, name: name)
            names.append(name)
        }
        return NPZArchive(arrays: arrays, names: names, path: path)
    }
}

/// The zip structures an npz reader needs: the end-of-central-directory record (plain or zip64), the
/// central directory entries, and the local headers in front of each entry's data.
enum ZipDirectory {
    struct Entry {
        let name: String
        let method: Int
        let flags: Int
        let crc: UInt32
        let compressedSize: Int
        let size: Int
        let localHeaderOffset: Int
    }

    static let localHeaderSignature: UInt32 = 0x0403_4B50
    static let centralHeaderSignature: UInt32 = 0x0201_4B50
    static let endSignature: UInt32 = 0x0605_4B50
    static let zip64EndSignature: UInt32 = 0x0606_4B50
    static let zip64LocatorSignature: UInt32 = 0x0706_4B50

    private static func malformed(_ path: String, _ reason: String) -> DatasetError {
        .malformedFile(path: path, format: "npz (zip) archive", reason: reason)
    }

    /// The central directory's entries, in order.
    static func entries(of bytes: [UInt8], path: String) throws -> [Entry] {
        func u(_ offset: Int, _ width: Int) throws -> Int {
            guard offset >= 0, offset + width <= bytes.count else { throw malformed(path, "a record runs past the end of the file") }
            return Int(bytes.littleEndian(at: offset, width: width))
        }
        // The end record is 22 bytes plus a comment of up to 65535 bytes, at the end of the file.
        let earliest = max(0, bytes.count - 22 - 65_535)
        guard bytes.count >= 22, let end = stride(from: bytes.count - 22, through: earliest, by: -1)
            .first(where: { bytes.littleEndian(at: $0, width: 4) == UInt64(endSignature) }) else {
            throw malformed(path, "no end-of-central-directory record (not a zip file)")
        }
        var entryCount = try u(end + 10, 2), directoryOffset = try u(end + 16, 4)
        if entryCount == 0xFFFF || directoryOffset == 0xFFFF_FFFF {
            let locator = end - 20
            guard locator >= 0, try u(locator, 4) == Int(zip64LocatorSignature) else { throw malformed(path, "zip64 end locator missing") }
            let record = try u(locator + 8, 8)
            guard try u(record, 4) == Int(zip64EndSignature) else { throw malformed(path, "zip64 end record missing") }
            entryCount = try u(record + 32, 8)
            directoryOffset = try u(record + 48, 8)
        }
        var entries: [Entry] = []
        var at = directoryOffset
        for _ in 0..<entryCount {
            guard try u(at, 4) == Int(centralHeaderSignature) else { throw malformed(path, "bad central directory entry at byte \(at)") }
            let nameLength = try u(at + 28, 2), extraLength = try u(at + 30, 2), commentLength = try u(at + 32, 2)
            guard at + 46 + nameLength <= bytes.count else { throw malformed(path, "entry name runs past the end of the file") }
            let name = String(decoding: bytes[(at + 46)..<(at + 46 + nameLength)], as: UTF8.self)
            var size = try u(at + 24, 4), compressed = try u(at + 20, 4), offset = try u(at + 42, 4)
            // Zip64 extra field (id 1): the 64-bit values of whichever fields above hold 0xFFFFFFFF, in this order.
            var extra = at + 46 + nameLength
            let extraEnd = extra + extraLength
            while extra + 4 <= extraEnd {
                let id = try u(extra, 2), length = try u(extra + 2, 2)
                if id == 1 {
                    var field = extra + 4
                    if size == 0xFFFF_FFFF { size = try u(field, 8); field += 8 }
                    if compressed == 0xFFFF_FFFF { compressed = try u(field, 8); field += 8 }
                    if offset == 0xFFFF_FFFF { offset = try u(field, 8) }
                }
                extra += 4 + length
            }
            entries.append(Entry(name: name, method: try u(at + 10, 2), flags: try u(at + 8, 2), crc: UInt32(try u(at + 16, 4)),
                                 compressedSize: compressed, size: size, localHeaderOffset: offset))
            at = extraEnd + commentLength
        }
        return entries
    }

    /// The decompressed, CRC-checked content of an entry.
    static func content(of entry: Entry, in bytes: [UInt8], path: String) throws -> [UInt8] {
        let header = entry.localHeaderOffset
        guard header + 30 <= bytes.count, bytes.littleEndian(at: header, width: 4) == UInt64(localHeaderSignature) else {
            throw malformed(path, "entry '\(entry.name)': no local header at byte \(header)")
        }
        let start = header + 30 + Int(bytes.littleEndian(at: header + 26, width: 2)) + Int(bytes.littleEndian(at: header + 28, width: 2))
        guard start + entry.compressedSize <= bytes.count else {
            throw DatasetError.truncated(path: path, format: "npz entry '\(entry.name)'", expectedBytes: start + entry.compressedSize,
                                        actualBytes: bytes.count, detail: "data of \(entry.compressedSize) bytes at offset \(start)")
        }
        guard entry.flags & 1 == 0 else { throw malformed(path, "entry '\(entry.name)' is encrypted") }
        let stored = Array(bytes[start..<(start + entry.compressedSize)])
        let content: [UInt8]
        switch entry.method {
        case 0: content = stored
        case 8: content = try Inflate.inflateRaw(stored, expectedSize: entry.size, path: "\(path) (entry '\(entry.name)')")
        default: throw malformed(path, "entry '\(entry.name)' uses compression method \(entry.method) (only stored and deflate are supported)")
        }
        guard content.count == entry.size else {
            throw malformed(path, "entry '\(entry.name)' holds \(content.count) bytes, the directory says \(entry.size)")
        }
        let crc = Inflate.crc32(content)
        guard crc == entry.crc else {
            throw malformed(path, "entry '\(entry.name)' fails its CRC-32 check (stored \(String(entry.crc, radix: 16)), computed \(String(crc, radix: 16)))")
        }
        return content
    }
}
