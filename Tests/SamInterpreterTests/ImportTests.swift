import SamInterpreter
import XCTest

/// `import` runs another file once, relative to the importing file; cycles are errors naming the cycle.
final class ImportTests: XCTestCase {
    func testImportsRunOnceRelativeToTheImportingFile() {
        let harness = ScriptHarness()
        defer { harness.remove() }
        harness.write("lib/helpers.sam", "import \"constants.sam\"\nprint(\"loading helpers\")\nfn double(x) => x * factor\n")
        harness.write("lib/constants.sam", "let factor = 2\n")
        let outcome = harness.run("import \"lib/helpers.sam\"\nimport \"lib/helpers.sam\"\nprint(double(21), factor)\n")
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        XCTAssertEqual(outcome.stdout, "loading helpers\n42 2\n")
    }

    func testImportCycleIsAnErrorNamingTheCycle() {
        let harness = ScriptHarness()
        defer { harness.remove() }
        harness.write("a.sam", "import \"b.sam\"\nlet a = 1\n")
        harness.write("b.sam", "import \"a.sam\"\nlet b = 2\n")
        let outcome = harness.run("import \"a.sam\"\nprint(a)\n")
        XCTAssertEqual(outcome.status, 70)
        XCTAssertTrue(outcome.stderr.hasPrefix("b.sam:1:8: error: import cycle: a.sam → b.sam → a.sam\n"), outcome.stderr)
        XCTAssertTrue(outcome.stderr.contains("hint: move what both files need into a third file"), outcome.stderr)
    }

    func testErrorsInImportedFilesAreReportedBeforeRunning() {
        let harness = ScriptHarness()
        defer { harness.remove() }
        harness.write("broken.sam", "let x = (1 +\n")
        let outcome = harness.run("print(\"should not run\")\nimport \"broken.sam\"\n")
        XCTAssertEqual(outcome.status, 65)
        XCTAssertEqual(outcome.stdout, "")
        XCTAssertTrue(outcome.stderr.hasPrefix("broken.sam:"), outcome.stderr)
    }

    func testMissingImportIsAStaticError() {
        let (stderr, status) = failure(of: "import \"nowhere.sam\"\n")
        XCTAssertEqual(status, 65)
        XCTAssertTrue(stderr.contains("error: cannot find the imported file 'nowhere.sam'"), stderr)
    }

    func testRuntimeErrorsInImportedFilesNameThatFile() {
        let harness = ScriptHarness()
        defer { harness.remove() }
        harness.write("lib.sam", "fn bad() => [][0]\n")
        let outcome = harness.run("import \"lib.sam\"\nbad()\n")
        XCTAssertEqual(outcome.status, 70)
        XCTAssertTrue(outcome.stderr.hasPrefix("lib.sam:1:13: error: index 0 is out of range for 0 elements\n"), outcome.stderr)
        XCTAssertTrue(outcome.stderr.contains("main.sam:2:1: note: in 'bad', called from here"), outcome.stderr)
    }
}
