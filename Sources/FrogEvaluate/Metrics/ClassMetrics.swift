/// Counts and scores of one class (one species), one-vs-rest.
public struct ClassMetrics: Equatable, Sendable, Codable {
    /// Windows (or recordings) whose true label is this class.
    public var support: Int
    public var truePositives: Int
    public var falsePositives: Int
    public var falseNegatives: Int
    /// tp / (tp + fp); 0 when nothing was predicted as this class (sklearn `zero_division=0`).
    public var precision: Double
    /// tp / (tp + fn); 0 when the class has no support.
    public var recall: Double
    /// 2tp / (2tp + fp + fn); 0 when that is 0/0.
    public var f1: Double
    /// Average precision of this class's scores; nil without positives.
    public var averagePrecision: Double?
    /// ROC-AUC of this class's scores; nil without positives or without negatives.
    public var rocAUC: Double?

    /// Metrics from counts (and optional ranking scores).
    public init(
        truePositives: Int, falsePositives: Int, falseNegatives: Int,
        averagePrecision: Double? = nil, rocAUC: Double? = nil
    ) {
        self.truePositives = truePositives
        self.falsePositives = falsePositives
        self.falseNegatives = falseNegatives
        support = truePositives + falseNegatives
        let counts = AveragedMetrics(truePositives: truePositives, falsePositives: falsePositives, falseNegatives: falseNegatives)
        precision = counts.precision
        recall = counts.recall
        f1 = counts.f1
        self.averagePrecision = averagePrecision
        self.rocAUC = rocAUC
    }
}

/// Precision, recall and F1 averaged over classes (macro, weighted) or pooled over all
/// decisions (micro).
public struct AveragedMetrics: Equatable, Sendable, Codable {
    public var precision: Double
    public var recall: Double
    public var f1: Double

    public init(precision: Double, recall: Double, f1: Double) {
        self.precision = precision
        self.recall = recall
        self.f1 = f1
    }

    /// From pooled counts, with zero division giving 0 (the F1 formula is sklearn's).
    init(truePositives tp: Int, falsePositives fp: Int, falseNegatives fn: Int) {
        precision = tp + fp > 0 ? Double(tp) / Double(tp + fp) : 0
        recall = tp + fn > 0 ? Double(tp) / Double(tp + fn) : 0
        f1 = 2 * tp + fp + fn > 0 ? Double(2 * tp) / Double(2 * tp + fp + fn) : 0
    }

    /// Micro average: counts pooled over classes.
    static func micro(_ classes: [ClassMetrics]) -> AveragedMetrics {
        AveragedMetrics(
            truePositives: classes.reduce(0) { $0 + $1.truePositives },
            falsePositives: classes.reduce(0) { $0 + $1.falsePositives },
            falseNegatives: classes.reduce(0) { $0 + $1.falseNegatives })
    }

    /// Macro average: unweighted mean over the classes that are true or predicted at least once
    /// (scikit-learn's default label set), leaving out `excluded` (background classes such as
    /// `noise`: not species, and their mistakes already count against the species they were
    /// confused with). A class absent from both — a background class with no windows in this
    /// split, say — says nothing about the model and would only cap the average below 1; a
    /// class predicted but never true still counts, with F1 = 0.
    static func macro(_ classes: [ClassMetrics], excluding excluded: Set<Int> = []) -> AveragedMetrics {
        var present = classes.indices.filter { !excluded.contains($0) }.map { classes[$0] }
            .filter { $0.support > 0 || $0.falsePositives > 0 }
        if present.isEmpty, !excluded.isEmpty {
            present = classes.filter { $0.support > 0 || $0.falsePositives > 0 }
        }
        let n = Double(max(1, present.count))
        return AveragedMetrics(
            precision: present.reduce(0) { $0 + $1.precision } / n,
            recall: present.reduce(0) { $0 + $1.recall } / n,
            f1: present.reduce(0) { $0 + $1.f1 } / n)
    }

    /// Weighted average: mean weighted by support (0 when there is no support at all).
    static func weighted(_ classes: [ClassMetrics]) -> AveragedMetrics {
        let total = Double(classes.reduce(0) { $0 + $1.support })
        guard total > 0 else { return AveragedMetrics(precision: 0, recall: 0, f1: 0) }
        func mean(_ value: (ClassMetrics) -> Double) -> Double {
            classes.reduce(0) { $0 + Double($1.support) * value($1) } / total
        }
        return AveragedMetrics(precision: mean { $0.precision }, recall: mean { $0.recall }, f1: mean { $0.f1 })
    }
}

extension Array where Element == ClassMetrics {
    /// The entries whose index is not in `background` (all of them if that leaves none).
    public func excluding(_ background: Set<Int>) -> [ClassMetrics] {
        let kept = indices.filter { !background.contains($0) }.map { self[$0] }
        return kept.isEmpty ? self : kept
    }

    /// Mean average precision over the classes where it is defined (nil if none).
    public var macroAveragePrecision: Double? {
        let defined = compactMap { $0.averagePrecision }
        return defined.isEmpty ? nil : defined.reduce(0, +) / Double(defined.count)
    }
}
