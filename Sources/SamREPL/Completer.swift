/// Tab completion as a pure function of the text before the cursor: no terminal, no readline.
///
/// What it completes, by where the cursor is:
/// - a command (`:lo` → `:load`), a builtin name after `:help`, a path after `:load`, code after `:time`;
/// - inside a string literal: a file path (directories end in `/`);
/// - after `name.` (a chain of names and dots): the fields of that record or native object;
/// - at an argument of a call `f(`: the parameters of `f` not given yet, as `name:`, then any name;
/// - anywhere else: keywords, builtins and the session's names.
///
/// Nothing is completed inside a comment or a number.
public struct Completer {
    /// Where names, fields and directory entries come from.
    public let source: CompletionSource

    /// Creates a completer.
    public init(source: CompletionSource) {
        self.source = source
    }

    /// The completion of the word that ends at the end of `line` (the text before the cursor).
    public func complete(_ line: String) -> Completion {
        let bytes = Array(line.utf8)
        let first = bytes.firstIndex { !isBlank($0) } ?? bytes.count
        if first < bytes.count, bytes[first] == UInt8(ascii: ":") { return completeCommand(bytes, colon: first) }
        return completeCode(bytes, from: 0)
    }

    // MARK: - Commands

    private func completeCommand(_ bytes: [UInt8], colon: Int) -> Completion {
        let wordEnd = bytes[colon...].firstIndex(where: isBlank) ?? bytes.count
        if wordEnd == bytes.count {
            let typed = text(bytes, colon..<bytes.count)
            return Completion(start: colon, candidates: MetaCommand.Name.allCases.map { ":" + $0.rawValue }
                .filter { $0.hasPrefix(typed) }.map { CompletionCandidate($0, .command) })
        }
        guard let name = MetaCommand.Name(rawValue: text(bytes, colon + 1..<wordEnd)) else { return .none(at: bytes.count) }
        let argument = bytes[wordEnd...].firstIndex { !isBlank($0) } ?? bytes.count
        switch name.argument {
        case .nothing:
            return .none(at: bytes.count)
        case .optionalName:
            let typed = text(bytes, argument..<bytes.count)
            let commands = MetaCommand.Name.allCases.map { CompletionCandidate(":" + $0.rawValue, .command) }
            return Completion(start: argument, candidates: (source.builtinNames.map { CompletionCandidate($0, .name) } + commands)
                .filter { $0.text.hasPrefix(typed) })
        case .path:
            return completePath(bytes, from: argument)
        case .entry:
            return completeCode(bytes, from: argument)
        }
    }

    // MARK: - Code

    /// An open bracket before the cursor.
    private struct OpenBracket {
        var byte: UInt8
        var offset: Int
    }

