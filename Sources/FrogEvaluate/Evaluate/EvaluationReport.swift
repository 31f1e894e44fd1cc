/// Everything frogscan reports about a classifier on one split: per-species window metrics,
/// recording-level metrics (window scores pooled per recording), confusion matrices and the
/// per-species decision thresholds, ready to be written as files or printed.
///
/// ```swift
/// let report = EvaluationReport(classes: names, truth: labels, scores: probabilities,
///                               recordings: recordingIDs, thresholds: nil, pooling: .mean)
/// try report.write(to: runFolder.appendingPathComponent("validation"))
/// print(report.summaryTable())
/// model.thresholds = report.thresholds   // max-F1 thresholds when none were given
/// ```
public struct EvaluationReport: Sendable {
    /// Class (species) names, in score-column order.
    public let classes: [String]
    /// Per-class thresholds: the ones given, or max-F1 thresholds chosen on these scores.
    public let thresholds: [Float]
    /// How window scores were pooled per recording.
    public let pooling: RecordingPooling
    /// Window-level metrics (prediction = highest score).
    public let window: ClassificationMetrics
    /// Recording-level metrics; nil when no recording ids were given.
    public let recording: ClassificationMetrics?
    /// The pooled recording scores behind `recording`.
    public let recordingScores: PooledScores?
    /// Survey-style presence under the model's decision rule (recordings + frog-free files);
    /// nil when not measured.
    public var presence: PresenceMetrics?
    /// The decision rule's minimum positive windows, recorded with `presence`.
    public var presenceMinWindows = 1

    /// Evaluates `scores` against `truth`.
    /// - Parameters:
    ///   - classes: class names; `scores` has one column per name.
    ///   - truth: true class index per window.
    ///   - scores: `[windows][classes]` (softmax probabilities or any per-class scores).
    ///   - recordings: recording id per window, for recording-level metrics; nil for none.
    ///   - thresholds: per-class thresholds chosen elsewhere (validation); nil chooses max-F1
    ///     thresholds on these scores (do that only on validation data, never on test).
    ///   - pooling: how window scores combine per recording.
    ///   - backgroundClasses: classes that are not species (`noise`): listed per class but left
    ///     out of the macro averages, so the headline macro-F1 is over species.
    public init(
        classes: [String], truth: [Int], scores: [[Float]], recordings: [String]? = nil,
        thresholds: [Float]? = nil, pooling: RecordingPooling = .mean, backgroundClasses: Set<String> = []
    ) {
        precondition(thresholds.map { $0.count == classes.count } ?? true,
                     "EvaluationReport: \(thresholds?.count ?? 0) thresholds for \(classes.count) classes")
        self.classes = classes
        self.pooling = pooling
        let background = Set(classes.indices.filter { backgroundClasses.contains(classes[$0]) })
        window = ClassificationMetrics(classCount: classes.count, truth: truth, scores: scores, background: background)
        self.thresholds = thresholds
            ?? ThresholdSelection.maximizingF1(classCount: classes.count, truth: truth, scores: scores)
        if let recordings {
            let pooled = pooling.pool(truth: truth, scores: scores, recordings: recordings)
            recordingScores = pooled
            recording = ClassificationMetrics(
                classCount: classes.count, truth: pooled.truth, scores: pooled.scores, background: background)
        } else {
            recordingScores = nil
            recording = nil
        }
    }

    /// The headline numbers of `metrics.json` for window and recording level.
    public var headline: (window: HeadlineMetrics, recording: HeadlineMetrics?) {
        (HeadlineMetrics(window), recording.map(HeadlineMetrics.init))
    }
}

/// The few numbers used to compare runs: accuracy, macro/micro/weighted F1 and macro AP.
public struct HeadlineMetrics: Equatable, Sendable, Codable {
    public var accuracy: Double
    public var macroF1: Double
    public var microF1: Double
    public var weightedF1: Double
    /// Mean AP over classes that have positives; nil when none has.
    public var macroAP: Double?

    public init(_ metrics: ClassificationMetrics) {
        accuracy = metrics.accuracy
        macroF1 = metrics.macro.f1
        microF1 = metrics.micro.f1
        weightedF1 = metrics.weighted.f1
        macroAP = metrics.perClass.excluding(metrics.background).macroAveragePrecision
    }

    /// Multi-label headline; `accuracy` is the subset (exact-match) accuracy.
    public init(_ metrics: MultiLabelMetrics) {
        accuracy = metrics.subsetAccuracy
        macroF1 = metrics.macro.f1
        microF1 = metrics.micro.f1
        weightedF1 = metrics.weighted.f1
        macroAP = metrics.perClass.excluding(metrics.background).macroAveragePrecision
    }

    enum CodingKeys: String, CodingKey {
        case accuracy
        case macroF1 = "macro_f1"
        case microF1 = "micro_f1"
        case weightedF1 = "weighted_f1"
        case macroAP = "macro_ap"
    }
}
