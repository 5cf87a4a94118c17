import Tensors

/// Writes NumPy `.npz` archives that `numpy.load` reads: a zip archive of *stored* (uncompressed) entries
/// `NAME.npy`, each an ``NPYArray`` in `.npy` version 1.0, with CRC-32 checksums, a central directory and
/// no zip64 records (so every entry and the whole archive must stay below 4 GiB).
///
/// ```swift
/// var writer = NPZWriter()
/// writer.add("x", tensor: inputs)
/// writer.add("y", integers: labels)
/// try writer.write(to: "data.npz")
/// ```
public struct NPZWriter: Sendable {
    /// The arrays to write, in order.
    public private(set) var entries: [(name: String, array: NPYArray)] = []

    /// An empty archive.
    public init() {}

    /// Adds (or replaces) an array.
    public mutating func add(_ name: String, _ array: NPYArray) {
        if let i = entries.firstIndex(where: { $0.name == name }) { entries[i].array = array } else { entries.append((name, array)) }
    }

    /// Adds a tensor as `<f4` (float32) or `<f8` (float64).
    public mutating func add(_ name: String, tensor: Tensor) { add(name, NPYArray(tensor)) }

    /// Adds integers as `<i8`; `shape` defaults to a vector.
    public mutating func add(_ name: String, integers: [Int], shape: [Int]? = nil) { add(name, NPYArray(integers: integers, shape: shape)) }

    /// The archive's bytes. Throws ``DatasetError/invalidArgument(_:)`` if it would need zip64 (an entry or
    /// the archive at 4 GiB or more, or 65,535 entries or more).
    public func encoded() throws -> [UInt8] {
        var archive: [UInt8] = [], directory: [UInt8] = []
        guard entries.count < 0xFFFF else { throw DatasetError.invalidArgument("npz: \(entries.count) arrays exceed a plain zip's 65,534 entries") }
        for (name, array) in entries {
            let content = array.encoded()
            let fileName = Array("\(name).npy".utf8)
            let offset = archive.count
            guard content.count < 0xFFFF_FFFF, offset + content.count + fileName.count + 30 < 0xFFFF_FFFF else {
                throw DatasetError.invalidArgument("npz: array '\(name)' would put the archive beyond 4 GiB (zip64 is not written)")
            }
            let crc = Inflate.crc32(content)
            let utf8Flag: UInt64 = fileName.allSatisfy { $0 < 0x80 } ? 0 : 0x0800
            // Shared fields: version needed 2.0, flags, method 0 (stored), DOS time 00:00, date 1980-01-01,
            // CRC-32, compressed size, uncompressed size, name length.
            let common: [(UInt64, Int)] = [(20, 2), (utf8Flag, 2), (0, 2), (0, 2), (0x21, 2), (UInt64(crc), 4),
                                           (UInt64(content.count), 4), (UInt64(content.count), 4), (UInt64(fileName.count), 2)]
            append(&archive, [(UInt64(ZipDirectory.localHeaderSignature), 4)] + common + [(0, 2)])
            archive += fileName
            archive += content
            // Central entry: signature, version made by 2.0, the shared fields, extra, comment, disk, internal
            // and external attributes, local header offset.
            append(&directory, [(UInt64(ZipDirectory.centralHeaderSignature), 4), (20, 2)] + common
                   + [(0, 2), (0, 2), (0, 2), (0, 2), (0, 4), (UInt64(offset), 4)])
            directory += fileName
        }
        let directoryOffset = archive.count
        guard directoryOffset + directory.count < 0xFFFF_FFFF else {
            throw DatasetError.invalidArgument("npz: the archive would exceed 4 GiB (zip64 is not written)")
        }
        archive += directory
        append(&archive, [(UInt64(ZipDirectory.endSignature), 4), (0, 2), (0, 2), (UInt64(entries.count), 2), (UInt64(entries.count), 2),
                          (UInt64(directory.count), 4), (UInt64(directoryOffset), 4), (0, 2)])
        return archive
    }

    /// Writes the archive to `path` atomically (temporary file, then rename).
    public func write(to path: String) throws {
        try FileBytes.writeAtomically(encoded(), to: path)
    }

    /// Appends little-endian fields given as (value, byte width).
    private func append(_ bytes: inout [UInt8], _ fields: [(UInt64, Int)]) {
        for (value, width) in fields {
            for i in 0..<width { bytes.append(UInt8(truncatingIfNeeded: value >> (8 * UInt64(i)))) }
        }
    }
}
