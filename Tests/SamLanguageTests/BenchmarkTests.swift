import SamLanguage
import XCTest

/// Not a timed test: prints how long lexing, parsing and checking a generated 10,000-line script take.
/// Run it in release mode for the real number:
/// `swift test -c release --filter SamLanguageTests.BenchmarkTests`.
final class BenchmarkTests: XCTestCase {
    /// A realistic script of `lines` lines: functions, lists, records, sweeps, train blocks, probes.
    static func generatedScript(lines: Int) -> String {
        var text = "param scale = \"laptop\" in [\"tiny\", \"laptop\", \"paper\"]\n"
            + "data = mnist(split: \"train\", limit: 2000, center: true)\n"
        var lineCount = 2
        var block = 0
        while lineCount < lines {
            let chunk = """
                fn helper_\(block)(a, b: 2) {
                  let c = a * b + \(block) ** 2 - (a / 3) % 5
                  if c > 10 and not (c == 11) { return c } else { return -c }
                }
                let values_\(block) = [helper_\(block)(1), helper_\(block)(2, b: 3), 0.5e-3, 1_000]
                net_\(block) = mlp(hidden: [100, 100], act: relu, init: glorot_normal(scale: 1.0), seed: \(block))
                sweep eta in [0.03, 0.1], rho in [0.0, 0.1] {
                  train net_\(block) on data {
                    loss      = mse
                    optimizer = sam(lr: eta, rho: rho)   # rho = 0 is plain GD
                    batch     = full
                    stop      = after(steps: 3000) or after(minutes: 10)
                    probe every 25 steps: loss, grad_norm, hessian_top(k: 3), gd_edge, sam_edge, alignment
                  }
                }
                x_\(block) = {a: 1, b: "two\\n", c: [1, 2, 3]}
                print(x_\(block).a, values_\(block)[0], 0..<10)


                """
            text += chunk
            lineCount += chunk.utf8.filter { $0 == UInt8(ascii: "\n") }.count
            block += 1
        }
        return text
    }

    func testParseAndCheckTenThousandLines() {
        let text = BenchmarkTests.generatedScript(lines: 10_000)
        let file = SourceFile(name: "big.sam", text: text)
        var best = (parse: Duration.seconds(1_000), check: Duration.seconds(1_000))
        let clock = ContinuousClock()
        for _ in 0..<3 {
            var parsed: Parser.Result<Program>?
            let parseTime = clock.measure { parsed = Parser.parseProgram(file) }
            XCTAssertEqual(parsed?.diagnostics.count, 0)
            var diagnostics: [Diagnostic] = []
            let checkTime = clock.measure { diagnostics = Fixtures.checker.check(parsed!.node) }
            XCTAssertEqual(render(diagnostics), "")
            best = (min(best.parse, parseTime), min(best.check, checkTime))
        }
        func ms(_ duration: Duration) -> String {
            let value = Double(duration.components.seconds) * 1e3 + Double(duration.components.attoseconds) * 1e-15
            return String(Int(value.rounded())) + " ms"
        }
        print("benchmark: \(file.lineCount) lines, \(file.utf8.count) bytes: lex+parse \(ms(best.parse)), check \(ms(best.check)), total \(ms(best.parse + best.check)) (best of 3)")
    }
}
