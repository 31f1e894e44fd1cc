import Foundation
import FrogConfig
import FrogCore
import FrogEvaluate
import FrogModel

/// A whole training run in its folder: resolved config, split, training with checkpoints,
/// thresholds chosen on validation, the best model, validation and test reports, curves and
/// the run summary.
public enum TrainingRun {
    /// What a finished run reports back.
    public struct Outcome {
        public var folder: RunFolder
        public var model: ModelBundle
        public var summary: RunSummary
        public var validation: EvaluationReport
        /// The kept model's scores of the validation windows, in their order (`[windows][classes]`).
        public var validationScores: [[Float]]
        /// The validation recordings and held-out negatives as `detect` scans them (presence).
        public var validationScans: [PresenceEvaluation.Scan]
        public var test: EvaluationReport?
    }

    /// Trains `config` on `data` in a new folder under `outputRoot`.
    public static func start(
        config: RunConfig, data: TrainingData, outputRoot: String, log: @escaping (String) -> Void
    ) throws -> Outcome {
        let folder = try RunFolder.create(in: outputRoot, name: config.name)
        try AtomicFile.write(try ConfigLoader.yaml(config), to: URL(fileURLWithPath: folder.configPath))
        try AtomicFile.write(splitCSV(data), to: URL(fileURLWithPath: folder.splitPath))
        return try train(config: config, data: data, folder: folder, resume: false, log: log)
    }

    /// Continues the run in `folder` from its checkpoint, with its own `config.yaml`.
    public static func resume(
        folder: RunFolder, data: TrainingData, log: @escaping (String) -> Void
    ) throws -> Outcome {
        let config = try ConfigLoader.load(path: folder.configPath)
        return try train(config: config, data: data, folder: folder, resume: true, log: log)
    }

    private static func train(
        config: RunConfig, data: TrainingData, folder: RunFolder, resume: Bool, log: @escaping (String) -> Void
    ) throws -> Outcome {
        log("run \(folder.path)")
        log("classes: \(data.classes.joined(separator: ", "))")
        log("windows: train \(data.train.count), validation \(data.validation.count), test \(data.test.count)")
        let trainer = try Trainer(config: config, data: data, log: log)
        if let fineTune = trainer.fineTune {
            try AtomicFile.write(fineTune.csv, to: URL(fileURLWithPath: folder.file("init.csv")))
        }
        log(trainer.balanceReport())
        log(trainer.network.summary(inputShape: trainer.layout.sampleShape))
        let result = try trainer.run(folder: folder, resume: resume)

        let evaluationStarted = Date()
        // Thresholds come from validation scores only; test is scored with them as they are.
        let model = trainer.bundle()
        let validationScores = try model.scores(data.validation.map(\.features))
        // Presence is measured as detect decides: validation recordings and held-out negatives
        // scanned whole by the detector, then the rule replayed on their window scores.
        let validationScans = try PresenceEvaluation.scan(
            classifier: model, files: PresenceEvaluation.truth(of: data.validation, classes: data.classes, background: model.backgroundClasses),
            backgrounds: [], log: log)
        ValidationRule.choose(
            classes: data.classes, background: model.backgroundClasses, windows: data.validation, scores: validationScores,
            scans: validationScans, settings: config.evaluate
        ).apply(to: model)
        try model.save(to: folder.modelPath)
        try AtomicFile.write(
            ThresholdsCSV.text(classes: data.classes, thresholds: model.thresholds, mode: config.evaluate.threshold.rawValue),
            to: URL(fileURLWithPath: folder.thresholdsPath))
        let validation = try SplitEvaluation.report(
            model: model, windows: data.validation, scores: validationScores, pooling: config.evaluate.pooling,
            directory: folder.splitDirectory("validation"), thresholds: model.thresholds,
            presence: PresenceEvaluation.metrics(scans: validationScans, classifier: model))
        var test: EvaluationReport?
        if !data.test.isEmpty {
            let scans = try PresenceEvaluation.scan(
                classifier: model, files: PresenceEvaluation.truth(of: data.test, classes: data.classes, background: model.backgroundClasses),
                backgrounds: data.testBackgrounds, log: log)
            test = try SplitEvaluation.evaluate(
                model: model, windows: data.test, pooling: config.evaluate.pooling, directory: folder.splitDirectory("test"),
                presence: PresenceEvaluation.metrics(scans: scans, classifier: model))
        }
        try TrainingCurves.write(result.records, to: folder.curvesPath)

        let summary = RunSummary(
            name: config.name, family: config.model.family.rawValue, flags: config.flags(differingFrom: RunConfig()),
            bestEpoch: result.bestEpoch, epochs: result.records.count, stoppedEarly: result.stoppedEarly,
            validationAccuracy: validation.window.accuracy, validationMacroF1: validation.window.macro.f1,
            testMacroF1: test?.window.macro.f1, validationRecordingMacroF1: validation.recording?.macro.f1,
            testRecordingMacroF1: test?.recording?.macro.f1,
            validationPresenceMacroF1: validation.presence?.macro.f1, testPresenceMacroF1: test?.presence?.macro.f1,
            testFalsePerHour: test?.presence?.falsePerHour, testFrogFreeShare: test?.presence?.frogFreeShare,
            generalizationGap: test.map { validation.window.macro.f1 - $0.window.macro.f1 },
            seconds: result.records.reduce(0) { $0 + $1.seconds } + Date().timeIntervalSince(evaluationStarted))
        try summary.write(to: folder.summaryPath)
        report(validation: validation, test: test, summary: summary, log: log)
        return Outcome(
            folder: folder, model: model, summary: summary, validation: validation, validationScores: validationScores,
            validationScans: validationScans, test: test)
    }

    /// The per-species tables and the generalisation gap, as printed after training.
    private static func report(
        validation: EvaluationReport, test: EvaluationReport?, summary: RunSummary, log: (String) -> Void
    ) {
        log("\nvalidation (thresholds chosen here):\n" + validation.summaryTable())
        guard let test else { return }
        log("\ntest:\n" + test.summaryTable())
        if let presence = test.presence { log("\ntest presence (as detect decides, per file):\n" + presence.summaryTable()) }
        var gap = String(format: "generalisation gap (validation − test macro-F1): window %+.3f", summary.generalizationGap ?? 0)
        if let v = summary.validationRecordingMacroF1, let t = summary.testRecordingMacroF1 {
            gap += String(format: ", recording %+.3f", v - t)
        }
        log(gap)
    }

    /// `split.csv`: which recording went to which split, and its group.
    static func splitCSV(_ data: TrainingData) -> String {
        var table = CSVTable(columns: ["recording", "group", "split"])
        var seen = Set<String>()
        for (split, windows) in [("train", data.train), ("validation", data.validation), ("test", data.test)] {
            for window in windows where seen.insert(window.recording).inserted {
                table.append([window.recording, window.group, split])
            }
        }
        return table.text
    }
}
