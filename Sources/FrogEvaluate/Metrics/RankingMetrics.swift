/// Threshold-free metrics of one class's scores against binary truth: average precision and
/// ROC-AUC, defined exactly as scikit-learn defines them (including how tied scores count).
public enum RankingMetrics {
    /// Average precision, `Σₙ (Rₙ − Rₙ₋₁) Pₙ` over the distinct scores taken as thresholds in
    /// descending order (sklearn's `average_precision_score`). Windows with equal scores enter
    /// together, so ties are one step. nil when there are no positives (undefined).
    public static func averagePrecision(scores: [Float], positives: [Bool]) -> Double? {
        precondition(scores.count == positives.count, "averagePrecision: \(scores.count) scores, \(positives.count) labels")
        let totalPositives = positives.lazy.filter { $0 }.count
        guard totalPositives > 0 else { return nil }
        let order = scores.indices.sorted { scores[$0] > scores[$1] }
        var truePositives = 0
        var falsePositives = 0
        var previousRecall = 0.0
        var sum = 0.0
        var i = 0
        while i < order.count {
            // Take the whole group of equal scores before evaluating the threshold.
            let score = scores[order[i]]
            while i < order.count && scores[order[i]] == score {
                if positives[order[i]] { truePositives += 1 } else { falsePositives += 1 }
                i += 1
            }
            let recall = Double(truePositives) / Double(totalPositives)
            let precision = Double(truePositives) / Double(truePositives + falsePositives)
            sum += (recall - previousRecall) * precision
            previousRecall = recall
        }
        return sum
    }

    /// Area under the ROC curve by the trapezoid rule over distinct thresholds (sklearn's
    /// `roc_auc_score`); a tie between a positive and a negative counts one half. Computed as
    /// the equivalent Mann–Whitney statistic with average ranks for ties. nil when there are no
    /// positives or no negatives.
    public static func rocAUC(scores: [Float], positives: [Bool]) -> Double? {
        precondition(scores.count == positives.count, "rocAUC: \(scores.count) scores, \(positives.count) labels")
        let positiveCount = positives.lazy.filter { $0 }.count
        let negativeCount = positives.count - positiveCount
        guard positiveCount > 0, negativeCount > 0 else { return nil }
        let order = scores.indices.sorted { scores[$0] < scores[$1] }
        var positiveRankSum = 0.0
        var i = 0
        while i < order.count {
            var j = i
            while j < order.count && scores[order[j]] == scores[order[i]] { j += 1 }
            // Ranks i+1 … j share their average.
            let averageRank = Double(i + 1 + j) / 2
            for k in i..<j where positives[order[k]] { positiveRankSum += averageRank }
            i = j
        }
        let p = Double(positiveCount)
        return (positiveRankSum - p * (p + 1) / 2) / (p * Double(negativeCount))
    }
}
