import SamInterpreter
import SamLanguage

/// The session as a completion source: the language's keywords, the registry's builtins, and the
/// interpreter's bindings. Field lists read bound values (record fields, native objects' fields); they
/// never call functions.
extension ReplSession: CompletionSource {
    public var keywords: [String] { Lexer.keywords + Lexer.contextualKeywords }

    public var builtinNames: [String] { registry.completionWords }

    public var sessionNames: [String] { interpreter.globalNames }

    public func parameterNames(of name: String) -> [String]? {
        switch interpreter.global(name) ?? registry.value(named: name) {
        case .function(.closure(let closure)):
            return closure.literal.parameters.map(\.name.name)
        case .function(.builtin(let builtin)):
            return builtin.parameters.map(\.name)
        default:
            return registry.probes[name]?.parameters.map(\.name)
        }
    }

    public func fieldNames(of path: [String]) -> [String]? {
        guard let head = path.first, var value = interpreter.global(head) ?? registry.constants[head]?.value else { return nil }
        for name in path.dropFirst() {
            switch value {
            case .record(let record):
                guard let field = record[name] else { return nil }
                value = field
            case .native(let object):
                guard let field = object.field(name) else { return nil }
                value = field
            default:
                return nil
            }
        }
        switch value {
        case .record(let record): return record.names
        case .native(let object): return object.fieldNames
        default: return nil
        }
    }

    /// The completer over this session.
    public var completer: Completer { Completer(source: self) }
}
