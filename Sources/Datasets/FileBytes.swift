import Foundation
import ProcessSupport

/// Reading whole files (or prefixes of them) as bytes, with transparent gzip decompression.
enum FileBytes {
    /// The content of `path`; if the file starts with the gzip magic bytes `1f 8b` it is decompressed
    /// first. With `maxBytes`, at most that many (decompressed) bytes are returned and no more than needed is
    /// read or inflated.
    static func read(_ path: String, maxBytes: Int? = nil) throws -> [UInt8] {
        let head = try raw(path, maxBytes: 2)
        if Inflate.isGzip(head) {
            return try Inflate.gunzip(raw(path), path: path, maxOutput: maxBytes)
        }
        return try raw(path, maxBytes: maxBytes)
    }

    /// The bytes of `path` as stored on disk (at most `maxBytes` of them).
    static func raw(_ path: String, maxBytes: Int? = nil) throws -> [UInt8] {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw DatasetError.fileAccess(path: path, reason: "cannot read: " + String(cString: strerror(errno))) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw DatasetError.fileAccess(path: path, reason: "cannot read: " + String(cString: strerror(errno))) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw DatasetError.fileAccess(path: path, reason: "cannot read: not a regular file") }
        let size = min(Int(info.st_size), maxBytes ?? Int.max)
        var failure: Int32 = 0
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            count = 0
            while count < size {
                let n = Foundation.read(fd, buffer.baseAddress! + count, size - count)
                if n < 0 && errno == EINTR { continue }
                if n < 0 { failure = errno; break }
                if n == 0 { break }
                count += n
            }
        }
        if failure != 0 { throw DatasetError.fileAccess(path: path, reason: "cannot read: " + String(cString: strerror(failure))) }
        return bytes
    }

    /// Writes `bytes` to `path` atomically: into a temporary file in the same directory, then renamed over
    /// the destination, so a killed process never leaves half a file.
    static func writeAtomically(_ bytes: [UInt8], to path: String) throws {
        do {
            try AtomicFile.write(Data(bytes), to: path)
        } catch {
            throw DatasetError.fileAccess(path: path, reason: "cannot write: \(error.localizedDescription)")
        }
    }
}

/// Big-endian and little-endian integer decoding from byte arrays.
extension Array where Element == UInt8 {
    /// The big-endian `UInt32` at `offset` (caller checks bounds).
    func bigEndianUInt32(at offset: Int) -> UInt32 {
        UInt32(self[offset]) << 24 | UInt32(self[offset + 1]) << 16 | UInt32(self[offset + 2]) << 8 | UInt32(self[offset + 3])
    }

    /// The little-endian unsigned integer of `width` bytes (at most 8) at `offset` (caller checks bounds).
    func littleEndian(at offset: Int, width: Int) -> UInt64 {
        var value: UInt64 = 0
        for i in stride(from: width - 1, through: 0, by: -1) { value = value << 8 | UInt64(self[offset + i]) }
        return value
    }
}
