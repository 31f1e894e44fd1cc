import Foundation
import FrogAudio
import FrogData
import FrogDSP

/// Turns the `data:` / `features:` / `clips:` sections into split, labelled feature windows:
/// annotations are loaded (Raven / Audacity / CSV, whole-recording labels included), every
/// recording is decoded, resampled and turned into features once, cut into windows and
/// labelled, and recordings are split by group (never by window).
public enum DatasetBuilder {
    /// The settings a dataset depends on: two configs with equal keys give the same windows.
    public struct Key: Equatable {
        let data: RunConfig.DataSection
        let features: FeatureConfig
        let clips: RunConfig.ClipsSection
        let noise: [String]
        let seed: Int

        public init(_ config: RunConfig) {
            data = config.data
            features = config.features
            clips = config.clips
            noise = config.augment.noiseFiles
            seed = config.seed
        }
    }

    /// Builds the dataset for `config`; `log` hears progress.
    public static func build(config: RunConfig, log: (String) -> Void = { _ in }) throws -> TrainingData {
        let loaded = try load(config: config, classes: nil, log: log)
        let parts = assignSplits(config: config, windows: loaded.windows, splitValue: loaded.splitValue)
        let extractor = FeatureExtractor(config: config.features)
        let windowing = Windowing(config: config, classes: loaded.classes)
        let noise = try config.augment.noiseFiles.flatMap { path -> [FeatureImage] in
            // A file that is also in data.negatives was already decoded and cut the same way.
            if config.data.negatives.contains(path), let cut = loaded.windows[path] { return cut.map(\.features) }
            try requireExists(path, what: "augment.noise_files")
            return windowing.unlabeledWindows(of: try features(of: path, extractor: extractor))
        }
        func part(_ name: SplitName) -> [Example] {
            loaded.windows.keys.sorted().filter { parts[$0] == name }.flatMap { loaded.windows[$0]! }
        }
        return TrainingData(
            classes: loaded.classes, train: part(.train), validation: part(.validation), test: part(.test),
            noise: noise)
    }

    /// Every labelled window of the configured recordings for a fixed class list (evaluating a
    /// saved model); labels outside `classes` are skipped.
    public static func windows(config: RunConfig, classes: [String], log: (String) -> Void = { _ in }) throws -> [Example] {
        let loaded = try load(config: config, classes: classes, log: log)
        return loaded.windows.keys.sorted().flatMap { loaded.windows[$0]! }
    }

    /// Windows per recording, the class list, and each recording's split-column value.
    private static func load(
        config: RunConfig, classes fixedClasses: [String]?, log: (String) -> Void
    ) throws -> (classes: [String], windows: [String: [Example]], splitValue: [String: String]) {
        let data = config.data
        try requireExists(data.recordings, what: "data.recordings")
        try requireExists(data.labels, what: "data.labels")
        let known = fixedClasses ?? (data.classes.isEmpty ? nil : data.classes)
        let labelConfig = LabelConfig(
            aliases: data.aliases, ignore: data.ignore, classes: known,
            labelColumn: data.labelColumn == "label" ? nil : data.labelColumn,
            groupColumn: data.groupColumn.isEmpty ? nil : data.groupColumn)
        let set = try AnnotationSet.load(recordings: data.recordings, labels: data.labels, config: labelConfig)
        for problem in set.problems.prefix(10) { log("labels: \(problem.location): \(problem.message)") }
        var classes = known ?? set.labels
        let background = config.clips.backgroundLabel
        if fixedClasses == nil, !background.isEmpty, !classes.contains(background) { classes.append(background) }
        guard classes.count >= 2 else {
            throw ConfigError.missingData(
                path: data.labels,
                hint: "found \(classes.count) class(es) (\(classes.joined(separator: ", "))); training needs at least 2")
        }
        let extractor = FeatureExtractor(config: config.features)
        let windowing = Windowing(config: config, classes: classes)
        let byRecording = set.annotationsByRecording
        log("decoding \(byRecording.count) recordings …")
        var windows: [String: [Example]] = [:]
        var splitValue: [String: String] = [:]
        for recording in byRecording.keys.sorted() {
            let annotations = byRecording[recording]!
            let image = try features(of: recording, extractor: extractor)
            let group = AnnotationSet.group(of: annotations[0], column: data.groupColumn.isEmpty ? nil : data.groupColumn)
            windows[recording] = windowing.windows(of: image, annotations: annotations, recording: recording, group: group)
            if !data.splitColumn.isEmpty { splitValue[recording] = annotations[0].attributes[data.splitColumn] ?? "" }
        }
        if !data.negatives.isEmpty {
            guard !background.isEmpty, classes.contains(background) else {
                throw ConfigError.invalidValue(
                    path: "data.negatives", source: "configuration",
                    message: "needs clips.background_label (the class its windows become), which is empty")
            }
            for path in data.negatives {
                try requireExists(path, what: "data.negatives")
                let image = try features(of: path, extractor: extractor)
                let none = [Annotation(file: path, start: nil, end: nil, label: background, source: "data.negatives")]
                windows[path] = windowing.windows(of: image, annotations: none, recording: path, group: "negative:\(path)")
            }
            log("negatives: \(data.negatives.count) recording(s) as '\(background)'")
        }
        return (classes, windows, splitValue)
    }

    /// Features of a whole recording at the configured rate (channels mixed phase-safely).
    static func features(of path: String, extractor: FeatureExtractor) throws -> FeatureImage {
        let channels = try AudioFile.read(path: path, targetRate: extractor.config.sampleRate)
        return extractor.features(channels: channels)
    }

    /// Recording → split. A split column fixes test; validation is carved from the rest by
    /// group, stratified by class, so no site or recording is in two splits.
    static func assignSplits(
        config: RunConfig, windows: [String: [Example]], splitValue: [String: String]
    ) -> [String: SplitName] {
        var result: [String: SplitName] = [:]
        var development: [String] = []
        for recording in windows.keys.sorted() {
            if !config.data.splitColumn.isEmpty, config.data.testValues.contains(splitValue[recording] ?? "") {
                result[recording] = .test
            } else {
                development.append(recording)
            }
        }
        var groups: [String: [String: Int]] = [:]
        var groupOf: [String: String] = [:]
        for recording in development {
            for window in windows[recording]! {
                groups[window.group, default: [:]][String(window.classIndex), default: 0] += 1
                groupOf[recording] = window.group
            }
        }
        let testFraction = config.data.splitColumn.isEmpty ? config.data.testFraction : 0
        let splitter = GroupedSplit(
            validationFraction: config.data.validationFraction, testFraction: testFraction, seed: UInt64(config.seed))
        let assignment = splitter.assign(
            groups.keys.sorted().map { GroupedSplit.Group(name: $0, labelCounts: groups[$0]!) })
        for recording in development {
            result[recording] = groupOf[recording].flatMap { assignment[$0] } ?? .train
        }
        return result
    }

    private static func requireExists(_ path: String, what: String) throws {
        guard FileManager.default.fileExists(atPath: path) else {
            let hint = what.hasPrefix("data.")
                ? "set \(what) in the config or with --set \(what)=PATH (the bundled demo set is made with `frogscan synth`)"
                : "set \(what) to existing files"
            throw ConfigError.missingData(path: path, hint: hint)
        }
    }
}
