import Foundation
import XCTest

/// The module table of `docs/ARCHITECTURE.md` is the import rule: every `import` line of every Swift file
/// under `Sources/<Module>/` must name a module that row allows (or a system module), every module
/// directory has a row, and the two C libraries are each imported by a single file.
final class ArchitectureTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// Modules of the platform, importable anywhere.
    static let systemModules: Set<String> = ["Foundation", "FoundationXML", "Glibc", "Darwin", "Dispatch"]

    /// Module → the modules it may import, read from the table under `## Modules`.
    static func allowedImports() throws -> [String: Set<String>] {
        let text = try String(contentsOf: root.appendingPathComponent("docs/ARCHITECTURE.md"), encoding: .utf8)
        guard let section = text.components(separatedBy: "\n## Modules\n").dropFirst().first?.components(separatedBy: "\n## ").first else {
            XCTFail("docs/ARCHITECTURE.md has no '## Modules' section")
            return [:]
        }
        var table: [String: Set<String>] = [:]
        for line in section.split(separator: "\n") where line.hasPrefix("| `") {
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count == 5 else {
                XCTFail("a module row needs three cells: \(line)")
                continue
            }
            let names = { (cell: String) in cell.split(separator: ",").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " `")) }.filter { !$0.isEmpty && $0 != "—" } }
            guard let module = names(cells[1]).first else { continue }
            table[module] = Set(names(cells[3]))
        }
        return table
    }

    /// `(file, imported module)` for every import line under `Sources/<module>/`.
    static func imports(of module: String) throws -> [(file: String, module: String)] {
        let directory = root.appendingPathComponent("Sources/\(module)")
        guard let files = FileManager.default.enumerator(atPath: directory.path) else { return [] }
        var found: [(String, String)] = []
        for case let file as String in files where file.hasSuffix(".swift") {
            let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            for line in text.split(separator: "\n") {
                var words = line.split(separator: " ").map(String.init)
                if words.first?.hasPrefix("@") == true { words.removeFirst() }  // @testable, @_exported, @preconcurrency
                guard words.count >= 2, words[0] == "import" else { continue }
                found.append(("\(module)/\(file)", String(words[1].split(separator: ".")[0])))
            }
        }
        return found
    }

    func testEveryImportIsAllowedByTheArchitectureTable() throws {
        let table = try Self.allowedImports()
        let modules = try FileManager.default.contentsOfDirectory(atPath: Self.root.appendingPathComponent("Sources").path).filter { !$0.hasPrefix(".") }
        XCTAssertEqual(Set(table.keys), Set(modules), "docs/ARCHITECTURE.md's module table and Sources/ disagree")
        var checked = 0
        for module in modules {
            let allowed = (table[module] ?? []).union(Self.systemModules)
            for (file, imported) in try Self.imports(of: module) {
                checked += 1
                XCTAssertTrue(allowed.contains(imported), "\(file) imports \(imported), which docs/ARCHITECTURE.md does not allow for \(module)")
            }
        }
        XCTAssertGreaterThan(checked, 200, "too few import lines found: is the source tree where the test expects it?")
    }

    func testTheCLibrariesAreEachImportedByOneFile() throws {
        let all = try Self.allowedImports().keys.flatMap { try Self.imports(of: $0) }
        XCTAssertEqual(all.filter { $0.module == "CBLAS" }.map(\.file), ["Tensors/BLAS.swift"])
        XCTAssertEqual(all.filter { $0.module == "CReadline" }.map(\.file), ["SamREPL/ReadlineLineReader.swift"])
    }
}
