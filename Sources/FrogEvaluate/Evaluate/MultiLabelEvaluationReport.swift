import Foundation
import FrogCore

/// The evaluation report of a multi-label (sigmoid) model, where a window may hold several
/// species or none ("no frog"). Same files and columns as `EvaluationReport` where they mean
/// the same thing; the class × class confusion matrix does not exist for multi-label data, so
/// `per_class_confusion.csv` holds each class's tp/fp/fn/tn instead (sklearn's
/// `multilabel_confusion_matrix`).
public struct MultiLabelEvaluationReport: Sendable {
    public let classes: [String]
    /// Per-class thresholds: the ones given, or max-F1 thresholds chosen on these scores.
    public let thresholds: [Float]
    public let pooling: RecordingPooling
    public let window: MultiLabelMetrics
    /// Recording-level metrics (a class is present in a recording when present in any window);
    /// nil without recording ids.
    public let recording: MultiLabelMetrics?
    public let recordingScores: PooledMultiLabelScores?

    /// - Parameters:
    ///   - presence: `[windows][classes]`, true where the species calls.
    ///   - scores: `[windows][classes]` independent (sigmoid) scores.
    ///   - thresholds: per class, chosen on validation; nil chooses max-F1 on these scores.
    ///   - backgroundClasses: classes left out of the macro averages (not species).
    public init(
        classes: [String], presence: [[Bool]], scores: [[Float]], recordings: [String]? = nil,
        thresholds: [Float]? = nil, pooling: RecordingPooling = .mean, backgroundClasses: Set<String> = []
    ) {
        self.classes = classes
        self.pooling = pooling
        let chosen = thresholds ?? classes.indices.map { c in
            ThresholdSelection.maximizingF1(scores: scores.map { $0[c] }, positives: presence.map { $0[c] })
        }
        self.thresholds = chosen
        let background = Set(classes.indices.filter { backgroundClasses.contains(classes[$0]) })
        window = MultiLabelMetrics(truth: presence, scores: scores, thresholds: chosen, background: background)
        if let recordings {
            let pooled = pooling.pool(truth: presence, scores: scores, recordings: recordings)
            recordingScores = pooled
            recording = MultiLabelMetrics(
                truth: pooled.truth, scores: pooled.scores, thresholds: chosen, background: background)
        } else {
            recordingScores = nil
            recording = nil
        }
    }

    /// File names written by `write(to:)`.
    public static let fileNames = ["per_species_metrics.csv", "per_class_confusion.csv", "metrics.json"]

    /// Writes `per_species_metrics.csv`, `per_class_confusion.csv`, `metrics.json` (and with
    /// recording ids `recording_per_species_metrics.csv`) into `directory`, atomically.
    public func write(to directory: URL) throws {
        func save(_ text: String, _ name: String) throws {
            try AtomicFile.write(text, to: directory.appendingPathComponent(name))
        }
        try save(Self.perSpecies(classes, window, thresholds), "per_species_metrics.csv")
        var table = CSVTable(columns: ["species", "tp", "fp", "fn", "tn"])
        for (c, m) in window.perClass.enumerated() {
            let tn = window.predicted.count - m.truePositives - m.falsePositives - m.falseNegatives
            table.append([classes[c], String(m.truePositives), String(m.falsePositives), String(m.falseNegatives), String(tn)])
        }
        try save(table.text, "per_class_confusion.csv")
        try save(metricsJSON(), "metrics.json")
        if let recording {
            try save(Self.perSpecies(classes, recording, thresholds), "recording_per_species_metrics.csv")
        }
    }

    /// Same keys as the single-label `metrics.json`; `accuracy` is subset accuracy.
    public func metricsJSON() -> String {
        EvaluationReport.metricsJSON(
            window: HeadlineMetrics(window), recording: recording.map(HeadlineMetrics.init),
            pooling: pooling, windows: window.predicted.count,
            recordings: recordingScores?.recordings.count ?? 0,
            extra: [("head", "\"multi-label\"")])
    }

    static func perSpecies(_ classes: [String], _ m: MultiLabelMetrics, _ thresholds: [Float]) -> String {
        EvaluationReport.perSpeciesCSV(
            classes: classes, perClass: m.perClass, macro: m.macro, micro: m.micro, weighted: m.weighted,
            thresholds: thresholds, background: m.background)
    }
}
