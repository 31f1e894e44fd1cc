import FrogConfig
import FrogData
import FrogEvaluate
import FrogModel

/// The decision rule a model (or several scored as one) gets from its validation data, the way
/// `evaluate` says: thresholds by max-F1 or target precision per species on the validation
/// windows, raised to `evaluate.min_threshold`, then — in `false_positive_budget` mode — raised
/// until the validation scans' frog-free files stay within `evaluate.max_false_per_hour`; and
/// `evaluate.min_windows`. A single run, a `--folds` cross-validation and a seed ensemble all
/// choose theirs here.
struct ValidationRule {
    var thresholds: [Float]
    /// Minimum windows, how the thresholds were chosen, and the budget with what it was checked on.
    var decision: DecisionRule

    /// Chooses the rule; `mode` prefixes the threshold mode recorded (`seed_ensemble_`, …) and
    /// `chosenOn` names the data in the budget's note.
    static func choose(
        classes: [String], background: Set<String>, windows: [Example], scores: [[Float]],
        scans: [PresenceEvaluation.Scan], settings: RunConfig.EvaluateSection, mode: String = "", chosenOn: String = "validation"
    ) -> ValidationRule {
        let chosen = SplitEvaluation.chooseThresholds(classes: classes, windows: windows, scores: scores, settings: settings)
        var rule = ValidationRule(
            thresholds: chosen, decision: DecisionRule(minWindows: settings.minWindows, thresholdMode: mode + settings.threshold.rawValue))
        guard settings.threshold == .false_positive_budget else { return rule }
        let budget = PresenceThresholds.raised(
            chosen, scans: scans, classes: classes, background: background,
            maxFalsePerHour: settings.maxFalsePerHour, minWindows: settings.minWindows)
        rule.thresholds = budget.thresholds
        rule.decision.maxFalsePerHour = settings.maxFalsePerHour
        rule.decision.calibration = "\(chosenOn): " + budget.note
        return rule
    }

    /// Makes `model` decide by this rule.
    func apply(to model: some AdjustableClassifier) {
        model.thresholds = thresholds
        model.decision = decision
    }
}
