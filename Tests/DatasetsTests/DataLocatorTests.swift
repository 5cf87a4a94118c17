import XCTest
@testable import Datasets

final class DataLocatorTests: XCTestCase {
    func testResolutionOrder() {
        let explicit = DataLocator(dataDir: "mine", environment: ["SAMLAB_DATA": "/env"], currentDirectory: "/work/repo", executablePath: nil)
        XCTAssertEqual(explicit.roots, ["/work/repo/mine"])
        let fromEnvironment = DataLocator(environment: ["SAMLAB_DATA": "/env/data/"], currentDirectory: "/work/repo", executablePath: nil)
        XCTAssertEqual(fromEnvironment.roots, ["/env/data"])
        let defaults = DataLocator(environment: [:], currentDirectory: "/work/repo",
                                   executablePath: "/work/repo/.build/x86_64-unknown-linux-gnu/release/samlab")
        XCTAssertEqual(defaults.roots, [
            "/work/repo/data", "/work/shared/data",
            "/work/repo/.build/x86_64-unknown-linux-gnu/release/data", "/work/repo/.build/x86_64-unknown-linux-gnu/shared/data",
            "/work/repo/.build/x86_64-unknown-linux-gnu/data", "/work/repo/.build/shared/data",
            "/work/repo/.build/data", "/work/repo/shared/data",
        ])
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

    func testRealDataThroughTheDefaultsFromTheRepository() throws {
        let repo = (sharedDataDirectory as NSString).deletingLastPathComponent + "/../wt-does-not-matter"
        let locator = DataLocator(environment: [:], currentDirectory: repo, executablePath: nil)
        XCTAssertEqual(try locator.locate(dataset: "digits", folders: ["digits"], names: ["digits.csv.gz"]),
                       sharedDataDirectory + "/digits/digits.csv.gz")
    }
}
