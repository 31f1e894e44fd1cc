import Foundation
import FrogConfig
import FrogCore
import FrogData
import FrogEvaluate
import FrogModel

/// What a folder of several models scored as one holds, shared by `train --folds`
/// (`CrossValidation`) and `train.seeds` (`SeedEnsemble`): the members' table, the ensemble's
/// test report and the closing log lines. (What makes the folder a `--model` is
/// `ModelEnsemble.writeFolder`.)
enum EnsembleFolder {
    /// The ensemble on the test split, with presence over the test recordings and `backgrounds`
    /// as detect decides; nil when there is no test split.
    static func testReport(
        ensemble: ModelEnsemble, test: [Example], backgrounds: [String], pooling: RunConfig.EvaluateSection.Pooling,
        folder: RunFolder, log: (String) -> Void
    ) throws -> EvaluationReport? {
        guard !test.isEmpty else { return nil }
        let scans = try PresenceEvaluation.scan(
            classifier: ensemble,
            files: PresenceEvaluation.truth(of: test, classes: ensemble.classes, background: ensemble.backgroundClasses),
            backgrounds: backgrounds, log: log)
        return try SplitEvaluation.evaluate(
            model: ensemble, windows: test, pooling: pooling, directory: folder.splitDirectory("test"),
            presence: PresenceEvaluation.metrics(scans: scans, classifier: ensemble))
    }

    /// One row per member: `label` (fold or seed) with its key, run, best epoch, and
    /// validation/test macro-F1 (window, recording).
    static func membersCSV(_ runs: [TrainingRun.Outcome], label: String, keys: [String]) -> String {
        var table = CSVTable(columns: [
            label, "run", "best_epoch", "validation_macro_f1", "validation_recording_macro_f1", "test_macro_f1",
            "test_recording_macro_f1",
        ])
        for (key, run) in zip(keys, runs) {
            let s = run.summary
            table.append([
                key, run.folder.name, String(s.bestEpoch), format(s.validationMacroF1),
                format(s.validationRecordingMacroF1), format(s.testMacroF1), format(s.testRecordingMacroF1),
            ])
        }
        return table.text
    }

    /// Window and recording macro-F1, and presence on the next line when measured.
    static func headline(_ report: EvaluationReport) -> String {
        var text = "window macro-F1 \(format(report.window.macro.f1))"
        if let recording = report.recording { text += ", recording \(format(recording.macro.f1))" }
        if let presence = report.presence { text += "\n  " + presence.headline }
        return text
    }

    /// The members' own test macro-F1 (recording level when measured), mean ± sd.
    static func meanAndSD(_ runs: [TrainingRun.Outcome]) -> String? {
        let single = runs.compactMap { $0.summary.testRecordingMacroF1 ?? $0.summary.testMacroF1 }
        guard single.count == runs.count, !single.isEmpty else { return nil }
        let mean = single.reduce(0, +) / Double(single.count)
        let sd = (single.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(max(single.count - 1, 1))).squareRoot()
        let level = runs[0].summary.testRecordingMacroF1 == nil ? "window" : "recording"
        return "\(level) macro-F1 \(format(mean)) ± \(format(sd))"
    }

    static func format(_ value: Double?) -> String { value.map { String(format: "%.3f", $0) } ?? "" }
}
