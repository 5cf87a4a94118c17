import SamLanguage
import Tensors

/// Indexing (`x[i]`, `m[i, j]`, `xs[1..<3]`) and field access (`r.name`, `q.w0`, `t.shape`).
/// Errors are unlocated ``RuntimeError``s; the interpreter locates them.
///
/// - Lists, ranges and strings take one integer (negative counts from the end) or a range (a slice).
/// - Records take a field name as a string: `r["lr"]` is `r.lr`.
/// - Tensors take up to one integer per axis; a full index gives a number, a partial one the
///   sub-tensor; a single range slices the first axis.
enum Indexing {
    /// `base[indices...]`.
    static func index(_ base: Value, _ indices: [Value]) throws -> Value {
        switch base {
        case .tensor(let tensor):
            return try tensorIndex(tensor, indices)
        case .native(let object as NativeIndexable):
            return try object.index(indices)
        case .record(let record):
            let name = try single(indices, of: base).asString(for: "a record index")
            return try field(of: base, record[name], name, candidates: record.names)
        default:
            break
        }
        let index = try single(indices, of: base)
        switch base {
        case .list(let elements):
            if case .range(let range) = index { return .list(slice(range, count: elements.count).map { elements[$0] }) }
            return elements[try position(index, count: elements.count)]
        case .range(let range):
            if case .range(let selection) = index { return .list(slice(selection, count: range.count).map { .integer(range.element($0)) }) }
            return .integer(range.element(try position(index, count: range.count)))
        case .string(let text):
            let characters = Array(text)
            if case .range(let range) = index { return .string(String(slice(range, count: characters.count).map { characters[$0] })) }
            return .string(String(characters[try position(index, count: characters.count)]))
        default:
            throw RuntimeError("cannot index \(base.kindDescription)")
        }
    }

    /// `base.name`.
    static func field(_ base: Value, _ name: String) throws -> Value {
        switch base {
        case .record(let record):
            return try field(of: base, record[name], name, candidates: record.names)
        case .native(let object):
            return try field(of: base, object.field(name), name, candidates: object.fieldNames)
        case .tensor(let tensor):
            let fields: Record = Record([("shape", .list(tensor.shape.map(Value.integer))), ("dtype", .string(tensor.dtype.rawValue))])
            return try field(of: base, fields[name], name, candidates: fields.names)
        default:
            throw RuntimeError("\(base.kindDescription) has no fields (looking for '\(name)')")
        }
    }

    private static func field(of base: Value, _ value: Value?, _ name: String, candidates: [String]) throws -> Value {
        if let value { return value }
        let suggestion = EditDistance.closest(to: name, among: candidates)
        let known = candidates.isEmpty ? "it has no fields" : "its fields: \(candidates.joined(separator: ", "))"
        throw RuntimeError("\(base.kindDescription) has no field '\(name)'", hint: suggestion.map { "did you mean '\($0)'?" } ?? known)
    }

    private static func single(_ indices: [Value], of base: Value) throws -> Value {
        guard indices.count == 1 else { throw RuntimeError("\(base.kindDescription) takes one index, got \(indices.count)") }
        return indices[0]
    }

    /// An integer index, negative counting from the end, checked against `count`.
    static func position(_ index: Value, count: Int) throws -> Int {
        let i = try index.asInt(for: "an index")
        let resolved = i < 0 ? i &+ count : i
        guard resolved >= 0 && resolved < count else {
            throw RuntimeError("index \(i) is out of range for \(count) element\(count == 1 ? "" : "s")",
                               hint: count == 0 ? nil : "valid indices are 0...\(count - 1) (or -\(count)...-1 from the end)")
        }
        return resolved
    }

    /// The positions of `0..<count` that a range selects, in the range's order (elements outside are
    /// skipped, as a Python slice clamps).
    static func slice(_ range: RangeValue, count: Int) -> [Int] {
        guard count > 0, range.count > 0 else { return [] }
        let step = range.step.magnitude
        var positions: [Int] = []
        if range.step > 0 {
            // The first element at or above 0, then up to min(end, count).
            let skip = range.start >= 0 ? 0 : (range.start.magnitude + step - 1) / step
            var i = range.start.addingReportingOverflow(Int(truncatingIfNeeded: skip &* step)).partialValue
            while i < min(range.end, count), i >= 0 {
                positions.append(i)
                let next = i.addingReportingOverflow(range.step)
                if next.overflow { break }
                i = next.partialValue
            }
        } else {
            // The first element at or below count - 1, then down to max(end, -1).
            let excess = range.start <= count - 1 ? 0 : (UInt(range.start - (count - 1)) + step - 1) / step
            var i = range.start.subtractingReportingOverflow(Int(truncatingIfNeeded: excess &* step)).partialValue
            while i > max(range.end, -1), i < count {
                positions.append(i)
                let next = i.addingReportingOverflow(range.step)
                if next.overflow { break }
                i = next.partialValue
            }
        }
        return positions
    }

    private static func tensorIndex(_ tensor: Tensor, _ indices: [Value]) throws -> Value {
        if indices.count == 1, case .range(let range) = indices[0] {
            guard tensor.rank >= 1 else { throw RuntimeError("cannot slice a rank-0 tensor") }
            return .tensor(try tensor.rows(slice(range, count: tensor.shape[0])))
        }
        guard indices.count <= tensor.rank else {
            throw RuntimeError("\(indices.count) indices for a tensor of rank \(tensor.rank) (shape \(describeShape(tensor.shape)))")
        }
        var offset = 0
        for (axis, index) in indices.enumerated() {
            offset = offset * tensor.shape[axis] + (try position(index, count: tensor.shape[axis]))
        }
        let rest = Array(tensor.shape[indices.count...])
        if rest.isEmpty { return .number(tensor.scalar(at: offset)) }
        let size = rest.reduce(1, *)
        if size == 0 { return .tensor(Tensor(zeros: rest, dtype: tensor.dtype)) }
        let flat = try tensor.reshaped([tensor.count / size, size])
        return .tensor(try flat.rows([offset]).reshaped(rest))
    }
}
