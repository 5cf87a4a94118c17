import Foundation
import SamLanguage
import Tensors
import Datasets
import NN
import Optimizers
import Experiments

extension DatasetError: IOProblem {}
extension NNError: IOProblem {
    /// Only parameter-file problems are I/O errors; a model that does not fit its data is a runtime error.
    public var isIOProblem: Bool { isFileProblem }
}

/// Formats a count with thousands separators: `795,010`.
func grouped(_ n: Int) -> String {
    let s = String(n)
    var out = ""
    for (i, ch) in s.reversed().enumerated() {
        if i > 0 && i % 3 == 0 { out.append(",") }
        out.append(ch)
    }
    return String(out.reversed())
}

/// A data set handle: examples with labels (images, features) or a character corpus.
public final class DatasetValue: NativeObject, NamedNativeType {
    public enum Content {
        case examples(train: Dataset, test: Dataset?)
        case text(CharacterCorpus)
    }
    public static let nativeTypeName = "Dataset"
    public let content: Content
    public init(_ content: Content) { self.content = content }
    public var typeName: String { Self.nativeTypeName }

    public var summary: String {
        switch content {
        case .examples(let train, let test):
            let shape = train.featureShape.map(String.init).joined(separator: "×")
            return "Dataset(\(train.name): \(grouped(train.count)) examples of \(shape)\(train.numClasses > 0 ? ", \(train.numClasses) classes" : "")\(test.map { ", test \(grouped($0.count))" } ?? ""))"
        case .text(let corpus):
            return "Dataset(\(corpus.name): \(grouped(corpus.trainTokens.count)) training and \(grouped(corpus.testTokens.count)) test characters, vocabulary \(corpus.vocabulary.count))"
        }
    }

    public var fieldNames: [String] { ["count", "classes", "features", "name", "inputs", "labels", "test"] }

    public func field(_ name: String) -> Value? {
        switch (content, name) {
        case (.examples(let train, _), "count"): return .integer(train.count)
        case (.examples(let train, _), "classes"): return .integer(train.numClasses)
        case (.examples(let train, _), "features"): return .list(train.featureShape.map(Value.integer))
        case (.examples(let train, _), "name"): return .string(train.name)
        case (.examples(let train, _), "inputs"): return .tensor(train.inputs)
        case (.examples(let train, _), "labels"): return .list(train.labels.map(Value.integer))
        case (.examples(_, let test), "test"): return test.map { .native(DatasetValue(.examples(train: $0, test: nil))) } ?? Value.none
        case (.text(let corpus), "count"): return .integer(corpus.trainTokens.count)
        case (.text(let corpus), "classes"): return .integer(corpus.vocabulary.count)
        case (.text(let corpus), "name"): return .string(corpus.name)
        default: return nil
        }
    }
}

/// A weight initialiser (`glorot_normal(scale: 0.9)`).
public final class InitializerValue: NativeObject, NamedNativeType {
    public static let nativeTypeName = "Initializer"
    public let initializer: Initializer
    public init(_ initializer: Initializer) { self.initializer = initializer }
    public var typeName: String { Self.nativeTypeName }
    public var summary: String { "Initializer(\(initializer))" }
}

/// An optimizer configuration, possibly in phases (late SAM).
public final class OptimizerValue: NativeObject, NamedNativeType {
    public static let nativeTypeName = "Optimizer"
    /// Phases in order; the first starts at step 0.
    public let phases: [(start: PhasedOptimizer.Start, configuration: OptimizerConfiguration)]
    public let carryState: Bool
    public init(phases: [(start: PhasedOptimizer.Start, configuration: OptimizerConfiguration)], carryState: Bool = true) {
        self.phases = phases
        self.carryState = carryState
    }
    public convenience init(_ configuration: OptimizerConfiguration) { self.init(phases: [(.step(0), configuration)]) }
    public var typeName: String { Self.nativeTypeName }
    /// The configuration of the first phase.
    public var first: OptimizerConfiguration { phases[0].configuration }

    public var summary: String {
        if phases.count == 1 { return "Optimizer(\(first.summary))" }
        return "Optimizer(" + phases.map { phase in
            let start: String
            switch phase.start { case .step(let s): start = "step \(s)"; case .fraction(let f): start = "\(Int(f * 100))% of the budget" }
            return "from \(start): \(phase.configuration.summary)"
        }.joined(separator: "; ") + ")"
    }

    public var fieldNames: [String] { ["lr", "rho"] }
    public func field(_ name: String) -> Value? {
        switch name {
        case "lr": return .number(first.learningRate)
        case "rho": return .number(first.rho)
        default: return nil
        }
    }

    /// A stateful optimizer for a run whose budget is `totalSteps`.
    func makeOptimizer(totalSteps: Int?) throws -> PhasedOptimizer {
        try PhasedOptimizer(phases: phases, totalSteps: totalSteps, carryState: carryState)
    }
}

/// A stop condition (`after(steps: 3000) or after(minutes: 10)`).
public final class StopValue: NativeOperand, NamedNativeType {
    public static let nativeTypeName = "Stop"
    public let condition: StopCondition
    public init(_ condition: StopCondition) { self.condition = condition }
    public var typeName: String { Self.nativeTypeName }
    public var summary: String { "Stop(\(condition))" }

    public func binary(_ op: BinaryOperator, _ other: Value, reversed: Bool) throws -> Value? {
        guard op == .or, case .native(let object) = other, let stop = object as? StopValue else { return nil }
        var parts: [StopCondition] = []
        for c in [condition, stop.condition] {
            if case .any(let inner) = c { parts += inner } else { parts.append(c) }
        }
        return .native(StopValue(.any(parts)))
    }
}

/// A learning-rate schedule (`cosine(steps: 1000)`).
public final class ScheduleValue: NativeObject, NamedNativeType {
    public static let nativeTypeName = "Schedule"
    public let schedule: LearningRateSchedule
    public init(_ schedule: LearningRateSchedule) { self.schedule = schedule }
    public var typeName: String { Self.nativeTypeName }
    public var summary: String { "Schedule(\(schedule))" }
}
