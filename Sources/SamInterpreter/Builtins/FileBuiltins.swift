import Experiments
import ProcessSupport
import Foundation
import NN
import SamLanguage
import Tensors

/// Writing values to files: the builtin `save` behind `save VALUE to "path"`.
extension BuiltinRegistry {
    /// `save(value, path)`: JSON for numbers, strings, booleans, `none`, lists, records, ranges and tensors.
    static func registerFileBuiltins(into registry: inout BuiltinRegistry) {
        registry.register(
            "save",
            parameters: [.init("value", .any, doc: "what to write"),
                         .init("path", .string, doc: "a .json path; relative paths are inside the results directory (--out)")],
            returns: ValueTypeHint.none,
            doc: "Writes a value as JSON (atomically). Tensors become {dtype, shape, data}; non-finite numbers become null.") { call in
            let path = try call.string("path")
            guard (path as NSString).pathExtension.lowercased() == "json" else {
                throw call.error("cannot save to '\(path)': only .json files can be written", argument: "path",
                                 hint: "use a path ending in .json")
            }
            let text: String
            do {
                text = try JSONWriter.text(of: try call.value("value")) + "\n"
            } catch let error as RuntimeError {
                throw call.error(error.message, argument: "value")
            }
            try AtomicFile.write(text, to: resolve(path, in: call.context))
            return .none
        }
    }

    /// A file to read: an absolute path, or a relative one found in the current directory, beside the
    /// script, or in the results directory (where `save` writes), in that order; unchanged when none holds it.
    static func inputPath(_ path: String, in context: InterpreterContext) -> String {
        if path.hasPrefix("/") { return path }
        let beside = context.scriptPath.map { (($0 as NSString).deletingLastPathComponent as NSString).appendingPathComponent(path) }
        let candidates = [path] + (beside.map { [$0] } ?? []) + [resolve(path, in: context)]
        return candidates.first { FileManager.default.fileExists(atPath: $0) } ?? path
    }

    /// A path relative to the results directory, or an absolute one unchanged.
    static func resolve(_ path: String, in context: InterpreterContext) -> String {
        path.hasPrefix("/") ? path : (context.outputDirectory as NSString).appendingPathComponent(path)
    }
}

/// Values as JSON text: numbers in their shortest form, records as objects in field order.
enum JSONWriter {
    static func text(of value: Value) throws -> String {
        switch value {
        case .number(let x): return x.isFinite ? ValueFormatter.number(x) : "null"
        case .integer(let n): return String(n)
        case .bool(let b): return b ? "true" : "false"
        case .string(let s): return string(s)
        case .none: return "null"
        case .list(let elements): return "[" + (try elements.map(text).joined(separator: ", ")) + "]"
        case .range: return try text(of: .list(try value.asList(for: "a range")))
        case .record(let record):
            return "{" + (try record.fields.map { "\(string($0.name)): \(try text(of: $0.value))" }.joined(separator: ", ")) + "}"
        case .tensor(let tensor):
            let data = tensor.scalars.map { $0.isFinite ? (tensor.dtype == .float32 ? Float($0).description : ValueFormatter.number($0)) : "null" }
            return "{\"dtype\": \(string(tensor.dtype.rawValue)), \"shape\": [\(tensor.shape.map(String.init).joined(separator: ", "))], "
                + "\"data\": [\(data.joined(separator: ", "))]}"
        case .function, .native:
            throw RuntimeError("cannot write \(value.kindDescription) as JSON")
        }
    }

    /// A JSON string literal (the same escaping as safetensors headers).
    static func string(_ text: String) -> String { jsonString(text) }
}
