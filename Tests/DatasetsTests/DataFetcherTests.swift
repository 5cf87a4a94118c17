import XCTest
import ProcessSupport
import TestSupport
@testable import Datasets

/// `DataFetcher` end to end against real HTTP servers on 127.0.0.1, with data sets described like the
/// catalogue's (a plain file, a gzip file verified by its content, a tar.gz archive to unpack).
final class DataFetcherTests: XCTestCase {
    private var servers: [LocalHTTPServer] = []

    override func tearDown() {
        servers.forEach { $0.stop() }
        servers = []
    }

    private func serve(_ directory: String) throws -> LocalHTTPServer {
        let server = try LocalHTTPServer.serving(directory)
        servers.append(server)
        return server
    }

    private let quiet = ProgressDisplay(mode: .quiet, interval: 1)

    /// The files a mirror holds and a data set that describes them with their true digests.
    private func mirror() throws -> (TemporaryDirectory, RemoteDataset, content: [String: [UInt8]]) {
        let remote = try TemporaryDirectory()
        let text = Array("To be, or not to be: that is the question.\n".utf8)
        let labels = idxLabels([3, 1, 4, 1, 5])
        try remote.write("notes.txt", text)
        try remote.write("labels-idx1-ubyte.gz", gzipStored(labels))
        let first = Array(repeating: UInt8(7), count: 3073), second = Array(repeating: UInt8(2), count: 3073)
        try remote.write("staging/batches/first.bin", first)
        try remote.write("staging/batches/second.bin", second)
        let tar = Process()
        tar.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        tar.arguments = ["tar", "-czf", remote.path + "/archive.tar.gz", "-C", remote.path + "/staging", "batches"]
        try tar.run()
        tar.waitUntilExit()
        XCTAssertEqual(tar.terminationStatus, 0)
        let dataset = RemoteDataset(
            name: "toy", baseURL: "http://127.0.0.1:9/unused/", folder: "toy",
            files: [
                RemoteFile(name: "notes.txt", check: .file(sha256: SHA256.hex(text))),
                RemoteFile(name: "labels-idx1-ubyte.gz", check: .content(sha256: SHA256.hex(labels))),
                RemoteFile(name: "archive.tar.gz", check: .file(sha256: SHA256.hex(try FileBytes.raw(remote.path + "/archive.tar.gz"))),
                           extract: ["batches/first.bin", "batches/second.bin"]),
            ],
            fullSize: "5 labels", source: "a test")
        return (remote, dataset, ["notes.txt": text, "labels-idx1-ubyte.gz": gzipStored(labels), "first.bin": first, "second.bin": second])
    }

    func testFetchInstallsVerifiedFilesAndARerunKeepsThem() throws {
        let (remote, dataset, content) = try mirror()
        let server = try serve(remote.path)
        let local = try TemporaryDirectory()
        let fetcher = DataFetcher(root: local.path, mirror: server.baseURL, progress: quiet)
        let outcomes = try fetcher.fetch(dataset)
        XCTAssertEqual(outcomes.map(\.downloaded), [true, true, true])
        for (name, bytes) in content { XCTAssertEqual(try FileBytes.raw(local.path + "/toy/" + name), bytes, name) }
        XCTAssertFalse(FileManager.default.fileExists(atPath: local.path + "/toy/archive.tar.gz"), "an unpacked archive is not kept")
        XCTAssertEqual(DataFetcher.recordedDigests(in: local.path + "/toy")["first.bin"], SHA256.hex(content["first.bin"]!))
        XCTAssertEqual(try fetcher.fetch(dataset).map(\.downloaded), [false, false, false])

        // A changed installed file is downloaded again; leftovers of a killed download are removed.
        try local.write("toy/second.bin", [1, 2, 3])
        try local.write("toy/.notes.txt.part-99999", [9])
        XCTAssertEqual(try fetcher.fetch(dataset).map(\.downloaded), [false, false, true])
        XCTAssertEqual(try FileBytes.raw(local.path + "/toy/second.bin"), content["second.bin"])
        XCTAssertEqual(try hiddenParts(local.path + "/toy"), [])
    }

