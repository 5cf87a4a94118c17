import Foundation
import SamInterpreter
import SamLanguage
import XCTest

/// Runs `.sam` source through the same code path as `samlab run`, from a temporary directory.
struct ScriptHarness {
    /// What a run printed and returned.
    struct Outcome {
        var stdout: String
        var stderr: String
        var status: Int32
    }

    /// The temporary directory holding the scripts (and, under `out/`, the results).
    let directory: String

    init() {
        directory = NSTemporaryDirectory() + "samlab-interp-\(UUID().uuidString)"
        try! FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    /// Writes a file into the directory and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) -> String {
        let path = (directory as NSString).appendingPathComponent(name)
        try! FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try! text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Runs a file of the directory; diagnostics name it relative to the directory.
    func run(file name: String, overrides: [String] = [], maxSteps: Int? = nil, registry: BuiltinRegistry = .standard()) -> Outcome {
        let stdout = StringSink(), stderr = StringSink()
        let options = RunOptions(outputDirectory: directory + "/out", overrides: overrides, quiet: true, maxSteps: maxSteps)
        let status = ScriptRunner.run(path: (directory as NSString).appendingPathComponent(name), options: options,
                                      registry: registry, stdout: stdout, stderr: stderr)
        return Outcome(stdout: stdout.text, stderr: stderr.text.replacingOccurrences(of: directory + "/", with: ""), status: status)
    }

    /// Writes `source` to `main.sam` and runs it.
    func run(_ source: String, overrides: [String] = [], maxSteps: Int? = nil, registry: BuiltinRegistry = .standard()) -> Outcome {
        write("main.sam", source)
        return run(file: "main.sam", overrides: overrides, maxSteps: maxSteps, registry: registry)
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: directory)
    }
}

/// Runs source and returns its standard output, failing the test on a non-zero exit.
func output(of source: String, file: StaticString = #filePath, line: UInt = #line) -> String {
    let harness = ScriptHarness()
    defer { harness.remove() }
    let outcome = harness.run(source)
    XCTAssertEqual(outcome.status, 0, "stderr:\n\(outcome.stderr)", file: file, line: line)
    return outcome.stdout
}

/// Runs source expected to fail and returns its standard error and status.
func failure(of source: String, overrides: [String] = [], registry: BuiltinRegistry = .standard(),
             file: StaticString = #filePath, line: UInt = #line) -> (stderr: String, status: Int32) {
    let harness = ScriptHarness()
    defer { harness.remove() }
    let outcome = harness.run(source, overrides: overrides, registry: registry)
    XCTAssertNotEqual(outcome.status, 0, "stdout:\n\(outcome.stdout)", file: file, line: line)
    return (outcome.stderr, outcome.status)
}
