/// A `.sam` source text with its display name, and the line table that maps byte offsets to
/// line and column numbers.
///
/// Tokens and syntax nodes carry only a ``SourceRange`` (UTF-8 byte offsets, cheap to store); the file
/// turns offsets into ``SourceLocation``s when a diagnostic is rendered. A `SourceFile` is an immutable
/// reference type so that every diagnostic can point at its file without copying the text.
public final class SourceFile: Sendable {
    /// The name shown in diagnostics, e.g. `sweep.sam` or `<repl>`.
    public let name: String
    /// The complete source text.
    public let text: String
    /// The text as UTF-8 bytes; every ``SourceRange`` indexes into this array.
    public let utf8: [UInt8]
    /// The byte offset at which each line starts; `lineStarts[0] == 0`.
    public let lineStarts: [Int]

    /// Creates a source file from its display name and text.
    public init(name: String, text: String) {
        self.name = name
        self.text = text
        let bytes = Array(text.utf8)
        self.utf8 = bytes
        var starts = [0]
        for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            starts.append(offset + 1)
        }
        self.lineStarts = starts
    }

    /// The number of lines (a file without newline has one line; an empty file has one empty line).
    public var lineCount: Int { lineStarts.count }

    /// The 1-based line and column of a byte offset. Columns count Unicode scalars, so a tab or an `η`
    /// is one column. Offsets past the end map to the end of the text.
    public func location(of offset: Int) -> SourceLocation {
        let clamped = min(max(offset, 0), utf8.count)
        let lineIndex = self.lineIndex(containing: clamped)
        let start = lineStarts[lineIndex]
        var column = 1
        var position = start
        while position < clamped {
            if utf8[position] & 0b1100_0000 != 0b1000_0000 { column += 1 }
            position += 1
        }
        return SourceLocation(offset: clamped, line: lineIndex + 1, column: column)
    }

    /// The text of a 1-based line, without its line terminator (`\n` or `\r\n`).
    public func lineText(_ line: Int) -> String {
        guard line >= 1, line <= lineStarts.count else { return "" }
        let start = lineStarts[line - 1]
        var end = line < lineStarts.count ? lineStarts[line] - 1 : utf8.count
        if end > start, utf8[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return String(decoding: utf8[start..<max(start, end)], as: UTF8.self)
    }

    /// The source text covered by a range.
    public func text(in range: SourceRange) -> String {
        let lower = min(max(range.lowerBound, 0), utf8.count)
        let upper = min(max(range.upperBound, lower), utf8.count)
        return String(decoding: utf8[lower..<upper], as: UTF8.self)
    }

    /// The range of the very end of the file (an empty range at `utf8.count`).
    public var endRange: SourceRange { SourceRange(utf8.count, utf8.count) }

    /// The index (0-based) of the line containing `offset`, by binary search in `lineStarts`.
    private func lineIndex(containing offset: Int) -> Int {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return low
    }
}

/// A half-open range of UTF-8 byte offsets `lowerBound..<upperBound` in a ``SourceFile``.
///
/// Every token and syntax node has one. An empty range marks a position (e.g. the end of input).
public struct SourceRange: Hashable, Sendable, CustomStringConvertible {
    /// The offset of the first byte.
    public var lowerBound: Int
    /// The offset one past the last byte.
    public var upperBound: Int

    /// Creates a range from two offsets (`lowerBound <= upperBound`).
    public init(_ lowerBound: Int, _ upperBound: Int) {
        self.lowerBound = lowerBound
        self.upperBound = max(lowerBound, upperBound)
    }

    /// The smallest range covering both `self` and `other`.
    public func union(_ other: SourceRange) -> SourceRange {
        SourceRange(min(lowerBound, other.lowerBound), max(upperBound, other.upperBound))
    }

    public var description: String { "\(lowerBound)..<\(upperBound)" }
}

/// A resolved position in a ``SourceFile``: byte offset, 1-based line and 1-based column.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    /// The UTF-8 byte offset.
    public var offset: Int
    /// The 1-based line number.
    public var line: Int
    /// The 1-based column, counted in Unicode scalars.
    public var column: Int

    /// Creates a location.
    public init(offset: Int, line: Int, column: Int) {
        self.offset = offset
        self.line = line
        self.column = column
    }

    public var description: String { "\(line):\(column)" }
}
