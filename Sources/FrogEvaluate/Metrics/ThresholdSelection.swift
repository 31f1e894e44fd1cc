/// Chooses per-class decision thresholds on validation scores (stored in the model and used by
/// `detect`): a class is called present when its score is at least its threshold.
public enum ThresholdSelection {
    /// Used for a class that has no positive validation windows: nothing to tune on, so stay at
    /// the neutral probability rather than invent a value.
    public static let fallback: Float = 0.5

    /// The threshold maximising F1 of `score >= threshold` against `positives`. Candidates are
    /// the distinct scores; among equal F1 the highest threshold wins (fewer false alarms).
    /// Returns `fallback` when there are no positives.
    public static func maximizingF1(scores: [Float], positives: [Bool]) -> Float {
        let curve = operatingPoints(scores: scores, positives: positives)
        guard let total = curve.first?.totalPositives, total > 0 else { return fallback }
        var best = (f1: -1.0, threshold: fallback)
        for point in curve {
            // 2tp / (2tp + fp + fn), with fp = predicted − tp and fn = total − tp.
            let f1 = Double(2 * point.truePositives) / Double(point.predictedPositives + total)
            if f1 > best.f1 { best = (f1, point.threshold) }
        }
        return best.threshold
    }

    /// The lowest threshold whose precision reaches `targetPrecision` (so recall is as high as
    /// the precision target allows), or nil when no threshold reaches it.
    public static func lowestReaching(
        precision targetPrecision: Double, scores: [Float], positives: [Bool]
    ) -> Float? {
        let curve = operatingPoints(scores: scores, positives: positives)
        var chosen: Float?
        for point in curve where point.predictedPositives > 0 {
            if Double(point.truePositives) / Double(point.predictedPositives) >= targetPrecision {
                chosen = point.threshold  // curve is in descending threshold order: keep the last
            }
        }
        return chosen
    }

    /// Per-class max-F1 thresholds for single-label data (class c versus the rest).
    /// - Parameters: truth: class per window; scores: `[windows][classCount]`.
    public static func maximizingF1(classCount: Int, truth: [Int], scores: [[Float]]) -> [Float] {
        (0..<classCount).map { c in
            maximizingF1(scores: scores.map { $0[c] }, positives: truth.map { $0 == c })
        }
    }

    /// Per-class lowest thresholds reaching `targetPrecision`; classes that never reach it get
    /// their max-F1 threshold instead (a usable value beats none).
    public static func lowestReaching(
        precision targetPrecision: Double, classCount: Int, truth: [Int], scores: [[Float]]
    ) -> [Float] {
        (0..<classCount).map { c in
            let column = scores.map { $0[c] }
            let positives = truth.map { $0 == c }
            return lowestReaching(precision: targetPrecision, scores: column, positives: positives)
                ?? maximizingF1(scores: column, positives: positives)
        }
    }

    /// One decision point per distinct score, in descending order of threshold.
    struct OperatingPoint {
        var threshold: Float
        var truePositives: Int
        var predictedPositives: Int
        var totalPositives: Int
    }

    static func operatingPoints(scores: [Float], positives: [Bool]) -> [OperatingPoint] {
        precondition(scores.count == positives.count, "ThresholdSelection: \(scores.count) scores, \(positives.count) labels")
        let total = positives.lazy.filter { $0 }.count
        let order = scores.indices.filter { !scores[$0].isNaN }.sorted { scores[$0] > scores[$1] }
        var points: [OperatingPoint] = []
        var tp = 0
        var i = 0
        while i < order.count {
            let threshold = scores[order[i]]
            while i < order.count && scores[order[i]] == threshold {
                if positives[order[i]] { tp += 1 }
                i += 1
            }
            points.append(OperatingPoint(threshold: threshold, truePositives: tp, predictedPositives: i, totalPositives: total))
        }
        return points
    }
}
