/// Equality of values, as `==` sees it. It never fails: values of different kinds are unequal.
extension Value {
    /// Whether two values are equal: numbers by value (`1 == 1.0`), lists and records element by
    /// element (records regardless of field order), tensors by shape and elements, functions and native
    /// objects by identity.
    public func isEqual(to other: Value) -> Bool {
        switch (self, other) {
        case (.integer(let a), .integer(let b)): return a == b
        case (.integer, .number), (.number, .integer), (.number, .number):
            return (try? asDouble(for: "")) == (try? other.asDouble(for: ""))
        case (.bool(let a), .bool(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (.none, .none): return true
        case (.list(let a), .list(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.isEqual(to: $1) }
        case (.record(let a), .record(let b)):
            return a.fields.count == b.fields.count && a.fields.allSatisfy { field in b[field.name].map(field.value.isEqual) ?? false }
        case (.range(let a), .range(let b)):
            return a.count == b.count && (a.count == 0 || (a.start == b.start && (a.count == 1 || a.step == b.step)))
        case (.tensor(let a), .tensor(let b)):
            return a.shape == b.shape && a.scalars == b.scalars
        case (.function(.closure(let a)), .function(.closure(let b))): return a === b
        case (.function(.builtin(let a)), .function(.builtin(let b))): return a.name == b.name
        case (.native(let a), .native(let b)): return a === b
        default: return false
        }
    }
}
