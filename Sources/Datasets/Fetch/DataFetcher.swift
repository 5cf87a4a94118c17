import Foundation
import ProcessSupport

/// Downloads the data sets of ``DataCatalogue`` into a data root, verifies every file's SHA-256 and installs
/// it atomically in the layout the loaders read (`ROOT/mnist/train-images-idx3-ubyte.gz`,
/// `ROOT/cifar10/data_batch_1.bin`, `ROOT/tiny_shakespeare/input.txt`).
///
/// A download goes to a hidden `.NAME.part-PID` file beside its destination and is renamed into place only
/// once verified, so a killed fetch never leaves half a file under a real name; the next fetch deletes such
/// leftovers and starts that file again. A file already installed and verified is not downloaded again.
/// Each dataset folder gets a `.samlab-fetch.json` recording the source and the installed files' SHA-256,
/// which `samlab data list` checks.
public struct DataFetcher {
    /// The data root files are installed in.
    public let root: String
    /// Replaces each data set's ``RemoteDataset/baseURL`` (an `http(s)://` or `file://` URL, or a folder path).
    public let mirror: String?
    /// Where progress is shown.
    public let progress: ProgressDisplay

    /// The name of the record each dataset folder gets.
    public static let manifestName = ".samlab-fetch.json"

    /// What happened to one file.
    public struct FileOutcome: Sendable, Equatable {
        /// The installed path (for an archive, its dataset folder).
        public let path: String
        /// Whether it was downloaded now (false: it was already there and verified).
        public let downloaded: Bool
        /// Bytes downloaded (0 when it was already there).
        public let bytes: Int64
    }

    /// A fetcher installing into `root` (default: the user's data cache).
    public init(root: String = DataLocator.userDataDirectory(), mirror: String? = nil, progress: ProgressDisplay = ProgressDisplay(quiet: false)) {
        self.root = root
        self.mirror = mirror
        self.progress = progress
    }

