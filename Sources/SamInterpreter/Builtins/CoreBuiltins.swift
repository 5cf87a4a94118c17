import SamLanguage

/// Builtins on plain values: output, sizes, conversions, lists, records, introspection.
extension BuiltinRegistry {
    /// `print`, `len`, `range`, `str`, `type`, `keys`, `append`, `concat`, `help`.
    static func registerCoreBuiltins(into registry: inout BuiltinRegistry) {
        registry.register("print", variadic: true, returns: ValueTypeHint.none,
                          doc: "Prints its arguments separated by spaces, then a line break.") { call in
            call.context.output.write(call.variadicArguments.map(ValueFormatter.display).joined(separator: " ") + "\n")
            return .none
        }
        registry.register("len", parameters: [.init("x", doc: "a list, range, string, record or tensor")], returns: .int,
                          doc: "The number of elements (a tensor: the length of its first axis).") { call in
            switch try call.value("x") {
            case .list(let elements): return .integer(elements.count)
            case .range(let range): return .integer(range.count)
            case .string(let text): return .integer(text.count)
            case .record(let record): return .integer(record.fields.count)
            case .tensor(let tensor):
                guard let first = tensor.shape.first else { throw call.error("len of a rank-0 tensor", argument: "x") }
                return .integer(first)
            case let other: throw call.error("len of \(other.kindDescription)", argument: "x")
            }
        }
        registry.register(
            "range",
            parameters: [.init("a", .int, doc: "the end (with one argument) or the start"),
                         .optional("b", .int, doc: "the end, excluded"),
                         .init("step", .int, default: .integer(1), doc: "the difference between elements, not 0")],
            returns: .range,
            doc: "range(n) is 0..<n; range(a, b) is a..<b; range(a, b, step) counts by step (down when negative).") { call in
            let a = try call.int("a"), step = try call.int("step")
            guard step != 0 else { throw call.error("the step of a range cannot be 0", argument: "step") }
            guard let b = try call.optionalInt("b") else { return .range(RangeValue(start: 0, end: a, step: step)) }
            return .range(RangeValue(start: a, end: b, step: step))
        }
        registry.register("str", parameters: [.init("x")], returns: .string,
                          doc: "The text `print` would show for x.") { call in
            .string(ValueFormatter.display(try call.value("x")))
        }
        registry.register("type", parameters: [.init("x")], returns: .string,
                          doc: "The kind of x: number, integer, bool, string, list, record, range, function, none, tensor, or a native kind such as Model.") { call in
            .string(try call.value("x").typeName)
        }
        registry.register("keys", parameters: [.init("x", doc: "a record or a native object with fields")], returns: .list,
                          doc: "The field names of a record (or of a native object), in order.") { call in
            switch try call.value("x") {
            case .record(let record): return .list(record.names.map(Value.string))
            case .native(let object): return .list(object.fieldNames.map(Value.string))
            case let other: throw call.error("keys of \(other.kindDescription): only records and native objects have fields", argument: "x")
            }
        }
        registry.register("append", parameters: [.init("list", .list), .init("x")], returns: .list,
                          doc: "A new list: `list` with x added at the end (lists are values; the original is unchanged).") { call in
            .list(try call.list("list") + [try call.value("x")])
        }
        registry.register("concat", variadic: true, returns: .list,
                          doc: "The lists (or ranges) given, joined into one list.") { call in
            var result: [Value] = []
            for (index, value) in call.variadicArguments.enumerated() {
                do {
                    result += try value.asList(for: "argument \(index + 1)")
                    guard result.count <= Value.maxMaterializedCount else { throw RuntimeError("the joined list would be too long") }
                } catch let error as RuntimeError {
                    throw call.error(error.message, variadicIndex: index)
                }
            }
            return .list(result)
        }
        registerHelp(into: &registry)
    }

    /// `help(name)`: the help text of the registry the running interpreter uses.
    private static func registerHelp(into registry: inout BuiltinRegistry) {
        registry.register("help", parameters: [.optional("name", .string, doc: "a builtin, constant or probe name")], returns: ValueTypeHint.none,
                          doc: "Prints how to use a builtin, constant or probe; without a name, lists them all.") { call in
            call.context.output.write((try call.optionalString("name")).map { name in
                call.registry.help(name) ?? "no builtin, constant or probe is named '\(name)'"
            } ?? call.registry.overview)
            call.context.output.write("\n")
            return .none
        }
    }
}
