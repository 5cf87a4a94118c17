/// Prints syntax trees as compact S-expressions, e.g. `(let x (+ 1 (* 2 3)))`: for tests, and for
/// tools that show how a line was parsed (operator precedence becomes visible as nesting).
public enum SyntaxPrinter {
    /// The S-expression of a statement list, one statement per line.
    public static func print(_ statements: [Stmt]) -> String {
        statements.map(print).joined(separator: "\n")
    }

    /// The S-expression of a statement.
    public static func print(_ statement: Stmt) -> String {
        switch statement.kind {
        case .let(let name, let value): return "(let \(name.name) \(print(value)))"
        case .assign(let name, let op, let value): return "(\(op?.rawValue ?? "")= \(name.name) \(print(value)))"
        case .expression(let expression): return print(expression)
        case .function(let name, let function): return "(fn \(name.name) \(print(function)))"
        case .if(let statement): return print(statement)
        case .for(let name, let sequence, let body): return "(for \(name.name) \(print(sequence)) \(print(body)))"
        case .while(let condition, let body): return "(while \(print(condition)) \(print(body)))"
        case .return(let value): return value.map { "(return \(print($0)))" } ?? "(return)"
        case .assert(let condition, let message):
            return "(assert \(print(condition))\(message.map { " " + print($0) } ?? ""))"
        case .param(let declaration):
            let allowed = declaration.allowedValues.map { " in \(print($0))" } ?? ""
            return "(param \(declaration.name.name) \(print(declaration.defaultValue))\(allowed))"
        case .import(let path, _): return "(import \(quote(path)))"
        case .plot(let what, let path): return "(plot \(print(what)) to \(print(path)))"
        case .save(let value, let path): return "(save \(print(value)) to \(print(path)))"
        }
    }

    /// The S-expression of an expression.
    public static func print(_ expression: Expr) -> String {
        switch expression.kind {
        case .integer(let value): return String(value)
        case .float(let value): return String(value)
        case .string(let value): return quote(value)
        case .bool(let value): return String(value)
        case .none: return "none"
        case .name(let name): return name
        case .list(let elements): return "[" + elements.map(print).joined(separator: " ") + "]"
        case .record(let fields):
            return "{" + fields.map { "\($0.name.name): \(print($0.value))" }.joined(separator: " ") + "}"
        case .unary(let op, let operand): return "(\(op.rawValue) \(print(operand)))"
        case .binary(let op, let left, let right): return "(\(op.rawValue) \(print(left)) \(print(right)))"
        case .range(let lower, let upper, let inclusive):
            return "(\(inclusive ? "..." : "..<") \(print(lower)) \(print(upper)))"
        case .call(let callee, let arguments): return "(call \(print(callee))\(print(arguments)))"
        case .field(let base, let name): return "(. \(print(base)) \(name.name))"
        case .index(let base, let indices): return "(index \(print(base)) \(indices.map(print).joined(separator: " ")))"
        case .function(let function): return "(fn \(print(function)))"
        case .train(let form): return print(form)
        case .sweep(let form):
            let axes = form.axes.map { "(\($0.name.name) \(print($0.values)))" }.joined(separator: " ")
            return "(sweep \(axes) \(print(form.body)))"
        }
    }

    private static func print(_ arguments: [Argument]) -> String {
        arguments.map { " " + ($0.label.map { "\($0.name): " } ?? "") + print($0.value) }.joined()
    }

    private static func print(_ block: Block) -> String {
        "{" + block.statements.map(print).joined(separator: "; ") + "}"
    }

    private static func print(_ function: FunctionLiteral) -> String {
        let parameters = function.parameters.map { parameter in
            parameter.name.name + (parameter.defaultValue.map { ": " + print($0) } ?? "")
        }
        let body: String
        switch function.body {
        case .block(let block): body = print(block)
        case .expression(let expression): body = "=> " + print(expression)
        }
        return "(\(parameters.joined(separator: " "))) \(body)"
    }

    private static func print(_ statement: IfStatement) -> String {
        var text = "(if \(print(statement.condition)) \(print(statement.thenBlock))"
        switch statement.elseBranch {
        case .block(let block): text += " else \(print(block))"
        case .elseIf(let nested, _): text += " else \(print(nested))"
        case nil: break
        }
        return text + ")"
    }

    private static func print(_ form: TrainForm) -> String {
        var items = form.settings.map { "\($0.name.name) = \(print($0.value))" }
        for clause in form.probes {
            let schedule: String
            switch clause.schedule.kind {
            case .everySteps(let interval): schedule = "every \(print(interval)) steps"
            case .everySeconds(let interval): schedule = "every \(print(interval)) seconds"
            case .atSteps(let steps): schedule = "at \(print(steps))"
            case .logSpaced(let arguments): schedule = "(log\(print(arguments)))"
            }
            let probes = clause.items.map { item in
                item.arguments.map { "(\(item.name.name)\(print($0)))" } ?? item.name.name
            }
            items.append("probe \(schedule): \(probes.joined(separator: " "))")
        }
        return "(train \(print(form.model))\(form.data.map { " on " + print($0) } ?? "") {\(items.joined(separator: "; "))})"
    }

    /// A string literal in `.sam` syntax: double quotes, with `"`, `\` and control characters escaped
    /// (`\n \t \r \0`, others as `\u{…}`), so that lexing it gives back `string`.
    public static func quote(_ string: String) -> String {
        var result = "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            case "\0": result += "\\0"
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    result += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}
