import Foundation
import ProcessSupport

/// What data is where: for each data set samlab reads, every search root (``DataLocator``) that holds it,
/// how many examples its files have, and whether they match a known SHA-256 — what `samlab data list` shows.
///
/// A file's reference digest is, in order: the root's `SHA256SUMS` (the starter data ships one), the
/// `.samlab-fetch.json` that `samlab data fetch` leaves in a dataset folder, or the digest ``DataCatalogue``
/// publishes for the full file.
public enum DataInventory {
    /// One data set found in one root.
    public struct Entry: Sendable, Equatable {
        /// `mnist`, `cifar10`, `tiny_shakespeare` or `digits`.
        public let dataset: String
        /// The root it was found in, and why that root is searched.
        public let root: DataLocator.Root
        /// The folder holding its files.
        public let folder: String
        /// What the files hold (`2000 train + 1000 test images`).
        public let contents: String
        /// `verified`, `unverified (…)` or `MODIFIED: …`.
        public let status: String
    }

    /// The data sets found by `locator`, in search order per data set.
    public static func entries(locator: DataLocator) -> [Entry] {
        var result: [Entry] = []
        for root in locator.searchRoots {
            let single = DataLocator(dataDir: root.path)
            for (dataset, survey) in surveys {
                guard let (files, contents) = try? survey(single) else { continue }
                let folder = (files[0] as NSString).deletingLastPathComponent
                result.append(Entry(dataset: dataset, root: root, folder: folder, contents: contents,
                                    status: status(of: files, root: root.path)))
            }
        }
        return result.sorted { ($0.dataset, index(of: $0.root, in: locator)) < ($1.dataset, index(of: $1.root, in: locator)) }
    }

    private static func index(of root: DataLocator.Root, in locator: DataLocator) -> Int {
        locator.searchRoots.firstIndex(of: root) ?? 0
    }

    /// Per data set: the files found under one root and a description of what they hold (throws when absent).
    private static let surveys: [(String, (DataLocator) throws -> ([String], String))] = [
        ("mnist", { locator in
            var files: [String] = [], counts: [String] = []
            for split in MNIST.Split.allCases {
                guard let images = try? locator.locate(dataset: "mnist", folders: MNIST.folders, names: MNIST.imageFileNames(split)) else { continue }
                files.append(images)
                if let labels = try? locator.locate(dataset: "mnist", folders: MNIST.folders, names: MNIST.labelFileNames(split)) { files.append(labels) }
                counts.append("\(try IDX.readImages(path: images, limit: 0).declaredCount) \(split.rawValue)")
            }
            guard !files.isEmpty else { throw DatasetError.invalidArgument("no mnist") }
            return (files, counts.joined(separator: " + ") + " images")
        }),
        ("cifar10", { locator in
            var files: [String] = [], counts: [String] = []
            for split in CIFAR10.Split.allCases {
                guard var first = try? locator.locate(dataset: "cifar10", folders: CIFAR10.folders, names: CIFAR10.fileNames(split)) else { continue }
                var paths = [first]
                if first.hasSuffix("/data_batch_1.bin") {
                    first = String(first.dropLast("data_batch_1.bin".count))
                    paths = (1...5).map { "\(first)data_batch_\($0).bin" }.filter { FileManager.default.fileExists(atPath: $0) }
                }
                let bytes = paths.map { (try? FileManager.default.attributesOfItem(atPath: $0)[.size] as? Int) ?? 0 }.reduce(0, +)
                files += paths
                counts.append("\(bytes / CIFAR10.recordSize) \(split.rawValue)")
            }
            guard !files.isEmpty else { throw DatasetError.invalidArgument("no cifar10") }
            return (files, counts.joined(separator: " + ") + " images")
        }),
        ("tiny_shakespeare", { locator in
            let path = try locator.locate(dataset: "tiny_shakespeare", folders: CharacterCorpus.tinyShakespeareFolders, names: ["input.txt", "input.txt.gz"])
            let bytes = try FileBytes.read(path)
            return ([path], "\(bytes.count) characters, \(bytes.lazy.filter { $0 == 10 }.count) lines")
        }),
        ("digits", { locator in
            let path = try locator.locate(dataset: "digits", folders: Digits.folders, names: Digits.fileNames)
            return ([path], "\(try Digits.load(path: path).count) images")
        }),
    ]

    /// `verified` when every file matches its reference digest; `MODIFIED: …` naming the first that does not.
    private static func status(of files: [String], root: String) -> String {
        let sums = checksumFile(in: root)
        var unverified: [String] = []
        for path in files {
            guard let bytes = try? FileBytes.raw(path) else { return "MODIFIED: cannot read \(path)" }
            let name = (path as NSString).lastPathComponent
            let relative = path.hasPrefix(root + "/") ? String(path.dropFirst(root.count + 1)) : name
            let digest = SHA256.hex(bytes)
            if let expected = sums[relative] ?? DataFetcher.recordedDigests(in: (path as NSString).deletingLastPathComponent)[name] {
                if digest != expected { return "MODIFIED: \(relative) has SHA-256 \(digest), expected \(expected)" }
                continue
            }
            if let published = publishedCheck(name) {
                switch published {
                case .file(let expected) where digest == expected: continue
                case .content(let expected) where (try? Inflate.gunzip(bytes, path: path)).map(SHA256.hex) == expected: continue
                default: return "MODIFIED: \(relative) does not match the published SHA-256"
                }
            }
            unverified.append(relative)
        }
        return unverified.isEmpty ? "verified" : "unverified (no known SHA-256 for \(unverified.joined(separator: ", ")))"
    }

    private static func publishedCheck(_ name: String) -> RemoteFile.Check? {
        DataCatalogue.all.lazy.flatMap(\.files).first { $0.extract.isEmpty && $0.name == name }?.check
    }

    /// `SHA256SUMS` in `sha256sum` format (`DIGEST  PATH`), by path relative to the root.
    private static func checksumFile(in root: String) -> [String: String] {
        guard let text = try? String(contentsOfFile: root + "/SHA256SUMS", encoding: .utf8) else { return [:] }
        var sums: [String: String] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 1)
            guard parts.count == 2 else { continue }
            var path = parts[1].trimmingCharacters(in: .whitespaces)
            if path.hasPrefix("*") { path.removeFirst() }
            if path.hasPrefix("./") { path.removeFirst(2) }
            sums[path] = String(parts[0])
        }
        return sums
    }
}
