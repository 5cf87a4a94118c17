import Foundation
import SamLanguage
import XCTest

/// Keeps `grammar/` consistent with the code: tmLanguage keywords, and the EBNF rules the parser quotes.
final class GrammarFileTests: XCTestCase {
    /// The package root, found from this file's path (Tests/SamLanguageTests/GrammarFileTests.swift).
    private static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    private func read(_ relativePath: String) throws -> String {
        try String(contentsOf: GrammarFileTests.packageRoot.appendingPathComponent(relativePath), encoding: .utf8)
    }

    private func textMateRepository() throws -> [String: Any] {
        let data = try XCTUnwrap(try read("grammar/sam.tmLanguage.json").data(using: .utf8))
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        XCTAssertEqual(json["scopeName"] as? String, "source.sam")
        return try XCTUnwrap(json["repository"] as? [String: Any])
    }

    /// The names of a `\b(?:a|b|c)\b` alternation.
    private func alternation(_ regex: String) throws -> [String] {
        let prefix = "\\b(?:", suffix = ")\\b"
        XCTAssertTrue(regex.hasPrefix(prefix) && regex.hasSuffix(suffix), "not a \\b(?:...)\\b alternation: \(regex)")
        return regex.dropFirst(prefix.count).dropLast(suffix.count).split(separator: "|").map(String.init)
    }

    func testTextMateKeywordsEqualTheLexerKeywords() throws {
        let keywords = try XCTUnwrap(try textMateRepository()["keywords"] as? [String: Any])
        let patterns = try XCTUnwrap(keywords["patterns"] as? [[String: Any]])
        var names: [String] = []
        for pattern in patterns { names += try alternation(try XCTUnwrap(pattern["match"] as? String)) }
        XCTAssertEqual(names.sorted(), Lexer.keywords.sorted())
        XCTAssertEqual(Set(names).count, names.count, "a keyword is listed twice")
    }

    func testTextMateBuiltinsAreOneAlternation() throws {
        let builtins = try XCTUnwrap(try textMateRepository()["builtins"] as? [String: Any])
        let names = try alternation(try XCTUnwrap(builtins["match"] as? String))
        XCTAssertFalse(names.isEmpty)
        XCTAssertTrue(names.allSatisfy { !Lexer.keywords.contains($0) })
    }

    func testTextMateHighlightsEveryContextualWord() throws {
        let text = try read("grammar/sam.tmLanguage.json")
        let repository = try textMateRepository()
        XCTAssertNotNil(repository["contextual-keywords"])
        for word in Lexer.contextualKeywords {
            XCTAssertTrue(text.contains(word), "contextual word '\(word)' is not highlighted")
        }
    }

    /// Rule text with comments removed and whitespace collapsed.
    private func normalize(_ text: String) -> String {
        var result = ""
        var rest = Substring(text)
        while let open = rest.range(of: "(*") {
            result += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: "*)") else { break }
            rest = rest[close.upperBound...]
        }
        result += rest
        return result.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
    }

    /// The rules quoted in the parser's doc comments: indented `///     name = ... ;` blocks.
    private func quotedRules() throws -> [String] {
        let files = ["Parser.swift", "Parser+Statements.swift", "Parser+Expressions.swift", "Parser+Primary.swift", "Parser+Domain.swift"]
        var rules: [String] = []
        for name in files {
            var current: String?
            for line in try read("Sources/SamLanguage/\(name)").split(separator: "\n", omittingEmptySubsequences: false) {
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                guard trimmed.hasPrefix("///     ") else { current = nil; continue }
                let body = String(trimmed.dropFirst(3))
                current = (current.map { $0 + " " } ?? "") + body
                if body.hasSuffix(";"), let rule = current {
                    rules.append(normalize(rule))
                    current = nil
                }
            }
        }
        return rules
    }

    func testEveryRuleQuotedByTheParserIsInTheGrammar() throws {
        let grammar = normalize(try read("grammar/sam.ebnf"))
        let rules = try quotedRules()
        XCTAssertGreaterThan(rules.count, 40)
        for rule in rules {
            XCTAssertTrue(grammar.contains(rule), "parser quotes a rule that sam.ebnf lacks: \(rule)")
        }
    }

    func testEverySyntacticRuleIsImplementedByAParserMethod() throws {
        let grammar = try read("grammar/sam.ebnf")
        let syntactic = try XCTUnwrap(grammar.range(of: "Syntactic grammar")).upperBound
        let quotedNames = Set(try quotedRules().compactMap { $0.split(separator: " ").first.map(String.init) })
        var defined: [String] = []
        for statement in normalize(String(grammar[syntactic...])).split(separator: ";") {
            let words = statement.split(separator: " ")
            if words.count >= 2, words[1] == "=" { defined.append(String(words[0])) }
        }
        XCTAssertGreaterThan(defined.count, 40)
        for name in defined {
            XCTAssertTrue(quotedNames.contains(name), "no parser method quotes the rule '\(name)'")
        }
    }
}
