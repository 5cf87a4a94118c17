import Foundation
import SamLanguage
import NN
import Plotting
import Tensors
import Experiments

/// `plot X to "file.svg"` and parameter files for `save RUN to "params.safetensors"`.
extension BuiltinRegistry {
    static func registerPlotSaveBuiltins(into registry: inout BuiltinRegistry) {
        for figure in PaperFigure.allCases { registry.register(Constant(figure.rawValue, .string(figure.rawValue), doc: figure.doc)) }
        registry.register(
            "plot",
            parameters: [.init("what", .any, doc: "a figure name (\(PaperFigure.allCases.map(\.rawValue).joined(separator: ", "))), a Run, a list of Runs, or a PropositionReport"),
                         .init("path", .string, doc: "an .svg path; relative paths are inside the results directory (--out)")],
            returns: ValueTypeHint.none,
            doc: "Draws a paper-style figure as SVG: eigenvalues with 2/η and the SAM-edge against training time, loss, alignment, the sweep heat-map, or E/(2/η) against α.") { call in
            let path = try call.string("path")
            guard (path as NSString).pathExtension.lowercased() == "svg" else {
                throw call.error("cannot plot to '\(path)': figures are SVG files", argument: "path", hint: "use a path ending in .svg")
            }
            let target = resolve(path, in: call.context)
            if case .native(let report as PropositionReportValue) = try call.value("what") {
                let samples = report.report.alignedSamples
                let groups = [true, false].map { up in
                    PointGroup(label: up ? "aligned quadratic: loss increased" : "aligned quadratic: loss decreased",
                               x: samples.filter { $0.increased == up }.map(\.alpha), y: samples.filter { $0.increased == up }.map(\.scaledLambda))
                }
                try PaperFigures.edgeRatio(points: groups, title: "λ₁·η/2 of aligned quadratics against the SAM-edge ratio E/(2/η)").write(to: target)
                return .none
            }
            let state = DomainState.of(call.context)
            let (figure, runs) = try plotSubject(call, state)
            switch figure {
            case .eigenvaluesVsEdge: try PaperFigures.eigenvaluesVsEdge(runs).write(to: target)
            case .lossVsTime: try PaperFigures.lossVsTime(runs).write(to: target)
            case .alignmentVsTime: try PaperFigures.alignmentVsTime(runs).write(to: target)
            case .edgeRatioCurve: try PaperFigures.edgeRatio(points: PaperFigures.edgeRatioPoints(runs)).write(to: target)
            case .sweepHeatmap:
                guard let (cells, metric) = ResultsFigures.heatmapCells(state.lastSweep) else {
                    throw call.error("sweep_heatmap needs a sweep over axes named eta and rho", argument: "what")
                }
                guard !cells.isEmpty else { throw call.error("there is no sweep to draw yet", argument: "what") }
                try PaperFigures.sweepHeatmap(cells, metric: metric).write(to: target)
            }
            return .none
        }

        let previousSave = registry.functions["save"]
        registry.register(
            "save",
            parameters: [.init("value", .any, doc: "a Run, a Model or a record of tensors (parameters: .safetensors or .npz), or any value (.json)"),
                         .init("path", .string, doc: "relative paths are inside the results directory (--out)")],
            returns: ValueTypeHint.none,
            doc: "Writes a run's or model's parameters, or a record of named tensors, as safetensors or npz (what load reads back bit for bit), or a value as JSON; atomically.") { call in
            let path = try call.string("path")
            let ext = (path as NSString).pathExtension.lowercased()
            guard ext == "safetensors" || ext == "npz" else {
                guard let previousSave else { throw call.error("cannot save to '\(path)'", argument: "path") }
                return try previousSave.body(call)
            }
            let target = resolve(path, in: call.context)
            switch try call.value("value") {
            case .native(let run as RunValue):
                try ParameterFile.save(run.result.parameters, layout: run.layout, to: target, metadata: ["status": run.result.record.status.rawValue])
            case .native(let model as ModelValue):
                guard let network = model.built else {
                    throw call.error("this model has no size yet: train it first, or save the run", argument: "value")
                }
                try ParameterFile.save(try model.startingParameters(for: network, dtype: model.parameters?.dtype ?? .float32), layout: network.layout, to: target)
            case .record(let record):
                let named = try record.fields.map { field -> (name: String, tensor: Tensor) in
                    guard case .tensor(let tensor) = field.value else {
                        throw call.error("field '\(field.name)' is \(field.value.kindDescription): a .\(ext) file holds tensors", argument: "value")
                    }
                    return (field.name, tensor)
                }
                try ParameterFile.write(named, to: target)
            case let other:
                throw call.error("only a Run, a Model or a record of tensors can be written as .\(ext), not \(other.kindDescription)", argument: "value")
            }
            return .none
        }
    }

    /// A run outside a sweep as a plotted series named `label`.
    private static func series(_ run: RunResults, label: String) -> RunSeries {
        var series = ResultsFigures.series(run.figureEntry(parameters: [:]))
        series.label = label
        return series
    }

    /// The figure kind and the runs it draws.
    private static func plotSubject(_ call: BuiltinCall, _ state: DomainState) throws -> (PaperFigure, [RunSeries]) {
        func sessionRuns() -> [RunSeries] {
            if !state.lastSweep.isEmpty {
                return state.lastSweep.filter { $0.record.status != .failed && !$0.metrics.rows.isEmpty }.map(ResultsFigures.series)
            }
            return state.runs.enumerated().map { series($0.element, label: "run \($0.offset + 1)") }
        }
        switch try call.value("what") {
        case .string(let name):
            guard let figure = PaperFigure(rawValue: name) else {
                throw call.error("unknown figure '\(name)'", argument: "what", hint: "one of " + PaperFigure.allCases.map(\.rawValue).joined(separator: ", "))
            }
            let runs = sessionRuns()
            if runs.isEmpty && figure.drawsRuns { throw call.error("there are no runs to plot yet", argument: "what") }
            return (figure, runs)
        case .native(let run as RunResults):
            return (.eigenvaluesVsEdge, [series(run, label: "run")])
        case .list(let items):
            let runs = try items.enumerated().compactMap { index, item -> RunSeries? in
                switch item {
                case .native(let run as RunResults): return series(run, label: "run \(index + 1)")
                case .record(let record):
                    guard case .native(let run as RunResults)? = record["result"] else { return nil }
                    var parameters: [String: ParameterValue] = [:]
                    for (name, value) in record.fields where name != "result" && name != "status" {
                        if case .number(let v) = value { parameters[name] = .number(v) } else if case .integer(let i) = value { parameters[name] = .number(Double(i)) }
                    }
                    return ResultsFigures.series(run.figureEntry(parameters: parameters))
                default: throw call.error("item \(index + 1) is \(item.kindDescription), not a Run", argument: "what")
                }
            }
            guard !runs.isEmpty else { throw call.error("the list holds no runs to plot", argument: "what") }
            return (.eigenvaluesVsEdge, runs)
        case let other:
            throw call.error("cannot plot \(other.kindDescription)", argument: "what", hint: "plot a Run, a list of runs, or a figure name such as eigenvalues_vs_edge")
        }
    }
}
