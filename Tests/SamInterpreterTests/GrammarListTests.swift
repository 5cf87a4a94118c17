import Foundation
import SamInterpreter
import SamLanguage
import XCTest

/// `grammar/sam.tmLanguage.json` highlights exactly the registry's builtin functions and the lexer's
/// keywords. Builtins named like a keyword (`save`, `plot`, `train`: the hooks of the domain forms) are
/// highlighted as keywords, so the builtin list leaves them out. After adding a builtin, paste the
/// alternation this test prints into `repository.builtins`.
final class GrammarListTests: XCTestCase {
    private func grammar() throws -> [String: Any] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let data = try Data(contentsOf: root.appendingPathComponent("grammar/sam.tmLanguage.json"))
        return try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// The names of one `\b(?:a|b|c)\b` alternation.
    private func alternation(_ pattern: String) throws -> [String] {
        let prefix = "\\b(?:", suffix = ")\\b"
        XCTAssertTrue(pattern.hasPrefix(prefix) && pattern.hasSuffix(suffix), pattern)
        return pattern.dropFirst(prefix.count).dropLast(suffix.count).split(separator: "|").map(String.init)
    }

    func testBuiltinsEqualTheRegistry() throws {
        let repository = try XCTUnwrap(grammar()["repository"] as? [String: Any])
        let builtins = try XCTUnwrap(repository["builtins"] as? [String: Any])
        let listed = try alternation(try XCTUnwrap(builtins["match"] as? String))
        let expected = BuiltinRegistry.standard().functionNames.filter { !Lexer.keywords.contains($0) }
        XCTAssertEqual(listed.sorted(), expected,
                       "set repository.builtins.match to \\\\b(?:\(expected.joined(separator: "|")))\\\\b")
    }

    func testKeywordsEqualTheLexer() throws {
        let repository = try XCTUnwrap(grammar()["repository"] as? [String: Any])
        let keywords = try XCTUnwrap(repository["keywords"] as? [String: Any])
        let patterns = try XCTUnwrap(keywords["patterns"] as? [[String: Any]])
        let listed = try patterns.flatMap { try alternation(try XCTUnwrap($0["match"] as? String)) }
        XCTAssertEqual(listed.sorted(), Lexer.keywords.sorted())
    }
}
