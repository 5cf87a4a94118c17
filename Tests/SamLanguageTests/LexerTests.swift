import SamLanguage
import XCTest

final class LexerTests: XCTestCase {
    private func kinds(_ text: String) -> [TokenKind] {
        let result = Lexer.tokenize(SourceFile(name: "t.sam", text: text))
        XCTAssertEqual(render(result.diagnostics), "")
        return result.tokens.map(\.kind).dropLast()
    }

    private func diagnostics(_ text: String) -> [Diagnostic] {
        Lexer.tokenize(SourceFile(name: "t.sam", text: text)).diagnostics
    }

    /// `SyntaxPrinter.quote` writes a literal that lexes back to the same string, control characters included.
    func testQuotedStringsLexBackToTheSameText() {
        for text in ["plain", "quote \" and \\ backslash", "line\nbreak\ttab\r\0", "bell \u{7} del \u{7F} esc \u{1B}", "λ1 ≈ E"] {
            let tokens = Lexer.tokenize(SourceFile(name: "t", text: SyntaxPrinter.quote(text))).tokens
            XCTAssertEqual(tokens.first?.kind, .string(text), SyntaxPrinter.quote(text))
        }
    }

    func testIntegersAndFloatsAreDistinguished() {
        XCTAssertEqual(kinds("3 0.5 1e-3 1E+3 2.5e10 1_000 0"), [
            .integer(3), .float(0.5), .float(0.001), .float(1000), .float(2.5e10), .integer(1000), .integer(0),
        ])
    }

    func testRangesLexAsIntegersAroundTheOperator() {
        XCTAssertEqual(kinds("0..<10 1...5 0.5...1.5"), [
            .integer(0), .symbol(.halfOpenRange), .integer(10),
            .integer(1), .symbol(.closedRange), .integer(5),
            .float(0.5), .symbol(.closedRange), .float(1.5),
        ])
    }

    func testMalformedNumbers() {
        let exponent = diagnostics("x = 1e")
        XCTAssertEqual(exponent.map(\.kind), [.invalidNumber])
        XCTAssertEqual(exponent.first?.message, "expected digits in the exponent of '1e'")
        let large = diagnostics("99999999999999999999")
        XCTAssertEqual(large.map(\.kind), [.invalidNumber])
        XCTAssertEqual(large.first?.message, "integer literal '99999999999999999999' is too large")
    }

    func testStringEscapes() {
        XCTAssertEqual(kinds(#""a\nb\tc\"d\\e\r\0" "\u{48}\u{1F600}" "é""#), [
            .string("a\nb\tc\"d\\e\r\0"), .string("H😀"), .string("é"),
        ])
    }