    func testAFlippedByteIsAChecksumErrorWithBothDigestsAndNothingInstalled() throws {
        let (remote, dataset, content) = try mirror()
        var flipped = content["notes.txt"]!
        flipped[5] ^= 0x01
        try remote.write("notes.txt", flipped)
        let server = try serve(remote.path)
        let local = try TemporaryDirectory()
        XCTAssertThrowsError(try DataFetcher(root: local.path, mirror: server.baseURL, progress: quiet).fetch(dataset)) { error in
            XCTAssertEqual(error as? FetchError, .checksumMismatch(url: server.baseURL + "notes.txt", what: "file",
                                                                   expected: SHA256.hex(content["notes.txt"]!), actual: SHA256.hex(flipped)))
            XCTAssertTrue("\(error)".contains("the download was deleted"))
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: local.path + "/toy"), [])
    }

    func testGzipContentIsVerifiedAfterDecompression() throws {
        let (remote, dataset, _) = try mirror()
        try remote.write("labels-idx1-ubyte.gz", gzipStored(idxLabels([3, 1, 4, 1, 6])))
        let server = try serve(remote.path)
        let local = try TemporaryDirectory()
        XCTAssertThrowsError(try DataFetcher(root: local.path, mirror: server.baseURL, progress: quiet).fetch(dataset)) { error in
            guard case .checksumMismatch(_, "decompressed content", _, _)? = error as? FetchError else { return XCTFail("\(error)") }
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: local.path + "/toy/labels-idx1-ubyte.gz"))
        XCTAssertTrue(FileManager.default.fileExists(atPath: local.path + "/toy/notes.txt"), "files verified before the bad one stay installed")
    }

    func testA404NamesTheURL() throws {
        let (_, dataset, _) = try mirror()
        let server = try serve(try TemporaryDirectory().path)
        let local = try TemporaryDirectory()
        XCTAssertThrowsError(try DataFetcher(root: local.path, mirror: server.baseURL, progress: quiet).fetch(dataset)) { error in
            XCTAssertEqual(error as? FetchError, .httpStatus(url: server.baseURL + "notes.txt", status: 404))
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: local.path + "/toy"), [])
    }

    func testAConnectionDroppedMidFileLeavesNothing() throws {
        let (_, dataset, _) = try mirror()
        let server = try LocalHTTPServer.droppingConnections(total: 100_000, sent: 30_000)
        servers.append(server)
        let local = try TemporaryDirectory()
        XCTAssertThrowsError(try DataFetcher(root: local.path, mirror: server.baseURL, progress: quiet).fetch(dataset)) { error in
            guard case .incomplete(let url, let received, let expected, _)? = error as? FetchError else { return XCTFail("\(error)") }
            XCTAssertEqual(url, server.baseURL + "notes.txt")
            XCTAssertEqual(expected, 100_000)
            XCTAssertLessThanOrEqual(received, 30_000)
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: local.path + "/toy"), [])
    }

    func testNoServerIsUnreachable() throws {
        let (_, dataset, _) = try mirror()
        let server = try serve(try TemporaryDirectory().path)
        let closed = server.baseURL
        server.stop()
        servers = []
        XCTAssertThrowsError(try DataFetcher(root: try TemporaryDirectory().path, mirror: closed, progress: quiet).fetch(dataset)) { error in
            guard case .unreachable(let url, _)? = error as? FetchError else { return XCTFail("\(error)") }
            XCTAssertEqual(url, closed + "notes.txt")
            XCTAssertTrue("\(error)".contains("--mirror"))
        }
    }

    func testALocalFolderServesAsAMirror() throws {
        let (remote, dataset, content) = try mirror()
        let local = try TemporaryDirectory()
        try DataFetcher(root: local.path, mirror: remote.path, progress: quiet).fetch(dataset)
        XCTAssertEqual(try FileBytes.raw(local.path + "/toy/first.bin"), content["first.bin"])
    }

    /// A full disk while writing: /dev/full answers every write with ENOSPC.
    func testAFullDiskIsAWriteError() throws {
        let fd = open("/dev/full", O_WRONLY)
        try XCTSkipIf(fd < 0, "no /dev/full")
        defer { close(fd) }
        XCTAssertThrowsError(try Download.writeAll(Data([1, 2, 3]), to: fd, path: "/dev/full")) { error in
            XCTAssertEqual(error as? FetchError, .write(path: "/dev/full", reason: "no space left on device (the disk is full)"))
        }
    }

    func testTheCatalogueNamesAndAliases() {
        XCTAssertEqual(DataCatalogue.all.map(\.name), ["mnist", "cifar10", "tiny_shakespeare"])
        XCTAssertEqual(DataCatalogue.entry(named: "shakespeare")?.name, "tiny_shakespeare")
        XCTAssertEqual(DataCatalogue.entry(named: "CIFAR-10")?.name, "cifar10")
        XCTAssertNil(DataCatalogue.entry(named: "imagenet"))
        // Installed names are what the loaders read.
        XCTAssertEqual(DataCatalogue.cifar10.files[0].installedNames.prefix(1), ["data_batch_1.bin"])
        XCTAssertTrue(CIFAR10.folders.contains(DataCatalogue.cifar10.folder))
        XCTAssertTrue(MNIST.folders.contains(DataCatalogue.mnist.folder))
        XCTAssertEqual(DataCatalogue.mnist.files.map(\.name), MNIST.Split.allCases.flatMap { [MNIST.imageFileNames($0)[0], MNIST.labelFileNames($0)[0]] })
    }

    private func hiddenParts(_ folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.contains(".part-") }
    }
}
