/// Multi-label (sigmoid) metrics: each window may contain any number of classes, including none
/// ("no frog"); class c is predicted when its score reaches its threshold.
public struct MultiLabelMetrics: Equatable, Sendable {
    /// One entry per class: one-vs-rest counts from the thresholded scores, AP and ROC-AUC.
    public let perClass: [ClassMetrics]
    /// Unweighted mean over the classes, background classes left out.
    public let macro: AveragedMetrics
    public let micro: AveragedMetrics
    public let weighted: AveragedMetrics
    /// Fraction of windows whose whole predicted label set is right (sklearn's subset accuracy).
    public let subsetAccuracy: Double
    /// `predicted[window][class]`.
    public let predicted: [[Bool]]
    /// Indices of background classes, left out of the macro averages.
    public let background: Set<Int>

    /// - Parameters:
    ///   - truth: `[windows][classCount]`, true where the class is present.
    ///   - scores: `[windows][classCount]` independent scores.
    ///   - thresholds: one per class; a class is predicted when `score >= threshold`.
    ///   - background: indices of background classes (`noise`), left out of the macro average.
    public init(truth: [[Bool]], scores: [[Float]], thresholds: [Float], background: Set<Int> = []) {
        let classCount = thresholds.count
        precondition(truth.count == scores.count, "MultiLabelMetrics: \(truth.count) label rows, \(scores.count) score rows")
        precondition(truth.allSatisfy { $0.count == classCount } && scores.allSatisfy { $0.count == classCount },
                     "MultiLabelMetrics: each row needs \(classCount) values")
        predicted = scores.map { row in zip(row, thresholds).map { $0 >= $1 } }
        var perClass: [ClassMetrics] = []
        for c in 0..<classCount {
            var tp = 0, fp = 0, fn = 0
            for (t, p) in zip(truth, predicted) {
                switch (t[c], p[c]) {
                case (true, true): tp += 1
                case (false, true): fp += 1
                case (true, false): fn += 1
                case (false, false): break
                }
            }
            let column = scores.map { $0[c] }
            let positives = truth.map { $0[c] }
            perClass.append(ClassMetrics(
                truePositives: tp, falsePositives: fp, falseNegatives: fn,
                averagePrecision: RankingMetrics.averagePrecision(scores: column, positives: positives),
                rocAUC: RankingMetrics.rocAUC(scores: column, positives: positives)))
        }
        self.perClass = perClass
        self.background = background
        macro = .macro(perClass, excluding: background)
        micro = .micro(perClass)
        weighted = .weighted(perClass)
        let exact = zip(truth, predicted).filter { $0 == $1 }.count
        subsetAccuracy = truth.isEmpty ? 0 : Double(exact) / Double(truth.count)
    }
}
