import SamLanguage
import XCTest

/// Golden renderings: location line, source line, caret run, hint, notes.
final class DiagnosticRenderingTests: XCTestCase {
    func testDidYouMeanInATrainBlock() {
        let text = "n = 1\ntrain n on n {\n    optimiser = sgd(lr: 0.1)\n    optimizer = sgd(lr: 0.1)\n}"
        let file = SourceFile(name: "sweep.sam", text: text)
        let diagnostics = Fixtures.checker.check(Parser.parseProgram(file).node)
        XCTAssertEqual(render(diagnostics), """
            sweep.sam:3:5: error: 'train' has no setting named 'optimiser'
                optimiser = sgd(lr: 0.1)
                ^~~~~~~~~
            hint: did you mean 'optimizer'?
            """)
    }

    func testUnknownName() {
        let file = SourceFile(name: "a.sam", text: "net = mlp(hidden: [10], act: rleu)")
        XCTAssertEqual(render(Fixtures.checker.check(Parser.parseProgram(file).node)), """
            a.sam:1:30: error: unknown name 'rleu'
            net = mlp(hidden: [10], act: rleu)
                                         ^~~~
            hint: did you mean 'relu'?
            """)
    }

    func testUnexpectedEndOfInputWithNote() {
        let file = SourceFile(name: "<repl>", text: "f(1,\n  2")
        XCTAssertEqual(render(Parser.parseReplEntry(file).diagnostics), """
            <repl>:2:4: error: expected ')' after the arguments at end of input
              2
               ^
            <repl>:1:2: note: to match this '('
            f(1,
             ^
            """)
    }

    func testTabsAreRepeatedUnderTheSourceLine() {
        let file = SourceFile(name: "t.sam", text: "if true {\n\tx = 1 2\n}")
        XCTAssertEqual(render(Parser.parseProgram(file).diagnostics), """
            t.sam:2:8: error: expected end of statement at '2'
            \tx = 1 2
            \t      ^
            hint: put each statement on its own line or separate them with ';'
            """)
    }

    func testMultiLineRangeIsUnderlinedToTheEndOfItsFirstLine() {
        let file = SourceFile(name: "m.sam", text: "x = \"abc\ndef")
        XCTAssertEqual(render(Parser.parseProgram(file).diagnostics), """
            m.sam:1:5: error: unterminated string literal
            x = "abc
                ^~~~
            hint: add a closing '"'
            """)
    }

    func testNonASCIIColumnsAndWarnings() {
        let file = SourceFile(name: "w.sam", text: "# η = 0.1\nimport \"lib.sam\"\nlet ηx = 1\nprint(undefined)")
        let diagnostics = Parser.parseProgram(file).diagnostics
        XCTAssertEqual(render(diagnostics), """
            w.sam:3:5: error: unexpected character 'η'
            let ηx = 1
                ^
            """)
        let checked = Fixtures.checker.check(Parser.parseProgram(
            SourceFile(name: "w.sam", text: "import \"lib.sam\"\n  print(undefined)")).node)
        XCTAssertEqual(render(checked), """
            w.sam:2:9: warning: unknown name 'undefined' (unless an imported file defines it)
              print(undefined)
                    ^~~~~~~~~
            """)
    }

    func testUseBeforeDefinitionRendersItsNote() {
        let file = SourceFile(name: "u.sam", text: "print(eta)\neta = 0.1")
        XCTAssertEqual(render(Fixtures.checker.check(Parser.parseProgram(file).node)), """
            u.sam:1:7: error: 'eta' is used before its definition
            print(eta)
                  ^~~
            hint: move the definition above this line
            u.sam:2:1: note: 'eta' is defined here
            eta = 0.1
            ^~~
            """)
    }

    func testDescriptionAndLocation() {
        let file = SourceFile(name: "d.sam", text: "x = )")
        let diagnostic = Parser.parseProgram(file).diagnostics[0]
        XCTAssertEqual(diagnostic.location.description, "1:5")
        XCTAssertEqual(diagnostic.description, "d.sam:1:5: error: expected an expression at ')'\nx = )\n    ^")
    }
}

final class EditDistanceTests: XCTestCase {
    func testDistances() {
        XCTAssertEqual(EditDistance.distance("", "abc"), 3)
        XCTAssertEqual(EditDistance.distance("kitten", "sitting"), 3)
        XCTAssertEqual(EditDistance.distance("optimiser", "optimizer"), 1)
        XCTAssertEqual(EditDistance.distance("lsos", "loss"), 1)  // a transposition
        XCTAssertEqual(EditDistance.distance("ca", "abc"), 3)  // optimal string alignment, not full Damerau
        XCTAssertEqual(EditDistance.distance("same", "same"), 0)
    }

    func testClosest() {
        let names = ["loss", "grad_norm", "gd_edge", "sam_edge", "alignment"]
        XCTAssertEqual(EditDistance.closest(to: "los", among: names), "loss")
        XCTAssertEqual(EditDistance.closest(to: "samedge", among: names), "sam_edge")
        XCTAssertEqual(EditDistance.closest(to: "gradnorm", among: names), "grad_norm")
        XCTAssertEqual(EditDistance.closest(to: "LOSS", among: names), "loss")
        XCTAssertNil(EditDistance.closest(to: "xyz", among: names))
        XCTAssertNil(EditDistance.closest(to: "ab", among: ["ba"]))
        XCTAssertEqual(EditDistance.closest(to: "abcd", among: ["abce", "abcf"]), "abce")  // ties: alphabetical
        XCTAssertNil(EditDistance.closest(to: "loss", among: ["loss"]))
    }
}
