import SamLanguage
import XCTest

/// One test per checker rule, plus the scoping rules.
final class CheckerTests: XCTestCase {
    private func messages(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> [String] {
        checkDiagnostics(text, file: file, line: line).map(\.message)
    }

    private func kinds(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> [DiagnosticKind] {
        checkDiagnostics(text, file: file, line: line).map(\.kind)
    }

    func testTheExamplesCheckCleanly() {
        XCTAssertEqual(render(checkDiagnostics(Fixtures.sweepScript)), "")
        let checker = Checker(catalog: Fixtures.catalog, importResolver: { $0 == "lib.sam" ? ["helper"] : nil })
        XCTAssertEqual(render(checkDiagnostics(Fixtures.everything, checker: checker)), "")
    }

    func testTheReplSessionChecksCleanlyInItsPersistentScope() {
        var scope = ReplScope(names: ["net", "data"])
        for text in Fixtures.replEntries {
            let result = Parser.parseReplEntry(SourceFile(name: "<repl>", text: text))
            XCTAssertEqual(render(result.diagnostics), "")
            XCTAssertEqual(render(Fixtures.checker.check(result.node, in: scope)), "", text)
            scope.declareNames(of: result.node)
        }
        XCTAssertEqual(scope.names, ["net", "data", "q", "g", "run"])
    }

    func testReplEntriesSeeOnlyNamesOfEarlierEntries() {
        let entry = Parser.parseReplEntry(SourceFile(name: "<repl>", text: "q + 1")).node
        XCTAssertEqual(Fixtures.checker.check(entry, in: ReplScope()).map(\.message), ["unknown name 'q'"])
        var scope = ReplScope()
        scope.declare("q")
        XCTAssertTrue(Fixtures.checker.check(entry, in: scope).isEmpty)
    }

    func testUnknownNamesSuggestCloseNames() {
        let diagnostics = checkDiagnostics("let learning_rate = 0.1\nx = learning_rat * 2\ny = rellu\nz = zzz")
        XCTAssertEqual(diagnostics.map(\.message), ["unknown name 'learning_rat'", "unknown name 'rellu'", "unknown name 'zzz'"])
        XCTAssertEqual(diagnostics.map(\.suggestion), ["learning_rate", "relu", nil])
        XCTAssertEqual(diagnostics[0].hint, "did you mean 'learning_rate'?")
    }

    func testUseBeforeDefinition() {
        let diagnostics = checkDiagnostics("print(x)\nx = 1\nlet y = y + 1")
        XCTAssertEqual(diagnostics.map(\.kind), [.useBeforeDefinition, .useBeforeDefinition])
        XCTAssertEqual(diagnostics.map(\.message), ["'x' is used before its definition", "'y' is used before its definition"])
        XCTAssertEqual(diagnostics[0].notes.map(\.message), ["'x' is defined here"])
        XCTAssertEqual(kinds("f()\nfn f() { return 1 }"), [.useBeforeDefinition])
    }

    func testFunctionBodiesMayUseNamesDefinedLater() {
        XCTAssertEqual(kinds("fn even(n) { return n == 0 or odd(n - 1) }\nfn odd(n) { return n != 0 and even(n - 1) }\nprint(even(4))"), [])
        XCTAssertEqual(kinds("fn bump() { count += 1 }\ncount = 0\nbump()"), [])
        XCTAssertEqual(kinds("let f = fn(n) => f(n)"), [])
    }

    func testBlocksAreScopes() {
        XCTAssertEqual(messages("if true { let inner = 1 }\nprint(inner)"), ["unknown name 'inner'"])
        XCTAssertEqual(kinds("let total = 0\nfor i in 0..<3 { total = total + i }\nprint(total)"), [])
        XCTAssertEqual(messages("for i in 0..<3 { }\nprint(i)"), ["unknown name 'i'"])
        XCTAssertEqual(kinds("x = 1\nif true { print(x)\n let x = 2 }"), [])
    }

    func testPlainAssignmentDeclaresWhenNothingIsVisible() {
        XCTAssertEqual(kinds("data = 1\ndata = data + 1"), [])
        XCTAssertEqual(kinds("fn f() { local = 1\n return local }"), [])
        XCTAssertEqual(messages("undefined += 1"), ["unknown name 'undefined'"])
    }

    func testAssignmentToABuiltinIsAnError() {
        let diagnostics = checkDiagnostics("relu = 1\nsgd = 2\nlet mse = 3")
        XCTAssertEqual(diagnostics.map(\.message), ["cannot assign to the builtin 'relu'", "cannot assign to the builtin 'sgd'"])
        XCTAssertEqual(diagnostics.first?.kind, .assignmentToBuiltin)
    }

    func testWrongArgumentNames() {
        let diagnostics = checkDiagnostics("o = sgd(lr: 0.1, momentun: 0.9)\np = sgd(lr: 0.1, beta: 0.9)")
        XCTAssertEqual(diagnostics.map(\.message), ["'sgd' has no parameter named 'momentun'", "'sgd' has no parameter named 'beta'"])
        XCTAssertEqual(diagnostics.map(\.hint), ["did you mean 'momentum'?", "parameters of 'sgd': lr, momentum"])
        XCTAssertEqual(diagnostics.first?.kind, .unknownArgument)
    }

    func testMissingRequiredArguments() {
        let diagnostics = checkDiagnostics("o = sam(lr: 0.1)\np = sam()")
        XCTAssertEqual(diagnostics.map(\.message), ["missing argument 'rho' in call to 'sam'",
                                                    "missing arguments 'lr', 'rho' in call to 'sam'"])
        XCTAssertEqual(diagnostics.first?.hint, "usage: sam(lr:, rho:)")
    }

    func testTooManyPositionalArguments() {
        XCTAssertEqual(messages("n = norm(1, 2, 3)"), ["too many positional arguments to 'norm': it takes at most 1, got 3"])
        XCTAssertEqual(kinds("print(1, 2, 3, 4)"), [])
    }

    func testDuplicateArguments() {
        let diagnostics = checkDiagnostics("o = sgd(lr: 0.1, lr: 0.2)\np = sgd(0.1, lr: 0.2)\nfn f(a) { return a }\nf(a: 1, a: 2)")
        XCTAssertEqual(diagnostics.map(\.message), [
            "duplicate argument 'lr'", "argument 'lr' is given twice (also by position)", "duplicate argument 'a'",
        ])
        XCTAssertEqual(diagnostics.map(\.kind), [.duplicateArgument, .duplicateArgument, .duplicateArgument])
        XCTAssertEqual(diagnostics[0].notes.map(\.message), ["'lr' is first given here"])
    }

    func testPositionalAfterNamed() {
        XCTAssertEqual(kinds("o = sgd(lr: 0.1, 0.9)\nfn f(a, b) { return a }\nf(a: 1, 2)"), [.positionalAfterNamed, .positionalAfterNamed])
    }

    func testObviouslyWrongLiteralTypes() {
        let diagnostics = checkDiagnostics("""
            o = sgd(lr: "fast")
            m = mlp(hidden: 3, act: 1.5, seed: 0.5)
            d = mnist(limit: none, center: "yes")
            e = quadratic(eigenvalues: 0..<3, seed: -1)
            r = train(1, 2, mse)
            """)
        XCTAssertEqual(diagnostics.map(\.message), [
            "argument 'lr' of 'sgd' must be a number, but this is a string",
            "argument 'hidden' of 'mlp' must be a list, but this is an integer",
            "argument 'act' of 'mlp' must be a function, but this is a float",
            "argument 'seed' of 'mlp' must be an integer, but this is a float",
            "argument 'center' of 'mnist' must be a boolean, but this is a string",
            "argument 'optimizer' of 'train' must be an Optimizer, but this is a function",
        ])
        XCTAssertTrue(diagnostics.allSatisfy { $0.kind == .typeMismatch })
    }

    func testBuiltinReturnTypesAreKnown() {
        XCTAssertEqual(messages("r = train(1, 2, mnist())"),
                       ["argument 'optimizer' of 'train' must be an Optimizer, but this is a Dataset"])
        XCTAssertEqual(kinds("let mnist = fn() => 1\nr = train(1, 2, mnist())"), [])
    }

    func testDuplicateSweepAxes() {
        let diagnostics = checkDiagnostics("sweep eta in [1], rho in [2], eta in [3] { print(eta, rho) }")
        XCTAssertEqual(diagnostics.map(\.message), ["duplicate sweep axis 'eta'"])
        XCTAssertEqual(diagnostics.first?.kind, .duplicateSweepAxis)
        XCTAssertEqual(diagnostics.first?.notes.map(\.message), ["'eta' is first swept here"])
        XCTAssertEqual(messages("sweep eta in 0.1 { }"), ["the values of a sweep axis must be a list, but this is a float"])
        XCTAssertEqual(messages("sweep eta in [1] { }\nprint(eta)"), ["unknown name 'eta'"])
    }

    func testDuplicateFunctionParameters() {
        let diagnostics = checkDiagnostics("fn f(a, b, a) { return a }\ng = fn(x, x) => x")
        XCTAssertEqual(diagnostics.map(\.message), ["duplicate parameter 'a' of 'f'", "duplicate parameter 'x'"])
        XCTAssertEqual(diagnostics.first?.kind, .duplicateParameter)
    }

    func testFunctionParametersAndDefaults() {
        XCTAssertEqual(kinds("fn f(a, b: 2) { return a + b }"), [])
        XCTAssertEqual(messages("fn f(a, b: a) { return b }"), ["unknown name 'a'"])
        XCTAssertEqual(messages("fn f(a) { return a }\nprint(a)"), ["unknown name 'a'"])
    }

    func testReturnOutsideFunction() {
        let diagnostics = checkDiagnostics("return 1\nif true { return }\nsweep a in [1] { fn f() { return a } }")
        XCTAssertEqual(diagnostics.map(\.message), ["'return' outside a function", "'return' outside a function"])
        XCTAssertEqual(diagnostics.first?.kind, .returnOutsideFunction)
    }

    func testParamAndImportOnlyAtTopLevel() {
        XCTAssertEqual(messages("if true { param x = 1 }\nfn f() { import \"a.sam\" }"),
                       ["'param' must be at the top level of a script", "'import' must be at the top level of a script"])
    }

    func testDuplicateScriptParameters() {
        let diagnostics = checkDiagnostics("param eta = 0.1\nparam eta = 0.2")
        XCTAssertEqual(diagnostics.map(\.message), ["script parameter 'eta' is declared twice"])
        XCTAssertEqual(messages("param scale = \"laptop\" in \"tiny\""),
                       ["the allowed values of a param must be a list, but this is a string"])
    }

    func testLiteralKindsOfStatementOperands() {
        XCTAssertEqual(messages("assert true, 3\nplot eigenvalues_vs_edge to 3\nsave 1 to [\"a\"]"), [
            "an assert message must be a string, but this is an integer",
            "a plot path must be a string, but this is an integer",
            "a save path must be a string, but this is a list",
        ])
    }

    func testTrainSettingsAreCheckedAgainstTheTrainSignature() {
        let diagnostics = checkDiagnostics("""
            train 1 on 2 {
              optimiser = sgd(lr: 0.1)
              loss = mse
              loss = mse
              steps = "many"
              model = 3
            }
            """)
        XCTAssertEqual(diagnostics.map(\.message), [
            "missing setting 'optimizer' in the train block",
            "'train' has no setting named 'optimiser'",
            "duplicate setting 'loss'",
            "setting 'steps' of 'train' must be an integer, but this is a string",
            "duplicate setting 'model'",
        ])
        XCTAssertEqual(diagnostics[1].suggestion, "optimizer")
        XCTAssertEqual(diagnostics[0].hint, "add optimizer = ... to the block")
    }

    func testProbesAreCheckedAgainstTheProbeCatalog() {
        let diagnostics = checkDiagnostics("""
            train 1 on 2 {
              optimizer = sgd(lr: 0.1)
              probe every 25 steps: los, hessian_top, hessian_top(k: 2, n: 1), sharpness
              probe every "x" steps: loss
              probe at 5: loss
              probe log(point: 30): loss
            }
            """)
        XCTAssertEqual(diagnostics.map(\.message), [
            "unknown probe 'los'",
            "missing argument 'k' in call to 'hessian_top'",
            "'hessian_top' has no parameter named 'n'",
            "unknown probe 'sharpness'",
            "a probe interval in steps must be an integer, but this is a string",
            "the probe steps must be a list, but this is an integer",
            "missing argument 'points' in call to 'log'",
            "'log' has no parameter named 'point'",
        ])
        XCTAssertEqual(diagnostics[0].suggestion, "loss")
        XCTAssertEqual(diagnostics[3].hint, "known probes: alignment, gd_edge, grad_norm, hessian_top, loss, sam_edge")
    }

    func testTrainFormWithoutATrainBuiltinStillFindsDuplicateSettings() {
        let checker = Checker(catalog: BuiltinCatalog(constants: [GlobalConstant(name: "n")]))
        XCTAssertEqual(checkDiagnostics("train n on n {\n  a = 1\n  a = 2\n}", checker: checker).map(\.message),
                       ["duplicate setting 'a'"])
    }

    func testImports() {
        let resolving = Checker(catalog: Fixtures.catalog, importResolver: { $0 == "lib.sam" ? ["helper"] : nil })
        XCTAssertEqual(checkDiagnostics("import \"lib.sam\"\nhelper()", checker: resolving).map(\.message), [])
        XCTAssertEqual(checkDiagnostics("import \"missing.sam\"", checker: resolving).map(\.kind), [.unresolvedImport])
        let opaque = checkDiagnostics("import \"lib.sam\"\nhelper()")
        XCTAssertEqual(opaque.map(\.severity), [.warning])
        XCTAssertEqual(opaque.map(\.message), ["unknown name 'helper' (unless an imported file defines it)"])
    }

    func testDeclaredNamesForImportResolvers() {
        let program = parseClean("let a = 1\nb = 2\nfn c() { let hidden = 1 }\nparam d = 3\nb = 4\nprint(a)")
        XCTAssertEqual(Checker.declaredNames(in: program.statements), ["a", "b", "c", "d"])
    }

    func testCalleesThatAreNotBuiltinsAreOnlyCheckedForNames() {
        XCTAssertEqual(kinds("let f = fn(a, b: 1) => a\nf(1, b: 2, c: 3)"), [])
        XCTAssertEqual(messages("unknownf(1)"), ["unknown name 'unknownf'"])
    }
}
