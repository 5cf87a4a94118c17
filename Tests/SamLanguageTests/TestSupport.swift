import SamLanguage
import XCTest

/// The builtin data the tests check against: a small stand-in for the interpreter's registry.
enum Fixtures {
    static func p(_ name: String, _ type: ValueTypeHint = .any, default hasDefault: Bool = false) -> BuiltinParameter {
        BuiltinParameter(name: name, type: type, hasDefault: hasDefault)
    }

    static let catalog = BuiltinCatalog(
        functions: [
            BuiltinSignature(name: "print", variadic: true),
            BuiltinSignature(name: "mnist", parameters: [
                p("split", .string, default: true), p("limit", .oneOf([.int, .none]), default: true),
                p("center", .bool, default: true),
            ], returnType: .native("Dataset")),
            BuiltinSignature(name: "mlp", parameters: [
                p("hidden", .list), p("act", .function, default: true), p("init", default: true),
                p("seed", .int, default: true),
            ], returnType: .native("Model")),
            BuiltinSignature(name: "glorot_normal", parameters: [p("scale", .number, default: true)],
                             returnType: .native("Initializer")),
            BuiltinSignature(name: "sam", parameters: [p("lr", .number), p("rho", .number)], returnType: .native("Optimizer")),
            BuiltinSignature(name: "sgd", parameters: [p("lr", .number), p("momentum", .number, default: true)],
                             returnType: .native("Optimizer")),
            BuiltinSignature(name: "after", parameters: [
                p("steps", .int, default: true), p("minutes", .number, default: true), p("seconds", .number, default: true),
            ], returnType: .native("StopCondition")),
            BuiltinSignature(name: "quadratic", parameters: [p("eigenvalues", .list), p("seed", .int, default: true)],
                             returnType: .native("Model")),
            BuiltinSignature(name: "grad", parameters: [p("f"), p("at")], returnType: .native("Tensor")),
            BuiltinSignature(name: "norm", parameters: [p("x")], returnType: .number),
            BuiltinSignature(name: "sam_edge", parameters: [p("eta", .number), p("rho", .number), p("grad_norm", .number)],
                             returnType: .number),
            BuiltinSignature(name: "train", parameters: [
                p("model"), p("data"), p("optimizer", .native("Optimizer")), p("loss", .function, default: true),
                p("batch", default: true), p("stop", default: true), p("steps", .int, default: true),
                p("seed", .int, default: true), p("probes", .list, default: true),
            ], returnType: .native("Run")),
            BuiltinSignature(name: "spectrum", parameters: [p("run"), p("k", .int, default: true)]),
            BuiltinSignature(name: "range_sum", parameters: [p("values", .list)], returnType: .number),
        ],
        constants: [
            GlobalConstant(name: "relu", type: .function), GlobalConstant(name: "mse", type: .function),
            GlobalConstant(name: "full", type: .native("Batch")),
            GlobalConstant(name: "eigenvalues_vs_edge", type: .native("PlotKind")),
        ],
        probes: [
            BuiltinSignature(name: "loss"), BuiltinSignature(name: "grad_norm"),
            BuiltinSignature(name: "hessian_top", parameters: [p("k", .int)]),
            BuiltinSignature(name: "gd_edge"), BuiltinSignature(name: "sam_edge"), BuiltinSignature(name: "alignment"),
        ])

    static let checker = Checker(catalog: catalog)

    /// The sweep script of DESIGN.md section 4.
    static let sweepScript = """
        # sweep over the paper's MNIST grid, at laptop scale
        data  = mnist(split: "train", limit: 2000, center: true)
        net   = mlp(hidden: [1000, 1000, 1000], act: relu, init: glorot_normal(scale: 1.0), seed: 0)

        sweep eta in [0.03, 0.1, 0.3], rho in [0.0, 0.1, 0.3, 1.0] {
          train net on data {
            loss      = mse
            optimizer = sam(lr: eta, rho: rho)        # rho = 0 is plain GD
            batch     = full
            stop      = after(steps: 3000) or after(minutes: 10)
            probe every 25 steps: loss, grad_norm, hessian_top(k: 3), gd_edge, sam_edge, alignment
          }
        }
        plot eigenvalues_vs_edge to "figures/mnist.svg"
        """

    /// The REPL session of DESIGN.md section 4 (`net` and `data` come from earlier entries).
    static let replEntries = [
        "let q = quadratic(eigenvalues: [4.0, 1.0, 0.25], seed: 1)",
        "let g = grad(q, q.w0)",
        "sam_edge(eta: 0.1, rho: 0.05, grad_norm: norm(g))",
        "let run = train(net, data, sgd(lr: 0.1), steps: 200)",
        "spectrum(run, k: 5)",
    ]

    /// A script using every construct of the language.
    static let everything = """
        param scale = "laptop" in ["tiny", "laptop", "paper"]
        param seeds = 3
        import "lib.sam"
        let sizes = {tiny: 200, laptop: 2000, paper: 60000}
        limit = sizes[scale]
        fn double(x, times: 2) { return x * times }
        let square = fn(x) => x ** 2
        let total = 0
        for i in 0..<10 { total += i }
        while total > 100 { total = total - 1 }
        if total == 45 and not false { print("ok") } else if total < 0 { print("negative") }
        else { print("other") }
        assert total >= 0, "total must be non-negative"
        let m = [[1.0, 2.0], [3.0, 4.0]]
        let v = m @ [1, 0]
        let first = m[0, 1] + v[0] % 2 - -1e-3
        let r = train mlp(hidden: [10]) on mnist(limit: limit) {
          optimizer = sgd(lr: 0.1)
          probe at [0, 10, 100]: loss
          probe log(points: 30): hessian_top(k: 2)
          probe every 5 seconds: grad_norm
        }
        sweep seed in 0..<seeds { save r to "runs/" + scale }
        plot eigenvalues_vs_edge to "figures/x.svg"
        """
}

/// Parses a file, failing the test on any diagnostic.
func parseClean(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> Program {
    let result = Parser.parseProgram(SourceFile(name: "test.sam", text: text))
    XCTAssertEqual(render(result.diagnostics), "", "unexpected diagnostics", file: file, line: line)
    return result.node
}

/// The S-expressions of a cleanly parsing file.
func sexpr(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> String {
    SyntaxPrinter.print(parseClean(text, file: file, line: line).statements)
}

/// Parses a file and returns its diagnostics.
func parseDiagnostics(_ text: String) -> [Diagnostic] {
    Parser.parseProgram(SourceFile(name: "test.sam", text: text)).diagnostics
}

/// Parses (cleanly) and checks a file against the fixture catalog.
func checkDiagnostics(_ text: String, checker: Checker = Fixtures.checker,
                      file: StaticString = #filePath, line: UInt = #line) -> [Diagnostic] {
    checker.check(parseClean(text, file: file, line: line))
}

/// Renders diagnostics to text (empty for none).
func render(_ diagnostics: [Diagnostic]) -> String {
    DiagnosticRenderer().render(diagnostics)
}
