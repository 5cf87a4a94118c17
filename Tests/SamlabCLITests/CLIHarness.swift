import Foundation
import XCTest

/// Runs the built `samlab` executable (it sits next to the test bundle) in a temporary directory.
struct CLIHarness {
    let directory: String

    init() {
        directory = NSTemporaryDirectory() + "samlab-cli-\(UUID().uuidString)"
        try! FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(atPath: directory) }

    /// The `samlab` binary of this build.
    static var executable: URL {
        var candidates = [URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()]
        candidates.append(Bundle(for: BundleMarker.self).bundleURL.deletingLastPathComponent())
        return candidates.map { $0.appendingPathComponent("samlab") }.first { FileManager.default.isExecutableFile(atPath: $0.path) }
            ?? candidates[0].appendingPathComponent("samlab")
    }

    /// The starter data shipped in the repository (`examples/data`).
    static var dataDirectory: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("examples/data").path
    }

    @discardableResult
    func write(_ name: String, _ text: String) -> String {
        let path = directory + "/" + name
        try! text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// A started `samlab` process with one BLAS thread (so results compare bit for bit across runs).
    func start(_ arguments: [String], environment extra: [String: String] = [:]) throws -> (process: Process, output: URL) {
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var environment = ProcessInfo.processInfo.environment
        environment["OPENBLAS_NUM_THREADS"] = "1"
        environment.merge(extra) { _, new in new }
        process.environment = environment
        let output = URL(fileURLWithPath: directory + "/.out-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: output.path, contents: nil)
        let handle = try FileHandle(forWritingTo: output)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        return (process, output)
    }

    /// Runs `samlab` to the end: exit status and combined output.
    func run(_ arguments: [String], environment: [String: String] = [:]) throws -> (status: Int32, output: String) {
        let (process, output) = try start(arguments, environment: environment)
        process.waitUntilExit()
        return (process.terminationStatus, (try? String(contentsOf: output, encoding: .utf8)) ?? "")
    }

    /// A results file's text.
    func read(_ path: String) -> String { (try? String(contentsOfFile: directory + "/" + path, encoding: .utf8)) ?? "" }

    /// `summary.csv` without its timing columns (which differ from run to run).
    func summaryWithoutTimes(_ results: String) -> [String] {
        let lines = read(results + "/summary.csv").split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        guard let header = lines.first else { return [] }
        let keep = header.indices.filter { !header[$0].hasSuffix("_s") }
        return lines.map { row in keep.map { $0 < row.count ? row[$0] : "" }.joined(separator: ",") }
    }
}

private final class BundleMarker {}