    private func completeCode(_ bytes: [UInt8], from start: Int) -> Completion {
        var stringStart: Int?
        var open: [OpenBracket] = []
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            if stringStart != nil {
                if byte == UInt8(ascii: "\\") { index += 2; continue }
                if byte == UInt8(ascii: "\"") { stringStart = nil }
                index += 1
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): stringStart = index + 1
            case UInt8(ascii: "#"): return .none(at: bytes.count)
            case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"): open.append(OpenBracket(byte: byte, offset: index))
            case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"): _ = open.popLast()
            default: break
            }
            index += 1
        }
        if let stringStart { return completePath(bytes, from: stringStart) }

        var wordStart = bytes.count
        while wordStart > start, isIdentifierByte(bytes[wordStart - 1]) { wordStart -= 1 }
        let typed = text(bytes, wordStart..<bytes.count)
        if let head = typed.utf8.first, isDigit(head) { return .none(at: bytes.count) }
        if wordStart > start, bytes[wordStart - 1] == UInt8(ascii: ".") {
            guard let path = namePath(bytes, endingBefore: wordStart - 1, from: start), let fields = source.fieldNames(of: path) else {
                return .none(at: bytes.count)
            }
            return Completion(start: wordStart, candidates: fields.filter { $0.hasPrefix(typed) }.map { CompletionCandidate($0, .field) })
        }

        var candidates: [CompletionCandidate] = []
        if let call = open.last, call.byte == UInt8(ascii: "("), isArgumentStart(bytes, before: wordStart, from: start),
           let function = nameBefore(bytes, call.offset, from: start), let parameters = source.parameterNames(of: function) {
            let given = labels(bytes, call.offset + 1..<wordStart)
            candidates = parameters.filter { !given.contains($0) && $0.hasPrefix(typed) }.map { CompletionCandidate($0 + ":", .parameter) }
            if typed.isEmpty && !candidates.isEmpty { return Completion(start: wordStart, candidates: candidates) }
        }
        candidates += source.keywords.filter { $0.hasPrefix(typed) }.map { CompletionCandidate($0, .keyword) }
        candidates += (source.builtinNames + source.sessionNames).filter { $0.hasPrefix(typed) }.map { CompletionCandidate($0, .name) }
        return Completion(start: wordStart, candidates: candidates)
    }

    /// The names of a chain `a.b.c` that ends just before `end` (a `.`), or `nil` if what precedes the
    /// dot is not such a chain (a call, an index, a literal).
    private func namePath(_ bytes: [UInt8], endingBefore end: Int, from start: Int) -> [String]? {
        var path: [String] = []
        var dot = end
        while true {
            var head = dot
            while head > start, isIdentifierByte(bytes[head - 1]) { head -= 1 }
            guard head < dot, !isDigit(bytes[head]) else { return nil }
            path.insert(text(bytes, head..<dot), at: 0)
            guard head > start, bytes[head - 1] == UInt8(ascii: ".") else { return path }
            dot = head - 1
        }
    }

    /// Whether the word at `wordStart` begins an argument: the previous non-blank byte is `(` or `,`.
    private func isArgumentStart(_ bytes: [UInt8], before wordStart: Int, from start: Int) -> Bool {
        guard let previous = bytes[start..<wordStart].lastIndex(where: { !isBlank($0) }) else { return false }
        return bytes[previous] == UInt8(ascii: "(") || bytes[previous] == UInt8(ascii: ",")
    }

    /// The plain name directly before the `(` at `paren` (blanks allowed between), or `nil`.
    private func nameBefore(_ bytes: [UInt8], _ paren: Int, from start: Int) -> String? {
        var end = paren
        while end > start, isBlank(bytes[end - 1]) { end -= 1 }
        var head = end
        while head > start, isIdentifierByte(bytes[head - 1]) { head -= 1 }
        guard head < end, !isDigit(bytes[head]), head == start || bytes[head - 1] != UInt8(ascii: ".") else { return nil }
        return text(bytes, head..<end)
    }

    /// The argument labels (`name:` at the call's own bracket depth) in `range`.
    private func labels(_ bytes: [UInt8], _ range: Range<Int>) -> Set<String> {
        var labels: Set<String> = []
        var depth = 0
        var inString = false
        var index = range.lowerBound
        var lastName: String?
        while index < range.upperBound {
            let byte = bytes[index]
            if inString {
                if byte == UInt8(ascii: "\\") { index += 1 } else if byte == UInt8(ascii: "\"") { inString = false }
                index += 1
                continue
            }
            if isIdentifierByte(byte) {
                var end = index
                while end < range.upperBound, isIdentifierByte(bytes[end]) { end += 1 }
                lastName = depth == 0 ? text(bytes, index..<end) : nil
                index = end
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"): depth += 1
            case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"): depth -= 1
            case UInt8(ascii: ":"): if let lastName { labels.insert(lastName) }
            default: break
            }
            if !isBlank(byte) { lastName = nil }
            index += 1
        }
        return labels
    }

    // MARK: - Paths

    private func completePath(_ bytes: [UInt8], from start: Int) -> Completion {
        let typed = text(bytes, start..<bytes.count)
        let slash = typed.lastIndex(of: "/")
        let directoryPart = slash.map { String(typed[...$0]) } ?? ""
        let base = slash.map { String(typed[typed.index(after: $0)...]) } ?? typed
        let entries = source.directoryEntries(directoryPart.isEmpty ? "." : directoryPart)
        let candidates = entries
            .filter { $0.name.hasPrefix(base) && (base.hasPrefix(".") || !$0.name.hasPrefix(".")) }
            .map { CompletionCandidate(directoryPart + $0.name + ($0.isDirectory ? "/" : ""), $0.isDirectory ? .directory : .file) }
        return Completion(start: start, candidates: candidates)
    }

    // MARK: - Bytes

    private func text(_ bytes: [UInt8], _ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }

    private func isBlank(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") }

    private func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }

    private func isIdentifierByte(_ byte: UInt8) -> Bool {
        isDigit(byte) || byte == UInt8(ascii: "_") || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
            || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
    }
}
