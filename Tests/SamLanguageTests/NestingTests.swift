import Foundation
import SamLanguage
import XCTest

/// Pathologically deep input gives a diagnostic, never a stack overflow — also on a thread with a 1 MiB
/// stack, which is enough for the deepest accepted input even in a debug build (release needs far less).
final class NestingTests: XCTestCase {
    private static let depth = 10_000

    private static let deepInputs: [String: String] = [
        "parentheses": String(repeating: "(", count: depth) + "1" + String(repeating: ")", count: depth),
        "open parentheses": String(repeating: "(", count: depth),
        "brackets": String(repeating: "[", count: depth),
        "records": "x = " + String(repeating: "{a: ", count: depth),
        "calls": "f" + String(repeating: "(f", count: depth),
        "negations": String(repeating: "-", count: depth) + "1",
        "nots": String(repeating: "not ", count: depth) + "x",
        "powers": String(repeating: "2 ** ", count: depth) + "2",
        "sums": String(repeating: "1 + ", count: depth) + "1",
        "fields": "a" + String(repeating: ".b", count: depth),
        "indexes": "a" + String(repeating: "[0]", count: depth),
        "lambdas": String(repeating: "fn() => ", count: depth) + "1",
        "blocks": String(repeating: "if x {\n", count: depth) + String(repeating: "}\n", count: depth),
        "functions": String(repeating: "fn f() {\n", count: depth),
        "sweeps": String(repeating: "sweep a in [1] { ", count: depth),
        "trains": String(repeating: "train ", count: depth),
    ]

    func testDeepNestingIsADiagnostic() {
        for (name, text) in NestingTests.deepInputs.sorted(by: { $0.key < $1.key }) {
            let result = Parser.parseProgram(SourceFile(name: "\(name).sam", text: text))
            XCTAssertTrue(result.diagnostics.contains { $0.kind == .nestingTooDeep }, "\(name): \(result.diagnostics.map(\.message))")
            XCTAssertFalse(result.isIncomplete, name)
            XCTAssertLessThan(result.diagnostics.count, 5, name)
        }
    }

    func testNestingBelowTheLimitIsFine() {
        let depth = Parser.maxNestingDepth / 2 - 2
        let text = "x = " + String(repeating: "(", count: depth) + "1" + String(repeating: ")", count: depth)
            + "\ny = " + String(repeating: "-", count: depth) + "1"
            + "\nz = " + Array(repeating: "1", count: depth).joined(separator: " + ")
        let analysis = Frontend.analyze(SourceFile(name: "ok.sam", text: text), checker: Fixtures.checker)
        XCTAssertEqual(render(analysis.diagnostics), "")
    }

    func testDeepNestingOnASmallStack() {
        let done = expectation(description: "parsed on a 1 MiB stack")
        let thread = Thread {
            for (name, text) in NestingTests.deepInputs {
                let analysis = Frontend.analyze(SourceFile(name: "\(name).sam", text: text), checker: Fixtures.checker)
                XCTAssertTrue(analysis.hasErrors, name)
            }
            let limit = Parser.maxNestingDepth - 1
            let deepest = String(repeating: "(", count: limit) + "1" + String(repeating: ")", count: limit)
            _ = Frontend.analyze(SourceFile(name: "limit.sam", text: deepest), checker: Fixtures.checker)
            done.fulfill()
        }
        thread.stackSize = 1024 * 1024
        thread.start()
        wait(for: [done], timeout: 60)
    }
}
