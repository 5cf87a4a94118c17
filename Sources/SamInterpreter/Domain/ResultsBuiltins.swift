import Foundation
import Experiments

/// `results(dir)`: a results directory read back as a sweep's value, for analysing finished runs in a
/// script or the REPL without rerunning them.
extension BuiltinRegistry {
    static func registerResultsBuiltins(into registry: inout BuiltinRegistry) {
        registry.register(
            "results", parameters: [.optional("dir", .string, doc: "a directory written by samlab run or samlab merge, relative to the current directory (default: this script's own results directory)")],
            returns: .list,
            doc: "The runs of a results directory as a list of records, like a sweep's value: the cell's axis values, then result (a StoredRun with status, steps, final and metrics) and status.") { call in
            let stored: StoredResults
            do { stored = try StoredResults.load(directory: try call.optionalString("dir") ?? call.context.outputDirectory) } catch {
                throw call.error("\(error)", argument: "dir")
            }
            return .list(stored.runs.map { run in
                let names = stored.manifest.axes.filter { run.record.parameters[$0] != nil }
                var fields = names.map { name -> (String, Value) in
                    switch run.record.parameters[name]! {
                    case .number(let v): return (name, .number(v))
                    case .text(let s): return (name, .string(s))
                    case .flag(let b): return (name, .bool(b))
                    }
                }
                fields += [("result", .native(StoredRunValue(run))), ("status", .string(run.record.status.rawValue))]
                return .record(Record(fields))
            })
        }
    }
}
