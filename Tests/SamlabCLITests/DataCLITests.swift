import XCTest
import TestSupport

/// `samlab data fetch` and `samlab data list` with the real catalogue, against a local HTTP server, and the
/// starter data reached from outside the checkout.
final class DataCLITests: XCTestCase {
    private var harness = CLIHarness()
    private var servers: [LocalHTTPServer] = []
    /// The published SHA-256 of tiny_shakespeare's input.txt.
    private let shakespeareSHA256 = "86c4e6aa9db7c042ec79f339dcb96d42b0075e16b8fc2e86bf0ca57e2dc565ed"

    override func tearDown() {
        servers.forEach { $0.stop() }
        harness.remove()
    }

    /// A folder holding tiny_shakespeare's `input.txt` (decompressed from the starter data), served over HTTP.
    private func shakespeareMirror(flipByte: Bool = false) throws -> LocalHTTPServer {
        let folder = harness.directory + "/mirror-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let gunzip = Process()
        gunzip.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        gunzip.arguments = ["sh", "-c", "gzip -dc '\(CLIHarness.dataDirectory)/tiny_shakespeare/input.txt.gz' > '\(folder)/input.txt'"]
        try gunzip.run()
        gunzip.waitUntilExit()
        if flipByte {
            var bytes = try Data(contentsOf: URL(fileURLWithPath: folder + "/input.txt"))
            bytes[1000] ^= 0x20
            try bytes.write(to: URL(fileURLWithPath: folder + "/input.txt"))
        }
        let server = try LocalHTTPServer.serving(folder)
        servers.append(server)
        return server
    }

    func testFetchInstallsTheVerifiedFileAndTheLoaderUsesIt() throws {
        let server = try shakespeareMirror()
        let root = harness.directory + "/cache"
        let fetched = try harness.run(["data", "fetch", "tiny_shakespeare", "--mirror", server.baseURL, "--dir", root, "--quiet"])
        XCTAssertEqual(fetched.status, 0, fetched.output)
        XCTAssertTrue(fetched.output.contains("tiny_shakespeare: downloaded 1.1 MB, SHA-256 verified in \(root)/tiny_shakespeare"), fetched.output)
        let again = try harness.run(["data", "fetch", "shakespeare", "--mirror", server.baseURL, "--dir", root, "--quiet"])
        XCTAssertTrue(again.output.contains("already installed and verified"), again.output)

        let list = try harness.run(["data", "list", "--dir", root])
        XCTAssertEqual(list.status, 0, list.output)
        XCTAssertTrue(list.output.contains("explicit: \(root)/tiny_shakespeare\n    1115394 characters, 40000 lines; verified"), list.output)

        let script = harness.write("text.sam", "let corpus = shakespeare()\nprint(corpus)\n")
        let run = try harness.run(["run", script, "--quiet"], environment: ["SAMLAB_DATA": root])
        XCTAssertEqual(run.status, 0, run.output)
        XCTAssertTrue(run.output.contains("tiny_shakespeare"), run.output)
    }

    func testAFlippedByteExits74WithTheFileAndBothDigests() throws {
        let server = try shakespeareMirror(flipByte: true)
        let root = harness.directory + "/cache"
        let result = try harness.run(["data", "fetch", "tiny_shakespeare", "--mirror", server.baseURL, "--dir", root, "--quiet"])
        XCTAssertEqual(result.status, 74, result.output)
        XCTAssertTrue(result.output.contains("\(server.baseURL)input.txt: SHA-256 mismatch"), result.output)
        XCTAssertTrue(result.output.contains("expected \(shakespeareSHA256), got "), result.output)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: root + "/tiny_shakespeare"), [], "nothing is left")
    }

    func testMissingFilesAndUnknownNames() throws {
        let server = try LocalHTTPServer.serving(harness.directory)
        servers.append(server)
        let missing = try harness.run(["data", "fetch", "mnist", "--mirror", server.baseURL, "--dir", harness.directory + "/cache", "--quiet"])
        XCTAssertEqual(missing.status, 74, missing.output)
        XCTAssertTrue(missing.output.contains("cannot download \(server.baseURL)train-images-idx3-ubyte.gz: the server answered HTTP 404"), missing.output)
        let unknown = try harness.run(["data", "fetch", "imagenet"])
        XCTAssertEqual(unknown.status, 64, unknown.output)
        XCTAssertTrue(unknown.output.contains("unknown data set 'imagenet'; samlab data fetch knows mnist, cifar10, tiny_shakespeare"), unknown.output)
    }

    /// From a directory outside the checkout, with no $SAMLAB_DATA and an empty home, the starter data is
    /// found from the executable; a limit beyond it says where the data is and how to get the rest.
    func testStarterDataFromAnyDirectoryAndItsLimit() throws {
        let home = harness.directory + "/home"
        let environment = ["SAMLAB_DATA": "", "HOME": home, "XDG_DATA_HOME": ""]
        let script = harness.write("starter.sam", "let d = mnist(limit: 2000, test: 1000)\nprint(d)\nlet more = mnist(limit: 2500)\n")
        let result = try harness.run(["run", script, "--quiet"], environment: environment)
        XCTAssertEqual(result.status, 74, result.output)
        XCTAssertTrue(result.output.contains("2,000 examples of 784, 10 classes, test 1,000"), result.output)
        XCTAssertTrue(result.output.contains("asked for 2500 examples but \(CLIHarness.dataDirectory)/mnist holds only 2000; run `samlab data fetch mnist`"),
                      result.output)
        XCTAssertTrue(result.output.contains("starter.sam:3:12"), result.output)
    }
}
