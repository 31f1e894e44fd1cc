/// Counts of (true class, predicted class) pairs; rows are true classes, columns predictions.
public struct ConfusionMatrix: Equatable, Sendable, Codable {
    public let classCount: Int
    /// `classCount²` counts, row-major: `counts[truth * classCount + predicted]`.
    public private(set) var counts: [Int]

    /// Tallies `truth[i]` against `predicted[i]`; both are class indices in `0..<classCount`.
    public init(classCount: Int, truth: [Int], predicted: [Int]) {
        precondition(truth.count == predicted.count, "ConfusionMatrix: \(truth.count) labels, \(predicted.count) predictions")
        self.classCount = classCount
        counts = [Int](repeating: 0, count: classCount * classCount)
        for (t, p) in zip(truth, predicted) {
            precondition((0..<classCount).contains(t) && (0..<classCount).contains(p), "ConfusionMatrix: class index out of range")
            counts[t * classCount + p] += 1
        }
    }

    /// How many windows of class `truth` were predicted as `predicted`.
    public subscript(truth truth: Int, predicted predicted: Int) -> Int {
        counts[truth * classCount + predicted]
    }

    /// Each row divided by its sum (the fraction of each true class given each prediction);
    /// a row with no windows stays all zero. Row-major like `counts`.
    public var rowNormalized: [Double] {
        var result = [Double](repeating: 0, count: counts.count)
        for row in 0..<classCount {
            let total = (0..<classCount).reduce(0) { $0 + counts[row * classCount + $1] }
            guard total > 0 else { continue }
            for column in 0..<classCount {
                result[row * classCount + column] = Double(counts[row * classCount + column]) / Double(total)
            }
        }
        return result
    }
}
