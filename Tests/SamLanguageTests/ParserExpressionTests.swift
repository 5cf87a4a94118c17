import SamLanguage
import XCTest

/// Expressions, and the precedence and associativity table of `grammar/sam.ebnf`.
final class ParserExpressionTests: XCTestCase {
    func testLiterals() {
        XCTAssertEqual(sexpr(#"3; 0.5; "s\n"; true; false; none; x"#), "3\n0.5\n\"s\\n\"\ntrue\nfalse\nnone\nx")
    }

    func testArithmeticPrecedence() {
        XCTAssertEqual(sexpr("1 + 2 * 3"), "(+ 1 (* 2 3))")
        XCTAssertEqual(sexpr("1 * 2 + 3"), "(+ (* 1 2) 3)")
        XCTAssertEqual(sexpr("a - b - c"), "(- (- a b) c)")
        XCTAssertEqual(sexpr("a / b % c @ d"), "(@ (% (/ a b) c) d)")
        XCTAssertEqual(sexpr("a + b @ c"), "(+ a (@ b c))")
        XCTAssertEqual(sexpr("(1 + 2) * 3"), "(* (+ 1 2) 3)")
    }

    func testPowerIsRightAssociativeAndBindsTighterThanUnaryMinus() {
        XCTAssertEqual(sexpr("2 ** 3 ** 2"), "(** 2 (** 3 2))")
        XCTAssertEqual(sexpr("-2 ** 2"), "(- (** 2 2))")
        XCTAssertEqual(sexpr("2 ** -1"), "(** 2 (- 1))")
        XCTAssertEqual(sexpr("a * b ** c"), "(* a (** b c))")
        XCTAssertEqual(sexpr("- - x"), "(- (- x))")
    }

    func testLogicalPrecedence() {
        XCTAssertEqual(sexpr("a or b and c"), "(or a (and b c))")
        XCTAssertEqual(sexpr("not a and b"), "(and (not a) b)")
        XCTAssertEqual(sexpr("not a == b"), "(not (== a b))")
        XCTAssertEqual(sexpr("a < b or c >= d"), "(or (< a b) (>= c d))")
        XCTAssertEqual(sexpr("after(steps: 3000) or after(minutes: 10)"),
                       "(or (call after steps: 3000) (call after minutes: 10))")
    }

    func testComparisonsAndRanges() {
        XCTAssertEqual(sexpr("a == b + 1"), "(== a (+ b 1))")
        XCTAssertEqual(sexpr("0..<n + 1"), "(..< 0 (+ n 1))")
        XCTAssertEqual(sexpr("1...5"), "(... 1 5)")
        XCTAssertEqual(sexpr("x != 0..<3"), "(!= x (..< 0 3))")
        XCTAssertEqual(sexpr("a <= b; a > b; a != b"), "(<= a b)\n(> a b)\n(!= a b)")
    }

    func testComparisonsAndRangesDoNotChain() {
        XCTAssertEqual(parseDiagnostics("a < b < c").map(\.message), ["comparison operators cannot be chained at '<'"])
        XCTAssertEqual(parseDiagnostics("0..<1..<2").map(\.message), ["range operators cannot be chained at '..<'"])
    }

    func testPostfix() {
        XCTAssertEqual(sexpr("q.w0"), "(. q w0)")
        XCTAssertEqual(sexpr("a[i]"), "(index a i)")
        XCTAssertEqual(sexpr("a[i, j]"), "(index a i j)")
        XCTAssertEqual(sexpr("f(a, lr: 0.1)"), "(call f a lr: 0.1)")
        XCTAssertEqual(sexpr("f()(x).y[0]"), "(index (. (call (call f) x) y) 0)")
        XCTAssertEqual(sexpr("-a.b ** 2"), "(- (** (. a b) 2))")
    }

    func testListsRecordsAndTrailingCommas() {
        XCTAssertEqual(sexpr("[]; [1]; [1, [2, 3],]"), "[]\n[1]\n[1 [2 3]]")
        XCTAssertEqual(sexpr("x = {}"), "(= x {})")
        XCTAssertEqual(sexpr("x = {a: 1, b: [2],}"), "(= x {a: 1 b: [2]})")
        XCTAssertEqual(sexpr("x = {\n  a: 1,\n  b: 2\n}"), "(= x {a: 1 b: 2})")
        XCTAssertEqual(sexpr("f(1, b: 2,)"), "(call f 1 b: 2)")
    }

    func testAnonymousFunctions() {
        XCTAssertEqual(sexpr("f = fn(x) => x * 2"), "(= f (fn (x) => (* x 2)))")
        XCTAssertEqual(sexpr("f = fn(a, b: 1) { return a + b }"), "(= f (fn (a b: 1) {(return (+ a b))}))")
        XCTAssertEqual(sexpr("map(xs, fn(x) {\n  let y = x\n  return y\n})"),
                       "(call map xs (fn (x) {(let y x); (return y)}))")
    }

    func testMultilineContinuation() {
        XCTAssertEqual(sexpr("x = 1 +\n  2\ny = f(1,\n  2)\nz = [\n1,\n2\n]"),
                       "(= x (+ 1 2))\n(= y (call f 1 2))\n(= z [1 2])")
    }

    func testTrainNameBeforeParenthesisIsACall() {
        XCTAssertEqual(sexpr("let run = train(net, data, sgd(lr: 0.1), steps: 200)"),
                       "(let run (call train net data (call sgd lr: 0.1) steps: 200))")
    }

    func testExpressionRangesCoverTheirSource() {
        let file = SourceFile(name: "t.sam", text: "x = (a + b) * f(c)")
        let program = Parser.parseProgram(file).node
        guard case .assign(_, _, let value) = program.statements[0].kind else { return XCTFail("not an assignment") }
        XCTAssertEqual(file.text(in: value.range), "(a + b) * f(c)")
        guard case .binary(_, let left, let right) = value.kind else { return XCTFail("not binary") }
        XCTAssertEqual(file.text(in: left.range), "(a + b)")
        XCTAssertEqual(file.text(in: right.range), "f(c)")
        XCTAssertEqual(file.text(in: program.statements[0].range), "x = (a + b) * f(c)")
    }
}
