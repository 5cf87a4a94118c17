import SamInterpreter
import XCTest

/// Lexical scoping and closures, following the checker's rules.
final class ScopingTests: XCTestCase {
    func testLetShadowsAndAssignmentUpdatesTheNearestBinding() {
        XCTAssertEqual(output(of: """
            let x = 1
            if true {
              let x = 2
              x = 3
              print(x)
            }
            print(x)
            if true { x = 10 }
            print(x)
            if true { y = 5; print(y) }
            """), "3\n1\n10\n5\n")
    }

    func testBlockBindingsDoNotLeak() {
        let (stderr, status) = failure(of: "if true { let inner = 1 }\nprint(inner)\n")
        XCTAssertEqual(status, 65)  // the checker already knows
        XCTAssertTrue(stderr.contains("unknown name 'inner'"), stderr)
    }

    func testClosuresCaptureTheirEnvironment() {
        XCTAssertEqual(output(of: """
            fn make_counter() {
              let count = 0
              fn next() {
                count += 1
                return count
              }
              return next
            }
            let a = make_counter()
            let b = make_counter()
            a(); a()
            print(a(), b())
            fn adder(n) => fn(x) => x + n
            print(adder(10)(5))
            """), "3 1\n15\n")
    }

    func testFunctionsSeeLaterDefinitionsAndRecurseMutually() {
        XCTAssertEqual(output(of: """
            fn is_even(n) { if n == 0 { return true }; return is_odd(n - 1) }
            fn is_odd(n) { if n == 0 { return false }; return is_even(n - 1) }
            print(is_even(10), is_odd(7))
            """), "true true\n")
    }

    func testDefaultsAreEvaluatedAtCallTimeInTheDefiningScope() {
        XCTAssertEqual(output(of: """
            let base = 1
            fn f(x: base * 10) => x
            print(f())
            base = 2
            print(f(), f(3))
            """), "10\n20 3\n")
    }

    func testLoopVariablesAreFreshPerIteration() {
        XCTAssertEqual(output(of: """
            let fs = []
            for i in 0..<3 { fs = append(fs, fn() => i) }
            print(fs[0](), fs[1](), fs[2]())
            """), "0 1 2\n")
    }

    func testBuiltinsCanBeShadowedWithLet() {
        XCTAssertEqual(output(of: "let len = 5\nprint(len)\n"), "5\n")
    }
}
