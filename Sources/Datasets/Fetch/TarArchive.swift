/// The regular files of a tar archive (POSIX ustar, with GNU long names and pax `path` records), read
/// from its bytes in memory — enough to unpack the archives data sets are published as.
struct TarArchive {
    /// Regular-file members by path, as byte ranges of the archive.
    private(set) var members: [String: Range<Int>] = [:]
    /// The archive's bytes.
    let bytes: [UInt8]

    /// Indexes the members of `bytes`; throws a description of the first malformed header.
    init(bytes: [UInt8]) throws {
        self.bytes = bytes
        var offset = 0
        var pendingName: String?
        while offset + 512 <= bytes.count {
            let header = bytes[offset..<offset + 512]
            if header.allSatisfy({ $0 == 0 }) { break }
            guard let size = Self.number(header, 124, 12) else { throw TarError("malformed size field in the header at byte \(offset)") }
            let dataStart = offset + 512
            guard dataStart + size <= bytes.count else { throw TarError("member at byte \(offset) runs past the end of the archive") }
            let type = header[header.startIndex + 156]
            let data = dataStart..<dataStart + size
            switch type {
            case UInt8(ascii: "L"):   // GNU long name: the data is the next member's path
                pendingName = Self.string(bytes[data])
            case UInt8(ascii: "x"):   // pax extended header: `LEN path=VALUE\n` records
                pendingName = Self.paxPath(bytes[data]) ?? pendingName
            case 0, UInt8(ascii: "0"):
                var name = Self.string(header[header.startIndex..<header.startIndex + 100])
                let prefix = Self.string(header[header.startIndex + 345..<header.startIndex + 500])
                if Self.string(header[header.startIndex + 257..<header.startIndex + 262]) == "ustar" && !prefix.isEmpty { name = prefix + "/" + name }
                members[pendingName ?? name] = data
                pendingName = nil
            default:
                pendingName = nil
            }
            offset = dataStart + (size + 511) / 512 * 512
        }
    }

    /// The bytes of the member at `path` (leading `./` ignored), if present.
    func member(_ path: String) -> ArraySlice<UInt8>? {
        guard let range = members[path] ?? members["./" + path] else { return nil }
        return bytes[range]
    }

    /// An octal field (NUL/space terminated), or GNU base-256 when the high bit of the first byte is set.
    private static func number(_ header: ArraySlice<UInt8>, _ start: Int, _ length: Int) -> Int? {
        let field = header[header.startIndex + start..<header.startIndex + start + length]
        if let first = field.first, first & 0x80 != 0 {
            return field.dropFirst().reduce(Int(first & 0x7f)) { $0 << 8 | Int($1) }
        }
        let digits = field.prefix { $0 != 0 && $0 != 32 }.drop { $0 == 32 }
        if digits.isEmpty { return 0 }
        return Int(String(decoding: digits, as: UTF8.self), radix: 8)
    }

    private static func string(_ bytes: ArraySlice<UInt8>) -> String {
        String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
    }

    private static func paxPath(_ bytes: ArraySlice<UInt8>) -> String? {
        for record in String(decoding: bytes, as: UTF8.self).split(separator: "\n") {
            guard let space = record.firstIndex(of: " ") else { continue }
            let field = record[record.index(after: space)...]
            if field.hasPrefix("path=") { return String(field.dropFirst(5)) }
        }
        return nil
    }
}

/// A malformed tar archive.
struct TarError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
