import FrogConfig
import FrogData
import FrogEvaluate

/// The thresholds a model (or several scored as one) gets from its validation data, the way
/// `evaluate.threshold` says: max-F1 or target precision per species on the validation windows,
/// raised to `evaluate.min_threshold`, then — in `false_positive_budget` mode — raised until the
/// validation scans' frog-free files stay within `evaluate.max_false_per_hour`. A single run,
/// a `--folds` cross-validation and a seed ensemble all choose theirs here.
enum ValidationRule {
    /// The chosen thresholds, and what the budget was checked on (nil outside budget mode).
    static func thresholds(
        classes: [String], background: Set<String>, windows: [Example], scores: [[Float]],
        scans: [PresenceEvaluation.Scan], settings: RunConfig.EvaluateSection
    ) -> (thresholds: [Float], budgetNote: String?) {
        let chosen = SplitEvaluation.chooseThresholds(classes: classes, windows: windows, scores: scores, settings: settings)
        guard settings.threshold == .false_positive_budget else { return (chosen, nil) }
        let budget = PresenceThresholds.raised(
            chosen, scans: scans, classes: classes, background: background,
            maxFalsePerHour: settings.maxFalsePerHour, minWindows: settings.minWindows)
        return (budget.thresholds, budget.note)
    }
}
