import Foundation
import FrogConfig
import FrogCore
import FrogData
import FrogEvaluate
import FrogModel

/// `frogscan train --folds K`: one run per fold of the development data (`data.folds`,
/// `data.fold`), then two reports in `runs/<time>-<name>-cv/`:
/// - `validation/`: out of fold — every development recording scored by the one model that did
///   not train on it, pooled into one report (a far steadier figure for choosing settings than
///   one small validation split);
/// - `test/`: the K models as an ensemble (`ModelEnsemble`) on the test split, which every fold
///   shares;
/// plus `folds.csv` (each run's headline numbers), `models.txt` (the K model files) and
/// `thresholds.csv` (chosen out of fold), so the folder itself can be passed as `--model`.
public enum CrossValidation {
    /// What a cross-validation produced.
    public struct Outcome {
        public var folder: String
        public var runs: [TrainingRun.Outcome]
        public var outOfFold: EvaluationReport
        public var ensembleTest: EvaluationReport?
    }

    /// The fold models, one path per line (`--model` on the folder reads it).
    public static let modelsFileName = ModelSource.foldModelsFileName
    /// The thresholds chosen on the out-of-fold predictions.
    public static let thresholdsFileName = ModelSource.foldThresholdsFileName

    /// Trains `configs` (one per fold, in fold order) into `outputRoot` and writes the
    /// cross-validation folder named after the first config's name without its fold suffix.
    public static func run(
        configs: [RunConfig], name: String, outputRoot: String, log: @escaping (String) -> Void
    ) throws -> Outcome {
        precondition(configs.count >= 2, "CrossValidation: at least 2 folds")
        var runs: [TrainingRun.Outcome] = []
        var validationWindows: [Example] = []
        var validationScores: [[Float]] = []
        var validationScans: [PresenceEvaluation.Scan] = []
        var test: [Example] = []
        var testBackgrounds: [String] = []
        for (index, config) in configs.enumerated() {
            log("\nfold \(index + 1)/\(configs.count)")
            let data = try DatasetBuilder.build(config: config, log: log)
            if index == 0 {
                test = data.test
                testBackgrounds = data.testBackgrounds
            } else if Set(data.test.map(\.recording)) != Set(test.map(\.recording)) {
                throw ConfigError.invalidValue(
                    path: "data.folds", source: "configuration",
                    message: "fold \(index + 1) has a different test split from fold 1; keep the seed and split settings equal across folds")
            }
            let outcome = try TrainingRun.start(config: config, data: data, outputRoot: outputRoot, log: log)
            validationWindows += data.validation
            validationScores += outcome.validationScores
            validationScans += outcome.validationScans
            runs.append(outcome)
        }
        let settings = configs[0].evaluate
        let folder = try RunFolder.create(in: outputRoot, name: name + "-cv")
        let ensemble = try ModelEnsemble(runs.map(\.model), names: runs.map(\.folder.modelPath))
        // The ensemble decides with the rule chosen out of fold, in the test report below and
        // wherever the folder is passed as `--model` (ModelSource), not with the members' own mean.
        let rule = ValidationRule.choose(
            classes: ensemble.classes, background: ensemble.backgroundClasses, windows: validationWindows,
            scores: validationScores, scans: validationScans, settings: settings, mode: "out_of_fold_", chosenOn: "out of fold")
        rule.apply(to: ensemble)
        let thresholds = rule.thresholds
        // Out-of-fold presence: every development recording and held-out negative scanned by the
        // fold model that did not train on it, decided with the thresholds chosen out of fold.
        let presence = PresenceEvaluation.metrics(
            scans: validationScans, classes: ensemble.classes, background: ensemble.backgroundClasses,
            thresholds: thresholds, minWindows: settings.minWindows)
        let outOfFold = try SplitEvaluation.report(
            model: ensemble, windows: validationWindows, scores: validationScores, pooling: settings.pooling,
            directory: folder.splitDirectory("validation"), thresholds: thresholds, presence: presence)
        let ensembleTest = try EnsembleFolder.testReport(
            ensemble: ensemble, test: test, backgrounds: testBackgrounds, pooling: settings.pooling, folder: folder, log: log)
        try AtomicFile.write(
            EnsembleFolder.membersCSV(runs, label: "fold", keys: runs.indices.map { String($0 + 1) }),
            to: URL(fileURLWithPath: folder.file("folds.csv")))
        if validationScans.contains(where: \.truth.isEmpty) {
            let sweep = ruleSweep(
                scans: validationScans, classes: ensemble.classes, background: ensemble.backgroundClasses,
                floor: SplitEvaluation.chooseThresholds(
                    classes: ensemble.classes, windows: validationWindows, scores: validationScores,
                    settings: RunConfig.EvaluateSection()))  // max-F1, no floor: the sweep adds its own
            try AtomicFile.write(sweep, to: URL(fileURLWithPath: folder.file(ruleSweepFileName)))
            log("\nout-of-fold presence per decision rule (\(ruleSweepFileName)):\n" + sweep)
        }
        try ensemble.writeFolder(
            URL(fileURLWithPath: folder.path), memberPaths: runs.map(\.folder.modelPath), mode: ensemble.decision.thresholdMode)
        let outcome = Outcome(folder: folder.path, runs: runs, outOfFold: outOfFold, ensembleTest: ensembleTest)
        log(summary(outcome))
        return outcome
    }

