import SamLanguage
import XCTest

/// The builtin data model: type-hint compatibility and descriptions, signatures, the catalog.
final class BuiltinsTests: XCTestCase {
    func testTypeHintCompatibility() {
        XCTAssertTrue(ValueTypeHint.number.accepts(.int))
        XCTAssertTrue(ValueTypeHint.number.accepts(.float))
        XCTAssertTrue(ValueTypeHint.float.accepts(.int))
        XCTAssertFalse(ValueTypeHint.int.accepts(.float))
        XCTAssertTrue(ValueTypeHint.int.accepts(.number))  // a builtin returning "a number" might be an integer
        XCTAssertTrue(ValueTypeHint.list.accepts(.range))
        XCTAssertFalse(ValueTypeHint.range.accepts(.list))
        XCTAssertTrue(ValueTypeHint.any.accepts(.string))
        XCTAssertTrue(ValueTypeHint.string.accepts(.any))
        XCTAssertTrue(ValueTypeHint.native("Model").accepts(.native("Model")))
        XCTAssertFalse(ValueTypeHint.native("Model").accepts(.native("Dataset")))
        XCTAssertTrue(ValueTypeHint.oneOf([.int, .none]).accepts(.none))
        XCTAssertFalse(ValueTypeHint.oneOf([.int, .none]).accepts(.string))
        XCTAssertTrue(ValueTypeHint.string.accepts(.oneOf([.string, .none])))
        XCTAssertFalse(ValueTypeHint.bool.accepts(.none))
    }

    func testTypeHintDescriptions() {
        XCTAssertEqual(ValueTypeHint.int.description, "an integer")
        XCTAssertEqual(ValueTypeHint.native("Optimizer").description, "an Optimizer")
        XCTAssertEqual(ValueTypeHint.native("Model").description, "a Model")
        XCTAssertEqual(ValueTypeHint.oneOf([.int, .string, .none]).description, "an integer, a string or none")
    }

    func testCatalogLookups() {
        let catalog = Fixtures.catalog
        XCTAssertEqual(catalog.functions["sgd"]?.parameter(named: "momentum")?.hasDefault, true)
        XCTAssertNil(catalog.functions["sgd"]?.parameter(named: "rho"))
        XCTAssertEqual(catalog.constants["full"]?.type, .native("Batch"))
        XCTAssertNotNil(catalog.probes["hessian_top"])
        let last = BuiltinCatalog(functions: [BuiltinSignature(name: "f", doc: "first"), BuiltinSignature(name: "f", doc: "second")])
        XCTAssertEqual(last.functions["f"]?.doc, "second")
    }

    func testProbeClausesFillTheProbesParameter() {
        let diagnostics = checkDiagnostics("""
            train 1 on 2 {
              optimizer = sgd(lr: 0.1)
              probes = [1]
              probe every 10 steps: loss
            }
            """)
        XCTAssertEqual(diagnostics.map(\.message), ["duplicate setting 'probes'"])
    }

    func testTheTrainFormChecksModelAndDataTypes() {
        var catalog = Fixtures.catalog
        catalog.functions["train"]?.parameters[0].type = .native("Model")
        let checker = Checker(catalog: catalog)
        XCTAssertEqual(checkDiagnostics("train \"net\" on 2 { optimizer = sgd(lr: 1) }", checker: checker).map(\.message),
                       ["setting 'model' of 'train' must be a Model, but this is a string"])
    }
}
