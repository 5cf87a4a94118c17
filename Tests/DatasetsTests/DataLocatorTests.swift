import XCTest
@testable import Datasets

final class DataLocatorTests: XCTestCase {
    func testAnExplicitDirectoryIsTheOnlyRoot() {
        let explicit = DataLocator(dataDir: "mine", environment: ["SAMLAB_DATA": "/env"], currentDirectory: "/work/repo", executablePath: nil)
        XCTAssertEqual(explicit.searchRoots, [.init(path: "/work/repo/mine", origin: .explicit)])
    }

    /// $SAMLAB_DATA, the user cache, ./data, data/ beside the script, then the starter data of the checkout
    /// found from the script's and the executable's folders (and nothing beside the checkout).
    func testSearchOrderWithoutAnExplicitDirectory() {
        let locator = DataLocator(environment: ["SAMLAB_DATA": "/env/data/", "HOME": "/home/u"], currentDirectory: "/tmp/elsewhere",
                                  executablePath: "/work/repo/.build/x86_64-unknown-linux-gnu/release/samlab",
                                  scriptPath: "/work/repo/examples/demo.sam")
        XCTAssertEqual(locator.searchRoots.map(\.origin).prefix(4), [.environment, .userCache, .local, .local])
        XCTAssertEqual(Array(locator.roots.prefix(4)), ["/env/data", "/home/u/.local/share/samlab", "/tmp/elsewhere/data", "/work/repo/examples/data"])
        XCTAssertEqual(Array(locator.roots.dropFirst(4)), [
            "/work/repo/examples/examples/data", "/work/repo/examples/data", "/work/examples/data", "/examples/data",
            "/work/repo/.build/x86_64-unknown-linux-gnu/release/examples/data", "/work/repo/.build/x86_64-unknown-linux-gnu/examples/data",
            "/work/repo/.build/examples/data",
        ].filter { $0 != "/work/repo/examples/data" })
        XCTAssertFalse(locator.roots.contains { $0.contains("shared") })
        XCTAssertEqual(locator.searchRoots.first { $0.path == "/work/repo/examples/data" }?.origin, .local,
                       "data/ beside a script in examples/ is the starter folder itself, listed once")
    }

    func testUserDataDirectoryFollowsXDG() {
        XCTAssertEqual(DataLocator.userDataDirectory(environment: ["XDG_DATA_HOME": "/x/share", "HOME": "/home/u"]), "/x/share/samlab")
        XCTAssertEqual(DataLocator.userDataDirectory(environment: ["XDG_DATA_HOME": "relative", "HOME": "/home/u"]), "/home/u/.local/share/samlab",
                       "XDG ignores relative paths")
        XCTAssertEqual(DataLocator.userDataDirectory(environment: ["HOME": "/home/u"]), "/home/u/.local/share/samlab")
    }

    func testCandidatesAndLocate() throws {
        let dir = try TemporaryDirectory()
        let locator = DataLocator(dataDir: dir.path)
        XCTAssertEqual(locator.candidatePaths(folders: ["a", "b"], names: ["x", "y"]),
                       ["\(dir.path)/a/x", "\(dir.path)/b/x", "\(dir.path)/x", "\(dir.path)/a/y", "\(dir.path)/b/y", "\(dir.path)/y"])
        try dir.write("y", [1])
        try dir.write("b/y", [1])
        XCTAssertEqual(try locator.locate(dataset: "t", folders: ["a", "b"], names: ["x", "y"]), "\(dir.path)/b/y")
        try dir.write("x", [1])
        XCTAssertEqual(try locator.locate(dataset: "t", folders: ["a", "b"], names: ["x", "y"]), "\(dir.path)/x", "official names first")
    }

    /// From a script anywhere in the checkout, with no environment and no user cache, the starter data is found.
    func testStarterDataFromAScriptInTheRepository() throws {
        let empty = try TemporaryDirectory()
        let locator = DataLocator(environment: ["HOME": empty.path], currentDirectory: empty.path, executablePath: nil,
                                  scriptPath: repositoryDirectory + "/Tests/DatasetsTests/script.sam")
        XCTAssertEqual(try locator.locate(dataset: "digits", folders: ["digits"], names: ["digits.csv.gz"]),
                       starterDataDirectory + "/digits/digits.csv.gz")
        XCTAssertEqual(locator.root(containing: starterDataDirectory + "/digits/digits.csv.gz")?.origin, .starter)
    }

    func testAMissingFileListsEveryPathAndTheFetchCommand() {
        let locator = DataLocator(dataDir: "/nonexistent/samlab-data")
        assertDatasetError(try MNIST.load(locator: locator),
                           contains: ["mnist: data file not found", "/nonexistent/samlab-data/mnist/train-images-idx3-ubyte.gz", "samlab data fetch mnist"])
    }
}
