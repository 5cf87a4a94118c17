import Foundation
import SamLanguage
import XCTest

/// A small seeded generator (SplitMix64), so every fuzz run sees the same inputs.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Bounded, seeded fuzzing of lexer, parser, checker and renderer: random token soup, random bytes, and
/// mutations (deletions, duplications, swaps, insertions) of the valid examples. Every input must give
/// either a clean result or at least one diagnostic, with ranges inside the file, and never crash.
final class FuzzTests: XCTestCase {
    static let inputCount = 20_000

    private static let vocabulary: [String] = {
        var words = Lexer.keywords + Lexer.contextualKeywords + Symbol.allCases.map(\.rawValue)
        words += ["x", "eta", "rho", "net", "data", "sgd", "sam", "mse", "relu", "loss", "hessian_top", "print", "train"]
        words += ["0", "1", "3", "0.5", "1e-3", "2.5E+2", "1_000", "\"s\"", "\"a\\nb\"", "\"\\u{48}\"", "\"open"]
        words += ["\n", "\n", "\n", " ", "# note\n", "\t", "&&", "!", "'", "η", "..", "\\"]
        return words
    }()

    private static let seeds: [String] = Fixtures.replEntries + [Fixtures.sweepScript, Fixtures.everything, """
        fn f(a, b: 2) {
          if a > b { return a } else if a == b { return 0 } else { return b }
        }
        let xs = [f(1), f(2, b: 3)]
        for x in xs { print(x ** 2, -x, not (x < 1)) }
        """]

    private func tokenSoup(_ rng: inout SplitMix64) -> String {
        let count = Int.random(in: 1...60, using: &rng)
        return (0..<count).map { _ in
            FuzzTests.vocabulary[Int.random(in: 0..<FuzzTests.vocabulary.count, using: &rng)]
        }.joined(separator: Bool.random(using: &rng) ? " " : "")
    }

    private func randomBytes(_ rng: inout SplitMix64) -> String {
        let count = Int.random(in: 0...200, using: &rng)
        let bytes = (0..<count).map { _ -> UInt8 in
            // Mostly printable ASCII, some control bytes and invalid UTF-8.
            Int.random(in: 0..<4, using: &rng) == 0 ? UInt8.random(in: 0...255, using: &rng) : UInt8.random(in: 9...126, using: &rng)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private func mutation(_ rng: inout SplitMix64) -> String {
        var scalars = Array(FuzzTests.seeds[Int.random(in: 0..<FuzzTests.seeds.count, using: &rng)].unicodeScalars)
        for _ in 0..<Int.random(in: 1...4, using: &rng) {
            guard !scalars.isEmpty else { break }
            let start = Int.random(in: 0..<scalars.count, using: &rng)
            let end = min(scalars.count, start + Int.random(in: 1...12, using: &rng))
            switch Int.random(in: 0..<5, using: &rng) {
            case 0:  // delete a span
                scalars.removeSubrange(start..<end)
            case 1:  // duplicate a span
                scalars.insert(contentsOf: scalars[start..<end], at: end)
            case 2:  // swap two spans
                let other = Int.random(in: 0..<scalars.count, using: &rng)
                let otherEnd = min(scalars.count, other + (end - start))
                if otherEnd <= start || other >= end {
                    let first = Array(scalars[start..<end]), second = Array(scalars[other..<otherEnd])
                    if other < start {
                        scalars.replaceSubrange(start..<end, with: second)
                        scalars.replaceSubrange(other..<otherEnd, with: first)
                    } else {
                        scalars.replaceSubrange(other..<otherEnd, with: first)
                        scalars.replaceSubrange(start..<end, with: second)
                    }
                }
            case 3:  // insert a token
                let word = FuzzTests.vocabulary[Int.random(in: 0..<FuzzTests.vocabulary.count, using: &rng)]
                scalars.insert(contentsOf: word.unicodeScalars, at: start)
            default:  // delete one character
                scalars.remove(at: start)
            }
        }
        var text = ""
        text.unicodeScalars.append(contentsOf: scalars)
        return text
    }

    /// Runs the whole front end on one input; returns whether it produced any diagnostic.
    private func verify(_ text: String, index: Int) -> Bool {
        let file = SourceFile(name: "fuzz\(index).sam", text: text)
        let analysis = Frontend.analyze(file, checker: Fixtures.checker)
        if analysis.isIncomplete {
            XCTAssertTrue(analysis.diagnostics.first { $0.severity == .error }?.isUnexpectedEndOfInput ?? false, "input \(index)")
        }
        for diagnostic in analysis.diagnostics {
            XCTAssertTrue(diagnostic.range.upperBound <= file.utf8.count, "input \(index): range out of the file")
            XCTAssertFalse(DiagnosticRenderer().render(diagnostic).isEmpty)
        }
        if index % 4 == 0 {
            let entry = Frontend.analyzeReplEntry(file, checker: Fixtures.checker, scope: ReplScope(names: ["net", "data"]))
            XCTAssertEqual(entry.isIncomplete, analysis.isIncomplete, "input \(index)")
            _ = SyntaxPrinter.print(entry.node.statements)
        }
        return !analysis.diagnostics.isEmpty
    }

    func testFuzzedInputsNeverCrashAndAlwaysResolve() {
        var rng = SplitMix64(state: 0x5A3_2024)
        var kinds = [0, 0, 0]
        var withDiagnostics = 0
        for index in 0..<FuzzTests.inputCount {
            let kind = index % 10 < 3 ? 0 : (index % 10 < 4 ? 1 : 2)
            kinds[kind] += 1
            let text: String
            switch kind {
            case 0: text = tokenSoup(&rng)
            case 1: text = randomBytes(&rng)
            default: text = mutation(&rng)
            }
            if verify(text, index: index) { withDiagnostics += 1 }
        }
        XCTAssertEqual(kinds.reduce(0, +), FuzzTests.inputCount)
        print("fuzz: \(FuzzTests.inputCount) inputs (\(kinds[0]) token soup, \(kinds[1]) random bytes, \(kinds[2]) mutations); \(withDiagnostics) with diagnostics, the rest clean")
    }
}