    /// The out-of-fold presence of other decision rules, for choosing `evaluate.min_windows`
    /// and `evaluate.max_false_per_hour` without training again.
    public static let ruleSweepFileName = "rule_sweep.csv"

    /// `min_windows,min_threshold,max_false_per_hour,presence_macro_f1,precision,recall,false_per_hour,frog_free_share`
    /// over the out-of-fold scans: max-F1 thresholds (`maxF1`) raised to a floor, alone and
    /// raised to budgets.
    static func ruleSweep(
        scans: [PresenceEvaluation.Scan], classes: [String], background: Set<String>, floor maxF1: [Float]
    ) -> String {
        var table = CSVTable(columns: [
            "min_windows", "min_threshold", "max_false_per_hour", "presence_macro_f1", "precision", "recall", "false_per_hour",
            "frog_free_share",
        ])
        for minWindows in 1...4 {
            for minThreshold: Float in [0, 0.5, 0.7, 0.9] {
            for budget in [nil, 40.0, 20, 10, 5, 0] as [Double?] {
                let floor = maxF1.map { max($0, minThreshold) }
                let thresholds = budget.map {
                    PresenceThresholds.raised(
                        floor, scans: scans, classes: classes, background: background, maxFalsePerHour: $0, minWindows: minWindows
                    ).thresholds
                } ?? floor
                let p = PresenceEvaluation.metrics(
                    scans: scans, classes: classes, background: background, thresholds: thresholds, minWindows: minWindows)
                table.append([
                    String(minWindows), String(format: "%g", minThreshold), budget.map { String(format: "%g", $0) } ?? "max_f1",
                    format(p.macro.f1),
                    format(p.macro.precision), format(p.macro.recall), p.falsePerHour.map { String(format: "%.1f", $0) } ?? "",
                    format(p.frogFreeShare),
                ])
            }
            }
        }
        return table.text
    }

    /// The closing lines: out-of-fold figures, the single models' test mean ± sd, the ensemble's.
    static func summary(_ outcome: Outcome) -> String {
        var lines = ["\ncross-validation, \(outcome.runs.count) folds → \(outcome.folder)",
                     "out of fold (every development recording, scored by the model that did not train on it): "
                        + EnsembleFolder.headline(outcome.outOfFold)]
        if let single = EnsembleFolder.meanAndSD(outcome.runs) { lines.append("test, single models: " + single) }
        if let test = outcome.ensembleTest {
            lines.append("test, ensemble of the \(outcome.runs.count): " + EnsembleFolder.headline(test))
        }
        return lines.joined(separator: "\n")
    }

    private static func format(_ value: Double?) -> String { value.map { String(format: "%.3f", $0) } ?? "" }
}
