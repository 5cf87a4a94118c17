/// Number and string literals.
extension Lexer {
    /// Lexes `digits [ "." digits ] [ ("e" | "E") [ "+" | "-" ] digits ]`, where digits may contain `_`
    /// between digits. With a fraction or an exponent the literal is a float, otherwise an integer.
    /// `1..<10` lexes as `1`, `..<`, `10`: a `.` is a fraction point only when a digit follows it.
    mutating func lexNumber() {
        let start = position
        var isFloat = false
        skipDigits()
        if peekByte() == UInt8(ascii: "."), let next = peekByte(1), Lexer.isDigit(next) {
            isFloat = true
            position += 1
            skipDigits()
        }
        if let e = peekByte(), e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            var digitOffset = 1
            if let sign = peekByte(1), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { digitOffset = 2 }
            if let digit = peekByte(digitOffset), Lexer.isDigit(digit) {
                isFloat = true
                position += digitOffset
                skipDigits()
            } else {
                position += digitOffset
                let range = SourceRange(start, position)
                report(.invalidNumber, "expected digits in the exponent of '\(file.text(in: range))'", range,
                       hint: "write an exponent like 1e-3")
                add(.float(0), range)
                return
            }
        }
        let range = SourceRange(start, position)
        let spelling = String(decoding: bytes[start..<position].filter { $0 != UInt8(ascii: "_") }, as: UTF8.self)
        if isFloat {
            add(.float(Double(spelling) ?? 0), range)
        } else if let value = Int(spelling) {
            add(.integer(value), range)
        } else {
            report(.invalidNumber, "integer literal '\(file.text(in: range))' is too large", range,
                   hint: "write it as a float, e.g. \(spelling).0")
            add(.integer(0), range)
        }
    }

    /// Skips a run of digits with single `_` separators between digits.
    private mutating func skipDigits() {
        while let byte = peekByte() {
            if Lexer.isDigit(byte) {
                position += 1
            } else if byte == UInt8(ascii: "_"), let next = peekByte(1), Lexer.isDigit(next) {
                position += 1
            } else {
                return
            }
        }
    }

    /// Lexes a double-quoted string. Strings may span lines. Escapes: `\n \t \r \0 \" \\ \u{XXXX}`.
    /// A string still open at the end of input is reported as ``DiagnosticKind/unterminatedString``,
    /// which counts as unexpected end of input (the REPL then reads another line).
    mutating func lexString() {
        let start = position
        position += 1
        var value: [UInt8] = []
        while true {
            guard let byte = peekByte() else {
                let range = SourceRange(start, position)
                report(.unterminatedString, "unterminated string literal", range,
                       hint: "add a closing '\"'")
                add(.string(String(decoding: value, as: UTF8.self)), range)
                return
            }
            if byte == UInt8(ascii: "\"") {
                position += 1
                add(.string(String(decoding: value, as: UTF8.self)), SourceRange(start, position))
                return
            }
            if byte == UInt8(ascii: "\\") {
                lexEscape(into: &value)
            } else {
                value.append(byte)
                position += 1
            }
        }
    }

    private mutating func lexEscape(into value: inout [UInt8]) {
        let start = position
        position += 1
        guard let code = peekByte() else { return }  // the unterminated string is reported by the caller
        position += 1
        switch code {
        case UInt8(ascii: "n"): value.append(UInt8(ascii: "\n"))
        case UInt8(ascii: "t"): value.append(UInt8(ascii: "\t"))
        case UInt8(ascii: "r"): value.append(UInt8(ascii: "\r"))
        case UInt8(ascii: "0"): value.append(0)
        case UInt8(ascii: "\""): value.append(UInt8(ascii: "\""))
        case UInt8(ascii: "\\"): value.append(UInt8(ascii: "\\"))
        case UInt8(ascii: "u"): lexUnicodeEscape(start: start, into: &value)
        default:
            position = start + 1 + Lexer.scalarLength(leadingByte: code)
            position = min(position, bytes.count)
            let range = SourceRange(start, position)
            report(.invalidEscape, "invalid escape sequence '\(file.text(in: range))' in string", range,
                   hint: "valid escapes are \\n \\t \\r \\0 \\\" \\\\ and \\u{...}")
        }
    }

    /// Lexes the `{XXXX}` part of `\u{XXXX}`: 1 to 8 hex digits naming a Unicode scalar.
    private mutating func lexUnicodeEscape(start: Int, into value: inout [UInt8]) {
        var scalarValue: UInt32 = 0
        var digits = 0
        var valid = peekByte() == UInt8(ascii: "{")
        if valid {
            position += 1
            while let byte = peekByte(), let digit = Lexer.hexValue(byte) {
                if digits < 8 { scalarValue = scalarValue &* 16 &+ digit }
                digits += 1
                position += 1
            }
            if peekByte() == UInt8(ascii: "}") { position += 1 } else { valid = false }
        }
        if valid, (1...8).contains(digits), let scalar = Unicode.Scalar(scalarValue) {
            value.append(contentsOf: Array(String(Character(scalar)).utf8))
            return
        }
        let range = SourceRange(start, position)
        report(.invalidEscape, "invalid Unicode escape '\(file.text(in: range))'", range,
               hint: "write a Unicode scalar as \\u{1F600}: 1 to 8 hex digits in braces")
    }

    private static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(byte - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }
}
