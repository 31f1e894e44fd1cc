import Foundation
import FrogConfig
import FrogCore
import FrogData
import FrogEvaluate
import FrogModel

/// `train.seeds: N` (`frogscan train --seeds N`): N runs of one config that differ only in their
/// seed (`seed`, `seed + 1`, …) and share one split (`data.split_seed`), scored as one model
/// (the mean of their probabilities, `ModelEnsemble`). The ensemble's thresholds are chosen on
/// its own mean validation scores and scans, by the config's `evaluate` rule — not averaged from
/// the members', whose thresholds the mean of their scores reaches less often. Writes
/// `runs/<time>-<name>-ensemble/` with `models.txt` and `thresholds.csv` (so the folder is a
/// `--model`), `members.csv`, `config.yaml`, and the ensemble's `validation/` and `test/` reports.
public enum SeedEnsemble {
    /// What an ensemble run produced.
    public struct Outcome {
        public var folder: String
        public var members: [TrainingRun.Outcome]
        public var validation: EvaluationReport
        public var test: EvaluationReport?
    }

    /// The folder's name suffix, after the config's name.
    public static let folderSuffix = "-ensemble"

    /// The member configs of `config`: seeds `seed … seed + N − 1`, the split drawn from the
    /// config's split seed, one model each, named `<name>-seed<k>`.
    public static func members(of config: RunConfig) -> [RunConfig] {
        (0..<max(config.train.seeds, 1)).map { offset in
            var member = config
            member.seed = config.seed + offset
            member.data.splitSeed = config.splitSeed
            member.train.seeds = 1
            member.name = "\(config.name)-seed\(member.seed)"
            return member
        }
    }

    /// Trains the members of `config` into `outputRoot`, then chooses the ensemble's rule and
    /// writes its folder.
    public static func run(config: RunConfig, outputRoot: String, log: @escaping (String) -> Void) throws -> Outcome {
        let configs = members(of: config)
        precondition(configs.count >= 2, "SeedEnsemble: train.seeds must be at least 2")
        var runs: [TrainingRun.Outcome] = []
        var first: TrainingData?
        for (index, member) in configs.enumerated() {
            log("\nseed \(member.seed) (\(index + 1)/\(configs.count))")
            let data = try DatasetBuilder.build(config: member, log: log)
            if let first, Set(data.validation.map(\.recording)) != Set(first.validation.map(\.recording))
                || Set(data.test.map(\.recording)) != Set(first.test.map(\.recording)) {
                throw ConfigError.invalidValue(
                    path: "train.seeds", source: "configuration",
                    message: "seed \(member.seed) drew a different split from seed \(config.seed); the members must share data.split_seed")
            }
            if first == nil { first = data }
            runs.append(try TrainingRun.start(config: member, data: data, outputRoot: outputRoot, log: log))
        }
        let data = first!
        let settings = config.evaluate
        let folder = try RunFolder.create(in: outputRoot, name: config.name + folderSuffix)
        try AtomicFile.write(try ConfigLoader.yaml(config), to: URL(fileURLWithPath: folder.configPath))
        let ensemble = try ModelEnsemble(runs.map(\.model), names: runs.map(\.folder.modelPath))
        // The first member's validation windows (the members cut their own, seeded), scored by all.
        let scores = try ensemble.scores(data.validation.map(\.features))
        let scans = try meanScans(runs.map(\.validationScans)) ?? PresenceEvaluation.scan(
            classifier: ensemble,
            files: PresenceEvaluation.truth(of: data.validation, classes: ensemble.classes, background: ensemble.backgroundClasses),
            backgrounds: [], log: log)
        ValidationRule.choose(
            classes: ensemble.classes, background: ensemble.backgroundClasses, windows: data.validation, scores: scores,
            scans: scans, settings: settings, mode: "seed_ensemble_"
        ).apply(to: ensemble)
        let validation = try SplitEvaluation.report(
            model: ensemble, windows: data.validation, scores: scores, pooling: settings.pooling,
            directory: folder.splitDirectory("validation"), thresholds: ensemble.thresholds,
            presence: PresenceEvaluation.metrics(scans: scans, classifier: ensemble))
        let test = try EnsembleFolder.testReport(
            ensemble: ensemble, test: data.test, backgrounds: data.testBackgrounds, pooling: settings.pooling,
            folder: folder, log: log)
        try AtomicFile.write(
            EnsembleFolder.membersCSV(runs, label: "seed", keys: configs.map { String($0.seed) }),
            to: URL(fileURLWithPath: folder.file(membersFileName)))
        try ensemble.writeFolder(
            URL(fileURLWithPath: folder.path), memberPaths: runs.map(\.folder.modelPath), mode: ensemble.decision.thresholdMode)
        let outcome = Outcome(folder: folder.path, members: runs, validation: validation, test: test)
        log(summary(outcome, rule: ensemble.decision))
        return outcome
    }

    /// Each member's run and headline figures (`seed,run,best_epoch,…`).
    public static let membersFileName = "members.csv"

    /// The members' scans of the same files averaged window by window (what the ensemble's own
    /// scan gives, since it averages the same windows' probabilities); nil when they differ in
    /// files or windows, and the caller scans again.
    static func meanScans(_ members: [[PresenceEvaluation.Scan]]) -> [PresenceEvaluation.Scan]? {
        guard var mean = members.first else { return nil }
        for other in members.dropFirst() {
            guard other.count == mean.count else { return nil }
            for (f, scan) in other.enumerated() {
                guard scan.path == mean[f].path, scan.windows.count == mean[f].windows.count else { return nil }
                for (w, window) in scan.windows.enumerated() {
                    guard window.start == mean[f].windows[w].start else { return nil }
                    for c in window.scores.indices { mean[f].windows[w].scores[c] += window.scores[c] }
                }
            }
        }
        let n = Float(members.count)
        for f in mean.indices {
            for w in mean[f].windows.indices { mean[f].windows[w].scores = mean[f].windows[w].scores.map { $0 / n } }
        }
        return mean
    }

    /// The closing lines: the members' test figures, then the ensemble's.
    static func summary(_ outcome: Outcome, rule: DecisionRule) -> String {
        var lines = ["\nensemble of \(outcome.members.count) seeds → \(outcome.folder)"]
        if let note = rule.calibration { lines.append("thresholds chosen on the ensemble's \(note)") }
        lines.append("validation, ensemble: " + EnsembleFolder.headline(outcome.validation))
        if let single = EnsembleFolder.meanAndSD(outcome.members) { lines.append("test, single models: " + single) }
        if let test = outcome.test { lines.append("test, ensemble: " + EnsembleFolder.headline(test)) }
        return lines.joined(separator: "\n")
    }
}
