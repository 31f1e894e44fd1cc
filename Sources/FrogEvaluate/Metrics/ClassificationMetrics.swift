/// Single-label (softmax) classification metrics: every window has exactly one true class and
/// is predicted as the class with the highest score.
///
/// ```swift
/// let metrics = ClassificationMetrics(classCount: 5, truth: labels, scores: probabilities)
/// print(metrics.perClass[2].f1, metrics.macro.f1, metrics.accuracy)
/// ```
public struct ClassificationMetrics: Equatable, Sendable {
    /// One entry per class, in class-index order.
    public let perClass: [ClassMetrics]
    /// Unweighted mean over the classes, background classes left out.
    public let macro: AveragedMetrics
    /// Counts pooled over classes (for single-label data precision = recall = F1 = accuracy).
    public let micro: AveragedMetrics
    /// Mean weighted by support.
    public let weighted: AveragedMetrics
    /// Fraction of windows predicted correctly.
    public let accuracy: Double
    public let confusion: ConfusionMatrix
    /// The predicted class of each window.
    public let predicted: [Int]
    /// Indices of background classes, left out of the macro averages.
    public let background: Set<Int>

    /// Metrics of `scores` against `truth`.
    /// - Parameters:
    ///   - truth: true class index per window, in `0..<classCount`.
    ///   - scores: per window, one score per class (`[windows][classCount]`); the prediction is
    ///     the first class with the highest score. Scores also give AP and ROC-AUC per class.
    ///   - background: indices of background classes (`noise`), left out of the macro average.
    public init(classCount: Int, truth: [Int], scores: [[Float]], background: Set<Int> = []) {
        precondition(truth.count == scores.count, "ClassificationMetrics: \(truth.count) labels, \(scores.count) score rows")
        precondition(scores.allSatisfy { $0.count == classCount }, "ClassificationMetrics: each score row needs \(classCount) values")
        let predicted = scores.map(ClassificationMetrics.argmax)
        self.init(classCount: classCount, truth: truth, predicted: predicted, scores: scores, background: background)
    }

    /// Metrics of given predictions; with `scores` (`[windows][classCount]`) also AP and
    /// ROC-AUC per class; `background` classes are left out of the macro average.
    public init(classCount: Int, truth: [Int], predicted: [Int], scores: [[Float]]? = nil, background: Set<Int> = []) {
        let confusion = ConfusionMatrix(classCount: classCount, truth: truth, predicted: predicted)
        var perClass: [ClassMetrics] = []
        for c in 0..<classCount {
            let tp = confusion[truth: c, predicted: c]
            let row = (0..<classCount).reduce(0) { $0 + confusion[truth: c, predicted: $1] }
            let column = (0..<classCount).reduce(0) { $0 + confusion[truth: $1, predicted: c] }
            var ap: Double?
            var auc: Double?
            if let scores {
                let column = scores.map { $0[c] }
                let positives = truth.map { $0 == c }
                ap = RankingMetrics.averagePrecision(scores: column, positives: positives)
                auc = RankingMetrics.rocAUC(scores: column, positives: positives)
            }
            perClass.append(ClassMetrics(
                truePositives: tp, falsePositives: column - tp, falseNegatives: row - tp,
                averagePrecision: ap, rocAUC: auc))
        }
        self.perClass = perClass
        self.confusion = confusion
        self.predicted = predicted
        self.background = background
        macro = .macro(perClass, excluding: background)
        micro = .micro(perClass)
        weighted = .weighted(perClass)
        let correct = zip(truth, predicted).filter { $0 == $1 }.count
        accuracy = truth.isEmpty ? 0 : Double(correct) / Double(truth.count)
    }

    /// Index of the first largest value (NaN never wins).
    public static func argmax(_ row: [Float]) -> Int {
        var best = 0
        for i in row.indices where row[i] > row[best] || (row[best].isNaN && !row[i].isNaN) { best = i }
        return best
    }
}
