import Foundation
import FrogConfig
import FrogCore
import FrogData
import FrogModel

/// Scores one split's windows with a model and writes the EvaluationReport set and
/// `predictions.csv` into a folder.
public enum SplitEvaluation {
    /// Per-class thresholds chosen on `windows` (validation data only: never test). For
    /// `false_positive_budget` these are the max-F1 floor that `PresenceThresholds` raises.
    public static func chooseThresholds(
        classes: [String], windows: [Example], scores: [[Float]], settings: RunConfig.EvaluateSection
    ) -> [Float] {
        let floor = Float(settings.minThreshold)
        return chosenWithoutFloor(classes: classes, windows: windows, scores: scores, settings: settings).map { max($0, floor) }
    }

    private static func chosenWithoutFloor(
        classes: [String], windows: [Example], scores: [[Float]], settings: RunConfig.EvaluateSection
    ) -> [Float] {
        let truth = windows.map(\.classIndex)
        switch settings.threshold {
        case .max_f1, .false_positive_budget:
            return ThresholdSelection.maximizingF1(classCount: classes.count, truth: truth, scores: scores)
        case .target_precision:
            return ThresholdSelection.lowestReaching(
                precision: settings.targetPrecision, classCount: classes.count, truth: truth, scores: scores)
        }
    }

    /// Scores `windows` with `model` (one model or an ensemble), writes the report into
    /// `directory` (when given) and returns it; `thresholds` replace the model's.
    @discardableResult
    public static func evaluate(
        model: any WindowClassifier, windows: [Example], pooling: RunConfig.EvaluateSection.Pooling,
        directory: String?, thresholds: [Float]? = nil, presence: PresenceMetrics? = nil
    ) throws -> EvaluationReport {
        let scores = try model.scores(windows.map(\.features))
        return try report(model: model, windows: windows, scores: scores, pooling: pooling, directory: directory,
                          thresholds: thresholds ?? model.thresholds, presence: presence)
    }

    /// The report of already computed `scores`, written into `directory` (when given);
    /// `presenceMinWindows` is the rule `presence` was decided with (default: the model's).
    package static func report(
        model: any WindowClassifier, windows: [Example], scores: [[Float]], pooling: RunConfig.EvaluateSection.Pooling,
        directory: String?, thresholds: [Float], presence: PresenceMetrics? = nil, presenceMinWindows: Int? = nil
    ) throws -> EvaluationReport {
        var report = EvaluationReport(
            classes: model.classes, truth: windows.map(\.classIndex), scores: scores,
            recordings: windows.map(\.recording), thresholds: thresholds,
            pooling: pooling == .mean ? .mean : .max, backgroundClasses: model.backgroundClasses)
        report.presence = presence
        report.presenceMinWindows = presenceMinWindows ?? model.decision.minWindows
        if let directory {
            let url = URL(fileURLWithPath: directory)
            try report.write(to: url)
            try AtomicFile.write(
                PredictionsCSV.text(classes: model.classes, windows: windows, scores: scores),
                to: url.appendingPathComponent("predictions.csv"))
        }
        return report
    }
}
