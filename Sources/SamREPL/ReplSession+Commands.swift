import Foundation
import SamInterpreter
import SamLanguage

/// The meta-commands `:help`, `:load`, `:vars` and `:reset` (`:time` and `:quit` belong to the read loop).
extension ReplSession {
    /// The longest value summary `:vars` shows.
    static let summaryLimit = 72

    func perform(_ command: MetaCommand) {
        switch command {
        case .help(let name): help(name)
        case .load(let path): load(path)
        case .vars: listVariables()
        case .reset:
            resetInterpreter()
            output.write("session reset: every name is forgotten\n")
        case .time, .quit:
            break
        }
    }

    private func help(_ name: String?) {
        guard let name else {
            output.write(MetaCommand.overview + "\n\n" + registry.overview + "\n")
            return
        }
        let commandName = name.hasPrefix(":") ? String(name.dropFirst()) : name
        if let text = registry.help(name) {
            output.write(text + "\n")
        } else if let command = MetaCommand.Name(rawValue: commandName) {
            output.write("\(command.usage)\n  \(command.summary)\n")
        } else {
            let known = registry.completionWords + MetaCommand.Name.allCases.map(\.rawValue)
            let hint = EditDistance.closest(to: name, among: known).map { "did you mean '\($0)'? " } ?? ""
            errors.write("error: no builtin, constant, probe or command is named '\(name)'\nhint: \(hint):help lists them all\n")
        }
    }

    /// Runs a file into the session: it is checked in the session's scope (so it may use the names
    /// bound so far) and run as a program (so its imports resolve relative to it).
    private func load(_ path: String) {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            let reason = FileManager.default.fileExists(atPath: path) ? "the file is not readable UTF-8 text" : "no such file"
            errors.write("error: cannot read '\(path)': \(reason)\n")
            return
        }
        let parsed = Parser.parseProgram(SourceFile(name: path, text: text))
        var diagnostics = parsed.diagnostics
        if !diagnostics.containsErrors {
            diagnostics += checker.check(ReplEntry(file: parsed.node.file, statements: parsed.node.statements), in: scope)
        }
        report(diagnostics)
        guard !diagnostics.containsErrors else { return }
        let program = parsed.node
        _ = execute { try $0.run(program, path: path) }
    }

    private func listVariables() {
        let names = interpreter.globalNames
        guard !names.isEmpty else {
            output.write("no names are bound\n")
            return
        }
        let width = names.map(\.count).max() ?? 0
        for name in names {
            let summary = interpreter.global(name).map(ReplSession.summary) ?? "none"
            output.write(name.padding(toLength: width, withPad: " ", startingAt: 0) + " = " + summary + "\n")
        }
    }

    /// A value on one line, shortened to ``summaryLimit`` characters.
    static func summary(_ value: Value) -> String {
        let text = ValueFormatter.repr(value).split(whereSeparator: \.isNewline).joined(separator: " ")
        guard text.count > summaryLimit else { return text }
        return String(text.prefix(summaryLimit - 1)) + "…"
    }
}
