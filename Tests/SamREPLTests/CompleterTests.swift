import Foundation
import SamREPL
import XCTest

/// A fixed vocabulary: keywords, a few builtins with parameters, session names with fields.
private struct FixedSource: CompletionSource {
    var keywords = ["fn", "for", "let", "not", "none"]
    var builtinNames = ["norm", "range", "sam", "sam_edge", "hessian_top"]
    var sessionNames = ["cfg", "run", "norm_sq"]
    var directory: String?

    func parameterNames(of name: String) -> [String]? {
        ["sam": ["lr", "rho", "schedule"], "range": ["start", "end"], "norm_sq": ["x"]][name]
    }

    func fieldNames(of path: [String]) -> [String]? {
        [["cfg"]: ["lr", "rho", "name"], ["run"]: ["final", "status"], ["run", "final"]: ["loss", "lambda_1"]][path]
    }
}

final class CompleterTests: XCTestCase {
    private let completer = Completer(source: FixedSource())

    func testNamesKeywordsAndBuiltinsByPrefix() {
        XCTAssertEqual(completer.complete("let x = nor").texts, ["norm", "norm_sq"])
        XCTAssertEqual(completer.complete("let x = nor").start, 8)
        XCTAssertEqual(completer.complete("f").texts, ["fn", "for"])
        XCTAssertEqual(completer.complete("le").texts, ["let"])
        XCTAssertEqual(completer.complete("le").terminator, " ")
        XCTAssertEqual(completer.complete("1 + ra").texts, ["range"])
        XCTAssertNil(completer.complete("1 + ra").terminator)
        XCTAssertEqual(completer.complete("xyz").texts, [])
        XCTAssertEqual(completer.complete("").texts.count, 13)
    }

    func testNothingInCommentsOrNumbers() {
        XCTAssertEqual(completer.complete("1 # nor").texts, [])
        XCTAssertEqual(completer.complete("let x = 12").texts, [])
        XCTAssertEqual(completer.complete("print(\"#\", nor").texts, ["norm", "norm_sq"])
    }

    func testParameterNamesInsideCalls() {
        XCTAssertEqual(completer.complete("sam(").texts, ["lr:", "rho:", "schedule:"])
        XCTAssertEqual(completer.complete("sam(").terminator, nil)
        XCTAssertEqual(completer.complete("sam(r").texts, ["range", "rho:", "run"])
        XCTAssertEqual(completer.complete("sam(lr: 0.1, ").texts, ["rho:", "schedule:"])
        XCTAssertEqual(completer.complete("sam(lr: 0.1, s").texts, ["sam", "sam_edge", "schedule:"])
        XCTAssertEqual(completer.complete("sam(lr: 0.1, rh").texts, ["rho:"])
        XCTAssertEqual(completer.complete("sam(lr: 0.1, rh").terminator, " ")
        XCTAssertEqual(completer.complete("sam(lr: ra").texts, ["range"], "a value, not a parameter")
        XCTAssertEqual(completer.complete("sam(lr: range(1, 2), ").texts, ["rho:", "schedule:"])
        XCTAssertEqual(completer.complete("sam(lr: range(").texts, ["end:", "start:"])
        XCTAssertEqual(completer.complete("sam(lr: {rho: 1}, ").texts, ["rho:", "schedule:"], "record labels are not arguments")
        XCTAssertEqual(completer.complete("norm_sq (").texts, ["x:"])
        XCTAssertEqual(completer.complete("cfg.sam(").texts.count, 13, "a method-like call has no known parameters")
    }

    func testFieldsAfterADot() {
        XCTAssertEqual(completer.complete("cfg.").texts, ["lr", "name", "rho"])
        XCTAssertEqual(completer.complete("print(cfg.r").texts, ["rho"])
        XCTAssertEqual(completer.complete("print(cfg.r").start, 10)
        XCTAssertEqual(completer.complete("run.final.l").texts, ["lambda_1", "loss"])
        XCTAssertEqual(completer.complete("run.nothing.").texts, [])
        XCTAssertEqual(completer.complete("f(x).").texts, [])
        XCTAssertEqual(completer.complete("1.").texts, [])
        XCTAssertEqual(completer.complete("\"cfg\".").texts, [])
    }

    func testPathsInsideStrings() throws {
        let directory = NSTemporaryDirectory() + "samlab-complete-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory + "/scripts", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        for file in ["scripts/a.sam", "scripts/b.sam", "sweep.sam", ".hidden"] {
            XCTAssertTrue(FileManager.default.createFile(atPath: directory + "/" + file, contents: Data()))
        }
        let quoted = "data = text(\"" + directory
        let top = completer.complete(quoted + "/s")
        XCTAssertEqual(top.texts, [directory + "/scripts/", directory + "/sweep.sam"])
        XCTAssertEqual(top.start, "data = text(\"".utf8.count)
        XCTAssertEqual(completer.complete(quoted + "/scripts/").texts, [directory + "/scripts/a.sam", directory + "/scripts/b.sam"])
        XCTAssertEqual(completer.complete(quoted + "/").texts.count, 2, "hidden files only when asked for")
        XCTAssertEqual(completer.complete(quoted + "/.h").texts, [directory + "/.hidden"])
        XCTAssertNil(completer.complete(quoted + "/scripts").terminator, "a directory is completed further")
        XCTAssertEqual(completer.complete(":load " + directory + "/sw").texts, [directory + "/sweep.sam"])
        XCTAssertEqual(completer.complete("print(\"a\\\"b\", \"" + directory + "/sw").texts, [directory + "/sweep.sam"])
    }

    func testCommands() {
        XCTAssertEqual(completer.complete(":").texts, [":help", ":load", ":quit", ":reset", ":time", ":vars"])
        XCTAssertEqual(completer.complete("  :r").texts, [":reset"])
        XCTAssertEqual(completer.complete("  :r").start, 2)
        XCTAssertEqual(completer.complete(":r").terminator, " ")
        XCTAssertEqual(completer.complete(":help no").texts, ["norm"])
        XCTAssertEqual(completer.complete(":help :l").texts, [":load"])
        XCTAssertEqual(completer.complete(":time cfg.n").texts, ["name"])
        XCTAssertEqual(completer.complete(":time cfg.n").start, 10)
        XCTAssertEqual(completer.complete(":vars x").texts, [])
        XCTAssertEqual(completer.complete(":nope x").texts, [])
    }

    func testCandidatesForAnotherWordStart() {
        let line = "data = text(\"dir/sc"
        let completion = Completion(start: 13, candidates: [CompletionCandidate("dir/scripts/", .directory)])
        XCTAssertEqual(completion.texts(forWordStart: 17, in: line), ["scripts/"])
        XCTAssertEqual(completion.texts(forWordStart: 12, in: line), ["\"dir/scripts/"])
        XCTAssertEqual(completion.texts(forWordStart: 13, in: line), ["dir/scripts/"])
    }

    func testNeverCrashesOnArbitraryInput() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("ab_.:()[]{},\"\\# 1=\tη/")
        for _ in 0..<3000 {
            let line = String((0..<Int.random(in: 0...24, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            let completion = completer.complete(line)
            let bytes = Array(line.utf8)
            XCTAssertLessThanOrEqual(completion.start, bytes.count, line)
            let typed = String(decoding: bytes[min(completion.start, bytes.count)...], as: UTF8.self)
            for text in completion.texts { XCTAssertTrue(text.hasPrefix(typed), "\(line) → \(text)") }
        }
    }
}
