import Foundation
import FrogConfig
import FrogCore
import FrogData
import FrogDSP
import FrogEvaluate
import FrogModel
import FrogNN

/// `frogscan evaluate`: a saved model on annotated recordings, with the model's own
/// preprocessing, window length, classes and thresholds.
public enum ModelEvaluation {
    /// Labelled windows of `recordings` + `labels`, the model's window length, neighbours
    /// overlapping by `overlap` (a fraction). Labels the model does not know are skipped (and
    /// counted in the log).
    public static func windows(
        for model: any WindowClassifier, recordings: String, labels: String, overlap: Double = 0.5,
        log: (String) -> Void = { _ in }
    ) throws -> [Example] {
        var config = RunConfig()
        config.data.recordings = recordings
        config.data.labels = labels
        config.data.classes = model.classes
        config.features = model.featureConfig
        config.clips.seconds = Double(model.windowFrames) * model.featureConfig.secondsPerFrame
        config.clips.hopSeconds = config.clips.seconds * (1 - overlap)
        let data = try DatasetBuilder.windows(config: config, classes: model.classes, log: log)
        return data
    }

    /// The windows whose recording `splitFile` (a run's split.csv) assigns to `split`.
    public static func filter(_ windows: [Example], split: String, splitFile: String) throws -> [Example] {
        guard FileManager.default.fileExists(atPath: splitFile) else {
            throw ConfigError.missingData(path: splitFile, hint: "--split needs the model's run folder with its split.csv")
        }
        // SplitFile reads RFC 4180 quoting (paths with commas) and names file:line on bad rows.
        let chosen = Set(try SplitFile.read(path: splitFile).rows.filter { $0.split.rawValue == split }.map(\.recording))
        let kept = windows.filter { chosen.contains($0.recording) }
        guard !kept.isEmpty else {
            throw DataError.emptySplit(split: split, splitFile: splitFile, recordings: Set(windows.map(\.recording)).count)
        }
        return kept
    }

    /// `windows` with background noise mixed in at `snrDB` (the robustness check): each window
    /// gets a stretch of one of `noiseFiles`, chosen and placed by a generator seeded with
    /// `seed`, mixed in the power domain exactly as the training overlay does. The files are
    /// read with the windows' preprocessing `features` (the model's).
    public static func withNoise(
        _ windows: [Example], features: FeatureConfig, noiseFiles: [String], snrDB: Float, seed: UInt64
    ) throws -> [Example] {
        guard !noiseFiles.isEmpty else { return windows }
        let extractor = FeatureExtractor(config: features)
        let noise = try noiseFiles.map { path -> FeatureImage in
            guard FileManager.default.fileExists(atPath: path) else {
                throw ConfigError.missingData(path: path, hint: "--noise takes existing audio files")
            }
            return try DatasetBuilder.features(of: path, extractor: extractor)
        }
        var random = SeededRNG(seed: seed)
        return windows.map { window in
            let clip = noise[Int.random(in: 0..<noise.count, using: &random)]
            let offset = Int.random(in: 0..<max(clip.frames, 1), using: &random)
            var noisy = window
            noisy.features = FeatureTransforms.overlay(window.features, background: clip, offset: offset, snrDB: snrDB)
            return noisy
        }
    }

    /// Scores and writes the report into `directory`; with `targetPrecision`, thresholds are
    /// chosen on these windows (and written to thresholds.csv) instead of the model's. With
    /// `presenceScans` (`PresenceEvaluation.scan`), presence under the same thresholds and the
    /// model's rule is part of the report. `minConfidence` (one threshold for every class) and
    /// `minWindows` replace the model's rule, as `detect --min-confidence / --min-windows` do.
    public static func run(
        model: any WindowClassifier, windows: [Example], pooling: RunConfig.EvaluateSection.Pooling,
        targetPrecision: Double?, directory: String, presenceScans: [PresenceEvaluation.Scan]? = nil,
        minConfidence: Float? = nil, minWindows: Int? = nil
    ) throws -> EvaluationReport {
        let scores = try model.scores(windows.map(\.features))
        var thresholds = model.decisionThresholds(minConfidence: minConfidence)
        if let targetPrecision {
            var settings = RunConfig.EvaluateSection()
            settings.threshold = .target_precision
            settings.targetPrecision = targetPrecision
            thresholds = SplitEvaluation.chooseThresholds(
                classes: model.classes, windows: windows, scores: scores, settings: settings)
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try AtomicFile.write(
                ThresholdsCSV.text(classes: model.classes, thresholds: thresholds, mode: "target_precision \(targetPrecision)"),
                to: URL(fileURLWithPath: directory).appendingPathComponent("thresholds.csv"))
        }
        let presence = presenceScans.map {
            PresenceEvaluation.metrics(
                scans: $0, classes: model.classes, background: model.backgroundClasses, thresholds: thresholds,
                minWindows: model.decisionMinWindows(minWindows))
        }
        return try SplitEvaluation.report(
            model: model, windows: windows, scores: scores, pooling: pooling, directory: directory, thresholds: thresholds,
            presence: presence, presenceMinWindows: minWindows)
    }
}
