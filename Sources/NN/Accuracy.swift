import Tensors

/// Classification accuracy, computed on tensors (it has no derivative).
public enum Accuracy {
    /// The fraction of examples whose largest output (first on ties) is the target class. `outputs` is
    /// `[..., C]` (every leading axis counts examples, as in ``Loss``); `targets` is one-hot (or scores:
    /// the target class is the row's largest entry) of the same shape, or class ids of shape `[...]`.
    public static func of(outputs: Tensor, targets: Tensor) throws -> Double {
        guard let classes = outputs.shape.last, classes > 0 else { throw NNError("accuracy: outputs \(describeShape(outputs.shape)) have no classes") }
        let examples = outputs.count / classes
        let predicted = argmaxRows(outputs, classes)
        let labels: [Int]
        if targets.shape == outputs.shape {
            labels = argmaxRows(targets, classes)
        } else if targets.shape == Array(outputs.shape.dropLast()) {
            labels = targets.scalars.map { Int($0) }
        } else {
            throw NNError("accuracy: targets \(describeShape(targets.shape)) fit neither outputs \(describeShape(outputs.shape)) nor their ids")
        }
        guard examples > 0 else { return .nan }
        let correct = zip(predicted, labels).reduce(0) { $0 + ($1.0 == $1.1 ? 1 : 0) }
        return Double(correct) / Double(examples)
    }

    /// The index of each row's largest entry (first on ties).
    static func argmaxRows(_ t: Tensor, _ classes: Int) -> [Int] {
        let values = t.scalars
        return stride(from: 0, to: values.count, by: classes).map { start in
            var best = start
            for i in start..<(start + classes) where values[i] > values[best] { best = i }
            return best - start
        }
    }
}
