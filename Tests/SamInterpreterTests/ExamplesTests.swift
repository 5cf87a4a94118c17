import Foundation
import SamInterpreter
import SamLanguage
import XCTest

/// Every script in `examples/` runs to completion, at `scale=tiny` when it declares `param scale`.
final class ExamplesTests: XCTestCase {
    func testEveryExampleRuns() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let examples = root.appendingPathComponent("examples").path
        let names = try FileManager.default.contentsOfDirectory(atPath: examples).filter { $0.hasSuffix(".sam") }.sorted()
        XCTAssertTrue(names.contains("quickstart.sam") && names.contains("tensors.sam"), "\(names)")
        let output = NSTemporaryDirectory() + "samlab-examples-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: output) }
        for name in names {
            let path = examples + "/" + name
            let program = Parser.parseProgram(SourceFile(name: name, text: try String(contentsOfFile: path, encoding: .utf8))).node
            let overrides = program.parameters.contains { $0.name.name == "scale" } ? ["scale=tiny"] : []
            let stdout = StringSink(), stderr = StringSink()
            let status = ScriptRunner.run(path: path, options: RunOptions(outputDirectory: output + "/" + name, overrides: overrides, quiet: true),
                                          stdout: stdout, stderr: stderr)
            XCTAssertEqual(status, 0, "\(name) failed:\n\(stderr.text)")
            XCTAssertFalse(stdout.text.isEmpty, name)
        }
    }
}
