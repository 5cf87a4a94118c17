import Foundation
import XCTest
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Parses SVG text with Foundation's XMLParser and records what tests look at.
public final class SVGInspector: NSObject, XMLParserDelegate {
    public private(set) var rootName: String?
    public private(set) var rootAttributes: [String: String] = [:]
    public private(set) var texts: [String] = []
    public private(set) var elementCounts: [String: Int] = [:]
    private var inText = false
    private var currentText = ""

    /// Parses `svg`, failing the test if it is not well-formed XML.
    public static func parse(_ svg: String, file: StaticString = #filePath, line: UInt = #line) -> SVGInspector {
        let inspector = SVGInspector()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = inspector
        XCTAssertTrue(parser.parse(), "SVG is not well-formed: \(String(describing: parser.parserError))", file: file, line: line)
        return inspector
    }

    public func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        if rootName == nil {
            rootName = name
            rootAttributes = attributes
        }
        elementCounts[name, default: 0] += 1
        if name == "text" {
            inText = true
            currentText = ""
        }
    }

    public func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText { currentText += string }
    }

    public func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "text" {
            texts.append(currentText)
            inText = false
        }
    }
}

/// Where tests put the figures they draw: `SAMLAB_PLOT_DIR` if set (to look at them), else a fresh
/// temporary directory.
public func plotOutputDirectory(_ name: String) -> String {
    if let dir = ProcessInfo.processInfo.environment["SAMLAB_PLOT_DIR"] { return dir }
    return FileManager.default.temporaryDirectory.appendingPathComponent("samlab-plot-\(name)-\(UUID().uuidString)").path
}

/// Checks that holds for every SVG the plotting code writes.
public func assertValidSVG(_ svg: String, file: StaticString = #filePath, line: UInt = #line) {
    let inspector = SVGInspector.parse(svg, file: file, line: line)
    XCTAssertEqual(inspector.rootName, "svg", file: file, line: line)
    XCTAssertEqual(inspector.rootAttributes["xmlns"], "http://www.w3.org/2000/svg", file: file, line: line)
    XCTAssertNotNil(inspector.rootAttributes["viewBox"], file: file, line: line)
    let lowered = svg.lowercased()
    for bad in ["nan", "inf\"", "infinity", "e+", "e-0"] {
        XCTAssertFalse(lowered.contains(bad), "SVG contains \(bad)", file: file, line: line)
    }
}
