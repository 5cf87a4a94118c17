import SamLanguage
import Tensors

/// How values print: `print` shows ``display(_:)``, the REPL echo and nested elements ``repr(_:)``.
///
/// Numbers use the shortest text that reads back to the same Double (`0.1`, not
/// `0.10000000000000001`; whole numbers keep `.0` so they stay distinguishable from integers). Float32
/// tensor elements use the shortest Float text. Tensors show `tensor SHAPE DTYPE` and their values as
/// nested lists, eliding the middle of long axes with `…`.
public enum ValueFormatter {
    /// Tensors with at most this many elements print every element.
    public static let fullTensorLimit = 100
    /// Elements shown at each end of a long axis.
    static let edgeItems = 3

    /// The text `print` shows: like ``repr(_:)`` except that a top-level string prints without quotes.
    public static func display(_ value: Value) -> String {
        if case .string(let text) = value { return text }
        return repr(value)
    }

    /// The text of a value as an expression would show it: strings quoted, lists and records in
    /// literal syntax, tensors with shape and dtype, native objects as their summary.
    public static func repr(_ value: Value) -> String {
        switch value {
        case .number(let x): return number(x)
        case .integer(let n): return String(n)
        case .bool(let b): return b ? "true" : "false"
        case .string(let s): return quoted(s)
        case .list(let elements): return "[" + elements.map(repr).joined(separator: ", ") + "]"
        case .record(let record):
            return "{" + record.fields.map { "\($0.name): \(repr($0.value))" }.joined(separator: ", ") + "}"
        case .range(let range):
            if range.step != 1 { return "range(\(range.start), \(range.end), \(range.step))" }
            return range.inclusive ? "\(range.start)...\(range.end &- 1)" : "\(range.start)..<\(range.end)"
        case .function(.closure(let closure)):
            return closure.name.map { "<fn \($0)>" } ?? "<fn>"
        case .function(.builtin(let builtin)): return "<builtin \(builtin.name)>"
        case .none: return "none"
        case .tensor(let tensor): return self.tensor(tensor)
        case .native(let object): return object.summary
        }
    }

    /// The shortest round-tripping text of a Double, with `.0` on whole numbers; `inf`, `-inf`, `nan`.
    public static func number(_ x: Double) -> String {
        x.description
    }

    /// A string in double quotes with `"`, `\` and control characters escaped as in `.sam` source.
    public static func quoted(_ text: String) -> String { SyntaxPrinter.quote(text) }

    /// `tensor 2x3 float64 [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]`; a rank-0 tensor `tensor float64 3.0`.
    public static func tensor(_ tensor: Tensor) -> String {
        let shape = tensor.shape.isEmpty ? "" : tensor.shape.map(String.init).joined(separator: "x") + " "
        let elide = tensor.count > fullTensorLimit
        let scalars = tensor.scalars
        func element(_ x: Double) -> String { tensor.dtype == .float32 ? Float(x).description : number(x) }
        func nested(_ axis: Int, _ offset: Int) -> String {
            if axis == tensor.rank { return element(scalars[offset]) }
            let length = tensor.shape[axis]
            let stride = tensor.shape[(axis + 1)...].reduce(1, *)
            var parts: [String]
            if elide && length > 2 * edgeItems {
                parts = (0..<edgeItems).map { nested(axis + 1, offset + $0 * stride) } + ["…"]
                parts += (length - edgeItems..<length).map { nested(axis + 1, offset + $0 * stride) }
            } else {
                parts = (0..<length).map { nested(axis + 1, offset + $0 * stride) }
            }
            return "[" + parts.joined(separator: ", ") + "]"
        }
        return "tensor \(shape)\(tensor.dtype) \(nested(0, 0))"
    }
}
