import SamLanguage
import XCTest

/// Every statement form and domain form.
final class ParserStatementTests: XCTestCase {
    func testBindingsAndAssignments() {
        XCTAssertEqual(sexpr("let x = 1\ny = x; y += 2; y -= 1; y *= 3; y /= 4"),
                       "(let x 1)\n(= y x)\n(+= y 2)\n(-= y 1)\n(*= y 3)\n(/= y 4)")
    }

    func testFunctionDeclarations() {
        XCTAssertEqual(sexpr("fn add(a, b: 2) {\n  return a + b\n}"), "(fn add (a b: 2) {(return (+ a b))})")
        XCTAssertEqual(sexpr("fn twice(x) => x * 2"), "(fn twice (x) => (* x 2))")
        XCTAssertEqual(sexpr("fn nothing() { return }"), "(fn nothing () {(return)})")
    }

    func testIfElseChains() {
        XCTAssertEqual(sexpr("if a { x } else if b { y } else { z }"), "(if a {x} else (if b {y} else {z}))")
        XCTAssertEqual(sexpr("if a {\n  x\n}\nelse {\n  y\n}"), "(if a {x} else {y})")
        XCTAssertEqual(sexpr("if a { x }\nb"), "(if a {x})\nb")
    }

    func testLoops() {
        XCTAssertEqual(sexpr("for i in 0..<3 { print(i) }"), "(for i (..< 0 3) {(call print i)})")
        XCTAssertEqual(sexpr("while x > 0 { x -= 1 }"), "(while (> x 0) {(-= x 1)})")
    }

    func testReturnAssertImportParamPlotSave() {
        XCTAssertEqual(sexpr("fn f() { return 1 }"), "(fn f () {(return 1)})")
        XCTAssertEqual(sexpr("assert x > 0, \"positive\"\nassert y"), "(assert (> x 0) \"positive\")\n(assert y)")
        XCTAssertEqual(sexpr("import \"other.sam\""), "(import \"other.sam\")")
        XCTAssertEqual(sexpr("param eta = 0.1\nparam scale = \"laptop\" in [\"tiny\", \"laptop\", \"paper\"]"),
                       "(param eta 0.1)\n(param scale \"laptop\" in [\"tiny\" \"laptop\" \"paper\"])")
        XCTAssertEqual(sexpr("plot eigenvalues_vs_edge to \"figures/mnist.svg\""),
                       "(plot eigenvalues_vs_edge to \"figures/mnist.svg\")")
        XCTAssertEqual(sexpr("save run.params to dir + \"/p.safetensors\""),
                       "(save (. run params) to (+ dir \"/p.safetensors\"))")
    }

    func testProgramListsItsScriptParameters() {
        let program = parseClean("param eta = 0.1\nx = 1\nparam scale = \"laptop\" in [\"tiny\", \"laptop\"]")
        XCTAssertEqual(program.parameters.map(\.name.name), ["eta", "scale"])
        XCTAssertNil(program.parameters[0].allowedValues)
        XCTAssertNotNil(program.parameters[1].allowedValues)
    }

    func testTrainForm() {
        let text = """
            train net on data {
              loss = mse; batch = full
              probe every 25 steps: loss, hessian_top(k: 3)
              probe every 0.5 seconds: grad_norm
              probe at [0, 10, 100]: loss
              probe log(points: 30): alignment
            }
            """
        XCTAssertEqual(sexpr(text), "(train net on data {loss = mse; batch = full; "
                       + "probe every 25 steps: loss (hessian_top k: 3); probe every 0.5 seconds: grad_norm; "
                       + "probe at [0 10 100]: loss; probe (log points: 30): alignment})")
    }

    func testTrainFormIsAnExpression() {
        XCTAssertEqual(sexpr("let run = train mlp(hidden: [10]) on d { steps = 5 }"),
                       "(let run (train (call mlp hidden: [10]) on d {steps = 5}))")
        XCTAssertEqual(sexpr("train net on data {}"), "(train net on data {})")
    }

    /// A function or a quadratic needs no data: `train f { ... }`.
    func testTrainFormWithoutData() {
        XCTAssertEqual(sexpr("let run = train f { w = w0; steps = 5 }"), "(let run (train f {w = w0; steps = 5}))")
        XCTAssertEqual(sexpr("train q {\n  probe every 5 steps: loss\n}"), "(train q {probe every 5 steps: loss})")
    }

    func testProbeItemsMayContinueOnTheNextLine() {
        XCTAssertEqual(sexpr("train n on d {\n  probe every 10 steps:\n    loss,\n    grad_norm\n}"),
                       "(train n on d {probe every 10 steps: loss grad_norm})")
    }

    func testSweep() {
        XCTAssertEqual(sexpr("sweep eta in [0.1, 0.3], seed in 0..<3 {\n  print(eta, seed)\n}"),
                       "(sweep (eta [0.1 0.3]) (seed (..< 0 3)) {(call print eta seed)})")
        XCTAssertEqual(sexpr("let s = sweep a in xs { }"), "(let s (sweep (a xs) {}))")
    }

    func testContextualWordsStayOrdinaryNames() {
        XCTAssertEqual(sexpr("let steps = 3\nlet log = on + to + every + at + seconds\nafter(steps: steps)"),
                       "(let steps 3)\n(let log (+ (+ (+ (+ on to) every) at) seconds))\n(call after steps: steps)")
    }

    func testSemicolonsAndBlankLinesSeparateStatements() {
        XCTAssertEqual(sexpr(";;a;\n\n;b;"), "a\nb")
    }

    func testReplEntryKinds() {
        let expression = Parser.parseReplEntry(SourceFile(name: "<repl>", text: "sam_edge(eta: 0.1, rho: 0.05, grad_norm: 1)"))
        XCTAssertNotNil(expression.node.echoedExpression)
        let binding = Parser.parseReplEntry(SourceFile(name: "<repl>", text: "let q = 1"))
        XCTAssertNil(binding.node.echoedExpression)
        XCTAssertEqual(binding.node.statements.count, 1)
        let two = Parser.parseReplEntry(SourceFile(name: "<repl>", text: "1; 2"))
        XCTAssertNil(two.node.echoedExpression)
        XCTAssertEqual(two.node.statements.count, 2)
        let multiline = Parser.parseReplEntry(SourceFile(name: "<repl>", text: "f(1,\n  2)\n"))
        XCTAssertNotNil(multiline.node.echoedExpression)
        XCTAssertTrue(multiline.diagnostics.isEmpty)
    }

    func testEveryExampleParses() {
        _ = parseClean(Fixtures.sweepScript)
        _ = parseClean(Fixtures.everything)
        for entry in Fixtures.replEntries {
            let result = Parser.parseReplEntry(SourceFile(name: "<repl>", text: entry))
            XCTAssertEqual(render(result.diagnostics), "")
        }
    }

    func testStatementRanges() {
        let file = SourceFile(name: "t.sam", text: "let a = 1\nif a { b }\nelse { c }\n")
        let statements = Parser.parseProgram(file).node.statements
        XCTAssertEqual(statements.map { file.text(in: $0.range) }, ["let a = 1", "if a { b }\nelse { c }"])
    }
}
