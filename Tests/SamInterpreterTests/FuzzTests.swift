import Foundation
import SamInterpreter
import SamLanguage
import Tensors
import XCTest

/// The interpreter never crashes: thousands of seeded mutations of valid scripts either run or end
/// with a located diagnostic. Mutants without syntax errors run even when the checker rejects them, so
/// the interpreter's own checks (unknown names, misplaced statements) are exercised too. Loops and
/// recursion are bounded by small limits.
final class FuzzTests: XCTestCase {
    /// Valid scripts exercising every construct and builtin group (no file output).
    static let corpus = [
        """
        fn fact(n) { if n <= 1 { return 1 }; return n * fact(n - 1) }
        let xs = [1, 2, 3, 4]
        let total = 0
        for x in xs { total += fact(x) }
        print(total, xs[1..<3], xs[-1], len(xs), sum(xs), min(xs), max(3, 9))
        """,
        """
        let m = tensor([[2.0, 1.0], [1.0, 2.0]])
        let r = eigh(m)
        print(r.values, m @ [1, 2], dot([1, 2], [3, 4]), norm(m), transpose(m)[0], m[1, 1], diag([1, 2]))
        print(reshape(ones([2, 3]), [3, 2]) * 2 - 1, outer([1, 2], [3]), to_list(eye(2)), shape(m))
        assert_close(m @ transpose(r.vectors)[0], r.values[0] * transpose(r.vectors)[0], atol: 1e-9)
        """,
        """
        let r = {lr: 0.1, sizes: [10, 20], inner: {k: 3}}
        fn pick(rec, key: "lr") => rec[key]
        print(pick(r), r.inner.k, keys(r), type(r), str(r) + "!")
        let n = 0
        while n < 10 { n += 2 }
        print(n % 3, n / 4, n ** 2, -n, abs(-n), sqrt(n), exp(0), log(1), floor(2.7), round(2.5), round(pi, digits: 2))
        """,
        """
        let cells = sweep a in [1, 2], b in 0..<3 { a * b + 1 }
        for c in cells { print(c.a, c.b, c.result) }
        let make = fn(k) => fn(x) => x * k
        print(make(3)(4), concat([1], 0..<2, [[5]]), append([], none), range(10, 0, -3))
        if 1 < 2 and not false or true { print("yes") } else if false { print("no") } else { print("never") }
        """,
        """
        fn walk(t, depth: 0) {
          if depth > 3 { return t }
          return walk(t * 0.5 + 1, depth: depth + 1)
        }
        let v = random_normal([3], seed: 7)
        print(walk(v), walk(2), zeros(3) + ones(3), v[0..<2], inf, nan == nan, e > 2)
        for row in eye(3) { print(row @ [1, 2, 3]) }
        """,
    ]

    /// Fragments spliced into scripts: operators, literals at the edges, brackets, keywords, calls.
    static let fragments = [
        "(", ")", "[", "]", "{", "}", ",", ".", ":", ";", "\n", "=", "+=", "-", "+", "*", "/", "%", "**", "@",
        "..<", "...", "==", "<", "and", "or", "not", "0", "-1", "1e308", "9223372036854775807", "0.0", "\"s\"",
        "none", "true", "[]", "{}", "[[1, 2], [3]]", "[[1, 2], [3, 4]]", "tensor(", "eigh(", "zeros(", "reshape(",
        "fn(x) => x", "return", "x", "xs", "m", "r", "let", "if", "for", "while", "in", "assert", "range(", "len(",
        "print(", "sum(", "norm(", "transpose(", "dot(", "to_list(", "min(", "max(", "[0]", "[-1]", "[0, 0]", ".values",
        "fact(", "walk(", "sweep", "train", "probe", "import", "param", "(1, 2)", "a: 1", "** -1", "1 / 0",
    ]

    func testMutatedScriptsNeverCrash() throws {
        var generator = RandomGenerator(seed: 20_240_601)
        let registry = BuiltinRegistry.standard()
        let output = NSTemporaryDirectory() + "samlab-fuzz-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: output) }
        var ran = 0, failedAtRun = 0, rejected = 0
        let count = 3000
        for index in 0..<count {
            let source = mutate(Self.corpus[index % Self.corpus.count], &generator)
            let file = SourceFile(name: "fuzz.sam", text: source)
            let parsed = Parser.parseProgram(file)
            guard !parsed.diagnostics.containsErrors else {
                rejected += 1
                continue
            }
            let interpreter = Interpreter(registry: registry,
                                          context: InterpreterContext(output: StringSink(), outputDirectory: output, quiet: true),
                                          options: Interpreter.Options(maxCallDepth: 60, maxSteps: 3000))
            do {
                try interpreter.run(parsed.node)
                ran += 1
            } catch let error as RuntimeError {
                failedAtRun += 1
                XCTAssertNotNil(error.location, "unlocated error \(error.message) for:\n\(source)")
                XCTAssertFalse(error.description.isEmpty)
            } catch {
                XCTFail("non-runtime error \(error) for:\n\(source)")
            }
        }
        XCTAssertEqual(ran + failedAtRun + rejected, count)
        XCTAssertGreaterThan(ran, 300, "too few mutants ran to completion")
        XCTAssertGreaterThan(failedAtRun, 300, "too few mutants reached a runtime error")
        print("fuzz: \(count) mutants: \(ran) ran, \(failedAtRun) ended with a runtime error, \(rejected) had syntax errors")
    }

    /// One to three random edits: splice a fragment, delete a span, duplicate a line, or swap two lines.
    private func mutate(_ source: String, _ generator: inout RandomGenerator) -> String {
        var characters = Array(source)
        for _ in 0..<(1 + Int(generator.next() % 3)) {
            let position = Int(generator.next() % UInt64(characters.count + 1))
            switch generator.next() % 4 {
            case 0:
                let fragment = Self.fragments[Int(generator.next() % UInt64(Self.fragments.count))]
                characters.insert(contentsOf: " " + fragment + " ", at: position)
            case 1:
                let length = min(characters.count - position, 1 + Int(generator.next() % 6))
                characters.removeSubrange(position..<(position + length))
            default:
                var lines = String(characters).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                let i = Int(generator.next() % UInt64(lines.count)), j = Int(generator.next() % UInt64(lines.count))
                if generator.next() % 2 == 0 { lines.insert(lines[i], at: j) } else { lines.swapAt(i, j) }
                characters = Array(lines.joined(separator: "\n"))
            }
        }
        return String(characters)
    }
}
