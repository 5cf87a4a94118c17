import Foundation
import SamLanguage

/// Reads, parses and checks `.sam` files for the main program and its imports.
///
/// An `import "path"` is resolved relative to the directory of the importing file (the current
/// directory for REPL entries). Each file is analysed once. Display names (what diagnostics show)
/// follow the importing file's display name, so `examples/a.sam` importing `lib/b.sam` shows
/// `examples/lib/b.sam`.
final class ModuleLoader {
    /// A file that cannot be read.
    struct ReadError: Error, IOProblem, CustomStringConvertible {
        var displayName: String
        var reason: String
        var description: String { "cannot read '\(displayName)': \(reason)" }
    }

    let catalog: BuiltinCatalog
    private var programs: [String: Program] = [:]
    private var displayNames: [String: String] = [:]
    /// The files with a known path, by identity (the file is kept so the identifier stays valid).
    private var files: [ObjectIdentifier: (file: SourceFile, path: String)] = [:]

    init(catalog: BuiltinCatalog) {
        self.catalog = catalog
    }

    /// An absolute path with `.` and `..` components resolved.
    static func canonical(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        return URL(fileURLWithPath: absolute).standardizedFileURL.path
    }

    /// Records where a file lives, so that its imports resolve relative to it.
    func register(_ file: SourceFile, path: String) {
        files[ObjectIdentifier(file)] = (file, path)
        displayNames[path] = file.name
    }

    /// The canonical path and display name of `importPath` imported from `file`.
    func resolve(_ importPath: String, from file: SourceFile) -> (path: String, displayName: String) {
        guard let importer = files[ObjectIdentifier(file)] else {
            return (ModuleLoader.canonical(importPath), importPath)
        }
        let directory = (importer.path as NSString).deletingLastPathComponent
        let path = ModuleLoader.canonical(importPath.hasPrefix("/") ? importPath : directory + "/" + importPath)
        if importPath.hasPrefix("/") { return (path, importPath) }
        let displayDirectory = (file.name as NSString).deletingLastPathComponent
        let display = displayDirectory.isEmpty ? importPath : (displayDirectory as NSString).appendingPathComponent(importPath)
        return (path, display)
    }

    /// The display name of a canonical path seen before (the path itself otherwise).
    func displayName(of path: String) -> String { displayNames[path] ?? path }

    /// Reads, parses and checks a file; remembers it for imports.
    func analyze(path: String, displayName: String) throws -> Frontend.Analysis<Program> {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            let reason = FileManager.default.fileExists(atPath: path) ? "the file is not readable UTF-8 text" : "no such file"
            throw ReadError(displayName: displayName, reason: reason)
        }
        let file = SourceFile(name: displayName, text: text)
        register(file, path: path)
        let directory = (path as NSString).deletingLastPathComponent
        return Frontend.analyze(file, checker: Checker(catalog: catalog, importResolver: ModuleLoader.importResolver(directory: directory)))
    }

    /// The checked program of an imported file; throws ``ScriptDiagnostics`` when it has errors.
    func program(at path: String, displayName: String) throws -> Program {
        if let program = programs[path] { return program }
        let analysis = try analyze(path: path, displayName: displayName)
        guard !analysis.hasErrors else { throw ScriptDiagnostics(diagnostics: analysis.diagnostics) }
        programs[path] = analysis.node
        return analysis.node
    }

    /// The diagnostics of a file and, transitively, of every file it imports (each once), with the
    /// main file's analysis. Unreadable imports are reported by the checker of the importing file.
    func analyzeWithImports(path: String, displayName: String) throws -> (main: Frontend.Analysis<Program>, diagnostics: [Diagnostic]) {
        let main = try analyze(path: path, displayName: displayName)
        var diagnostics = main.diagnostics
        var visited: Set<String> = [path]
        var pending = [main.node]
        while let program = pending.popLast() {
            for case .import(let importPath, _) in program.statements.map(\.kind) {
                let target = resolve(importPath, from: program.file)
                guard visited.insert(target.path).inserted, let analysis = try? analyze(path: target.path, displayName: target.displayName)
                else { continue }
                diagnostics += analysis.diagnostics
                if !analysis.hasErrors {
                    programs[target.path] = analysis.node
                    pending.append(analysis.node)
                }
            }
        }
        return (main, diagnostics)
    }

    /// A checker import resolver for files in `directory`: the names an imported file (and what it
    /// imports in turn) declares at its top level, or `nil` when the file cannot be read.
    static func importResolver(directory: String) -> @Sendable (String) -> [String]? {
        { importPath in
            var visited: Set<String> = []
            return declaredNames(path: canonical(importPath.hasPrefix("/") ? importPath : directory + "/" + importPath), visited: &visited)
        }
    }

    private static func declaredNames(path: String, visited: inout Set<String>) -> [String]? {
        guard visited.insert(path).inserted else { return [] }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        let statements = Parser.parseProgram(SourceFile(name: path, text: text)).node.statements
        var names = Checker.declaredNames(in: statements)
        let directory = (path as NSString).deletingLastPathComponent
        for case .import(let importPath, _) in statements.map(\.kind) {
            let nested = canonical(importPath.hasPrefix("/") ? importPath : directory + "/" + importPath)
            names += declaredNames(path: nested, visited: &visited) ?? []
        }
        return names
    }
}