    func testInvalidEscapesAreReportedAndLexingContinues() {
        let result = Lexer.tokenize(SourceFile(name: "t.sam", text: #""a\qb" "\u{110000}" "\u{zz}" 1"#))
        XCTAssertEqual(result.diagnostics.map(\.kind), [.invalidEscape, .invalidEscape, .invalidEscape])
        XCTAssertEqual(result.diagnostics.first?.message, #"invalid escape sequence '\q' in string"#)
        XCTAssertEqual(result.tokens.last?.kind, .endOfInput)
        XCTAssertEqual(result.tokens.dropLast().last?.kind, .integer(1))
    }

    func testUnterminatedStringIsTypedAsEndOfInput() {
        let result = diagnostics("print(\"hello")
        XCTAssertEqual(result.map(\.kind), [.unterminatedString])
        XCTAssertTrue(result[0].isUnexpectedEndOfInput)
        XCTAssertEqual(result[0].range, SourceRange(6, 12))
    }

    func testStringsMaySpanLines() {
        XCTAssertEqual(kinds("\"a\nb\""), [.string("a\nb")])
    }

    func testKeywordsIdentifiersAndContextualWords() {
        XCTAssertEqual(kinds("let x_1 = train on every"), [
            .keyword(.let), .identifier("x_1"), .symbol(.assign), .keyword(.train), .identifier("on"), .identifier("every"),
        ])
        XCTAssertEqual(Lexer.keywords.count, Keyword.allCases.count)
        XCTAssertTrue(Lexer.keywords.contains("sweep"))
        XCTAssertEqual(Lexer.contextualKeywords, ["on", "to", "every", "at", "steps", "seconds", "log", "probe"])
    }

    func testOperatorsUseMaximalMunch() {
        XCTAssertEqual(kinds("** * == = => <= < != @ += -= *= /= ..< ..."), [
            .symbol(.power), .symbol(.star), .symbol(.equal), .symbol(.assign), .symbol(.arrow), .symbol(.lessEqual),
            .symbol(.less), .symbol(.notEqual), .symbol(.at), .symbol(.plusAssign), .symbol(.minusAssign),
            .symbol(.starAssign), .symbol(.slashAssign), .symbol(.halfOpenRange), .symbol(.closedRange),
        ])
    }

    func testCommentsRunToEndOfLine() {
        XCTAssertEqual(kinds("a # comment \"not a string\nb"), [.identifier("a"), .newline, .identifier("b")])
    }

    func testNewlinesSeparateStatementsButCollapse() {
        XCTAssertEqual(kinds("\n\na\n\n\nb\n"), [.identifier("a"), .newline, .identifier("b"), .newline])
    }

    func testNewlinesInsideParenthesesAndBracketsAreIgnored() {
        XCTAssertEqual(kinds("f(a\n,b\n)\n[1\n2]"), [
            .identifier("f"), .symbol(.leftParen), .identifier("a"), .symbol(.comma), .identifier("b"), .symbol(.rightParen),
            .newline, .symbol(.leftBracket), .integer(1), .integer(2), .symbol(.rightBracket),
        ])
    }

    func testNewlinesInsideBracesInsideParenthesesSeparate() {
        XCTAssertEqual(kinds("f(fn() {\na\nb\n})"), [
            .identifier("f"), .symbol(.leftParen), .keyword(.fn), .symbol(.leftParen), .symbol(.rightParen),
            .symbol(.leftBrace), .newline, .identifier("a"), .newline, .identifier("b"), .newline,
            .symbol(.rightBrace), .symbol(.rightParen),
        ])
    }

    func testLineEndingInBinaryOperatorOrCommaContinues() {
        XCTAssertEqual(kinds("a +\nb\nc,\nd\ne and\nf\nx =\n1"), [
            .identifier("a"), .symbol(.plus), .identifier("b"), .newline,
            .identifier("c"), .symbol(.comma), .identifier("d"), .newline,
            .identifier("e"), .keyword(.and), .identifier("f"), .newline,
            .identifier("x"), .symbol(.assign), .integer(1),
        ])
    }

    func testStatementKeywordCloseAnUnclosedBracket() {
        // Recovery: `let` cannot be inside `[`, so the bracket is taken as unclosed and the line break counts.
        XCTAssertEqual(kinds("x = [1,\nlet y = 2\nz"), [
            .identifier("x"), .symbol(.assign), .symbol(.leftBracket), .integer(1), .symbol(.comma),
            .keyword(.let), .identifier("y"), .symbol(.assign), .integer(2), .newline, .identifier("z"),
        ])
        XCTAssertEqual(kinds("f(a\nlet"), [
            .identifier("f"), .symbol(.leftParen), .identifier("a"), .newline, .keyword(.let),
        ])
        // Expression keywords (fn, train, sweep) may legitimately start a line inside brackets.
        XCTAssertEqual(kinds("f(\nfn() => 1)"), [
            .identifier("f"), .symbol(.leftParen), .keyword(.fn), .symbol(.leftParen), .symbol(.rightParen),
            .symbol(.arrow), .integer(1), .symbol(.rightParen),
        ])
    }

    func testUnexpectedCharactersCarryHints() {
        let result = diagnostics("a && b ! c 'd' $")
        XCTAssertEqual(result.map(\.kind), Array(repeating: .unexpectedCharacter, count: 5))
        XCTAssertEqual(result.map(\.hint), [
            "use 'and' for logical and", "use 'not' for logical negation", "strings use double quotes",
            "strings use double quotes", nil,
        ])
        XCTAssertEqual(diagnostics("η = 1").first?.message, "unexpected character 'η'")
    }

    func testTokenRangesAreByteOffsets() {
        let result = Lexer.tokenize(SourceFile(name: "t.sam", text: "let η_x"))
        XCTAssertEqual(result.tokens[0].range, SourceRange(0, 3))
        XCTAssertEqual(result.diagnostics.first?.range, SourceRange(4, 6))
        XCTAssertEqual(result.tokens.last?.range, SourceRange(8, 8))
    }

    func testCarriageReturnLineEndings() {
        XCTAssertEqual(kinds("a\r\nb"), [.identifier("a"), .newline, .identifier("b")])
    }

    func testSourceFileLocations() {
        let file = SourceFile(name: "f.sam", text: "ab\n\tηc\nlast")
        XCTAssertEqual(file.location(of: 0), SourceLocation(offset: 0, line: 1, column: 1))
        XCTAssertEqual(file.location(of: 3).description, "2:1")
        XCTAssertEqual(file.location(of: 6).description, "2:3")  // after tab and η (2 bytes)
        XCTAssertEqual(file.location(of: 100).description, "3:5")
        XCTAssertEqual(file.lineText(2), "\tηc")
        XCTAssertEqual(file.lineCount, 3)
    }
}
