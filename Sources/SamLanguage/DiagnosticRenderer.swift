/// Renders ``Diagnostic``s as text, in the style of compilers and ShapeScript:
///
///     sweep.sam:7:5: error: 'train' has no parameter named 'optimiser'
///         optimiser = sgd(lr: 0.1)
///         ^~~~~~~~~
///     hint: did you mean 'optimizer'?
///
/// The caret run starts under the first character of the range and covers the range up to the end of
/// its first line (one `^`, then `~`s; a single `^` for an empty range). Tabs in the source line are
/// repeated in the caret line so that the carets line up. Notes follow in the same format.
public struct DiagnosticRenderer: Sendable {
    /// Creates a renderer.
    public init() {}

    /// Renders one diagnostic and its notes; lines are separated by `\n`, with no trailing newline.
    public func render(_ diagnostic: Diagnostic) -> String {
        var lines = renderLines(diagnostic)
        for note in diagnostic.notes { lines.append(contentsOf: renderLines(note)) }
        return lines.joined(separator: "\n")
    }

    /// Renders several diagnostics, one after the other.
    public func render(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map(render).joined(separator: "\n")
    }

    private func renderLines(_ diagnostic: Diagnostic) -> [String] {
        let file = diagnostic.file
        let start = file.location(of: diagnostic.range.lowerBound)
        var lines = ["\(file.name):\(start.line):\(start.column): \(diagnostic.severity.rawValue): \(diagnostic.message)"]
        let sourceLine = file.lineText(start.line)
        lines.append(sourceLine)
        lines.append(caretLine(under: sourceLine, from: start, to: diagnostic.range.upperBound, in: file))
        if let hint = diagnostic.hint { lines.append("hint: \(hint)") }
        return lines
    }

    private func caretLine(under sourceLine: String, from start: SourceLocation, to upperBound: Int, in file: SourceFile) -> String {
        let scalars = Array(sourceLine.unicodeScalars)
        var prefix = ""
        for index in 0..<(start.column - 1) {
            prefix.append(index < scalars.count && scalars[index] == "\t" ? "\t" : " ")
        }
        let end = file.location(of: upperBound)
        let lastColumn = end.line == start.line ? end.column : scalars.count + 1
        let width = max(1, lastColumn - start.column)
        return prefix + "^" + String(repeating: "~", count: width - 1)
    }
}