    /// Installs every file of `dataset`; throws ``FetchError`` (nothing half-written is left).
    @discardableResult
    public func fetch(_ dataset: RemoteDataset) throws -> [FileOutcome] {
        let folder = root + "/" + dataset.folder
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw FetchError.write(path: folder, reason: (error as NSError).localizedDescription)
        }
        removeLeftoverParts(in: folder)
        var recorded = Self.recordedDigests(in: folder)
        var outcomes: [FileOutcome] = []
        for file in dataset.files {
            if try isInstalled(file, in: folder, recorded: recorded) {
                outcomes.append(FileOutcome(path: file.extract.isEmpty ? folder + "/" + file.name : folder, downloaded: false, bytes: 0))
                continue
            }
            let base = mirror.map { $0.hasSuffix("/") ? $0 : $0 + "/" } ?? dataset.baseURL
            let (bytes, digests) = try download(file, from: base + file.name, into: folder, label: "\(dataset.name) \(file.name)")
            recorded.merge(digests) { _, new in new }
            try writeManifest(recorded, dataset: dataset, source: base, in: folder)
            outcomes.append(FileOutcome(path: file.extract.isEmpty ? folder + "/" + file.name : folder, downloaded: true, bytes: bytes))
        }
        return outcomes
    }

    /// Downloads, verifies and installs one file; returns the bytes downloaded and the installed files' digests.
    private func download(_ file: RemoteFile, from url: String, into folder: String, label: String) throws -> (Int64, [String: String]) {
        let part = "\(folder)/.\(file.name).part-\(getpid())"
        let fd = open(part, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw FetchError.write(path: part, reason: String(cString: strerror(errno))) }
        var keepPart = false
        defer { if !keepPart { unlink(part) } }
        let started = ProcessInfo.processInfo.systemUptime
        let result: Download.Result
        do {
            defer { close(fd) }
            result = try Download.fetch(url, into: fd, path: part) { received, total in
                progress.update(Self.progressLine(label, received: received, total: total, seconds: ProcessInfo.processInfo.systemUptime - started))
            }
            guard fsync(fd) == 0 else { throw FetchError.write(path: part, reason: String(cString: strerror(errno))) }
        }
        progress.finish()
        let stored = try FileBytes.raw(part)
        switch file.check {
        case .file(let expected):
            guard result.sha256 == expected else { throw FetchError.checksumMismatch(url: url, what: "file", expected: expected, actual: result.sha256) }
        case .content(let expected):
            let content: [UInt8]
            do { content = try Inflate.gunzip(stored, path: url) } catch {
                throw FetchError.checksumMismatch(url: url, what: "decompressed content; the file is not valid gzip",
                                                  expected: expected, actual: result.sha256 + " (of the file as downloaded)")
            }
            let actual = SHA256.hex(content)
            guard actual == expected else { throw FetchError.checksumMismatch(url: url, what: "decompressed content", expected: expected, actual: actual) }
        }
        guard !file.extract.isEmpty else {
            let destination = folder + "/" + file.name
            guard rename(part, destination) == 0 else { throw FetchError.write(path: destination, reason: String(cString: strerror(errno))) }
            keepPart = true   // renamed: nothing left to delete
            return (result.bytes, [file.name: result.sha256])
        }
        return (result.bytes, try unpack(file, archive: stored, url: url, into: folder))
    }

    /// Extracts `file.extract` from a gzip-compressed tar archive into `folder` (each member atomically).
    private func unpack(_ file: RemoteFile, archive stored: [UInt8], url: String, into folder: String) throws -> [String: String] {
        let tar: TarArchive
        do { tar = try TarArchive(bytes: try Inflate.gunzip(stored, path: url)) } catch {
            throw FetchError.badArchive(url: url, reason: "not a gzip-compressed tar archive: \(error)")
        }
        var digests: [String: String] = [:]
        for (member, name) in zip(file.extract, file.installedNames) {
            guard let content = tar.member(member) else { throw FetchError.badArchive(url: url, reason: "the archive has no member \(member)") }
            let destination = folder + "/" + name
            do { try AtomicFile.write(Data(content), to: destination) } catch {
                throw FetchError.write(path: destination, reason: (error as NSError).localizedDescription)
            }
            digests[name] = SHA256.hex(content)
        }
        return digests
    }

    /// Whether every file `file` installs is present and matches its published or recorded digest.
    private func isInstalled(_ file: RemoteFile, in folder: String, recorded: [String: String]) throws -> Bool {
        for name in file.installedNames {
            let path = folder + "/" + name
            guard FileManager.default.fileExists(atPath: path), let bytes = try? FileBytes.raw(path) else { return false }
            let digest = SHA256.hex(bytes)
            if file.extract.isEmpty, case .file(let expected) = file.check { if digest != expected { return false } else { continue } }
            if file.extract.isEmpty, case .content(let expected) = file.check {
                guard let content = try? Inflate.gunzip(bytes, path: path), SHA256.hex(content) == expected else { return false }
                continue
            }
            guard recorded[name] == digest else { return false }
        }
        return true
    }

    private func removeLeftoverParts(in folder: String) {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where name.hasPrefix(".") && name.contains(".part-") {
            unlink(folder + "/" + name)
        }
    }

    private func writeManifest(_ digests: [String: String], dataset: RemoteDataset, source: String, in folder: String) throws {
        let record: [String: Any] = ["dataset": dataset.name, "source": source, "sha256": digests]
        let path = folder + "/" + Self.manifestName
        do {
            try AtomicFile.write(try JSONSerialization.data(withJSONObject: record, options: [.prettyPrinted, .sortedKeys]), to: path)
        } catch {
            throw FetchError.write(path: path, reason: (error as NSError).localizedDescription)
        }
    }

    /// The SHA-256 digests a folder's `.samlab-fetch.json` records, by file name (empty when there is none).
    public static func recordedDigests(in folder: String) -> [String: String] {
        guard let data = FileManager.default.contents(atPath: folder + "/" + manifestName),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let digests = object["sha256"] as? [String: String] else { return [:] }
        return digests
    }

    private static func progressLine(_ label: String, received: Int64, total: Int64?, seconds: Double) -> String {
        let mb = { (bytes: Int64) in String(format: "%.1f", Double(bytes) / 1e6) }
        let rate = seconds > 0 ? String(format: " %.1f MB/s", Double(received) / 1e6 / seconds) : ""
        guard let total, total > 0 else { return "\(label) \(mb(received)) MB\(rate)" }
        return "\(label) \(ProgressDisplay.bar(fraction: Double(received) / Double(total))) \(mb(received))/\(mb(total)) MB\(rate)"
    }
}
