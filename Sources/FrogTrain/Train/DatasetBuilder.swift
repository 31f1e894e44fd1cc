import Foundation
import FrogAudio
import FrogConfig
import FrogCore
import FrogData
import FrogDSP
import FrogNN

/// Turns the `data:` / `features:` / `clips:` sections into split, labelled feature clips:
/// annotations are loaded (Raven / Audacity / CSV, whole-recording labels included), every
/// recording's features come from the feature cache or are decoded once, FrogData's
/// `ClipExtractor` cuts and labels the clips, and recordings are split by group (never by clip),
/// or as `data.split_file` says.
public enum DatasetBuilder {
    /// The settings a dataset depends on: two configs with equal keys give the same clips.
    public struct Key: Equatable {
        let data: RunConfig.DataSection
        let features: FeatureConfig
        let clips: RunConfig.ClipsSection
        let noise: [String]
        let timeCrop: Double
        let seed: Int

        public init(_ config: RunConfig) {
            data = config.data
            features = config.features
            clips = config.clips
            noise = config.augment.noiseFiles
            timeCrop = config.augment.timeCrop
            seed = config.seed
        }
    }

    /// Builds the dataset for `config`; `log` hears progress.
    public static func build(config: RunConfig, log: (String) -> Void = { _ in }) throws -> TrainingData {
        try withoutActuallyEscaping(log) { log in
            let source = RecordingFeatures(config: config, log: log)
            var loaded = try load(config: config, classes: nil, source: source, log: log)
            let parts = try assignSplits(config: config, loaded: loaded, log: log)
            // Noise overlay clips are window-long: take them before training windows are widened.
            let noise = try config.augment.noiseFiles.flatMap { path -> [FeatureImage] in
                // A file that is also a negative was already decoded and cut the same way.
                if loaded.negatives.all.contains(path), let cut = loaded.windows[path] { return cut.map(\.features) }
                try requireExists(path, what: "augment.noise_files")
                return loaded.extractor.slidingClips(of: try source.image(of: path))
            }
            let margin = config.timeCropMarginFrames
            let recut = config.clips.placement == .random || config.clips.activeFraction < 1
            if recut || margin > 0 {
                // One more read per training recording (never validation or test): random offsets
                // (`placement: random`) and the most active windows of weak labels
                // (`active_fraction`), then real context on both sides for the time crop.
                for recording in loaded.windows.keys.sorted() where parts[recording] == .train {
                    let image = try source.image(of: recording)
                    var windows = recut ? loaded.cut(recording, image: image, training: true) : loaded.windows[recording]!
                    if margin > 0 { windows = windows.map { widened($0, image: image, margin: margin) } }
                    loaded.windows[recording] = windows
                }
            }
            let reviewed = try reviewWindows(config: config, loaded: loaded, parts: parts, source: source, log: log)
            log(source.summary)
            if !loaded.negatives.all.isEmpty { log(negativesReport(loaded)) }
            func part(_ name: SplitName) -> [Example] {
                loaded.windows.keys.sorted().filter { parts[$0] == name }.flatMap { loaded.windows[$0]! }
                    + reviewed.filter { $0.split == name }.flatMap(\.windows)
            }
            var data = TrainingData(
                classes: loaded.classes, train: part(.train), validation: part(.validation), test: part(.test),
                noise: noise,
                validationBackgrounds: loaded.negatives.all.filter { loaded.negatives.heldOut.contains($0) },
                testBackgrounds: try AudioSources.expand(config.data.backgrounds, what: "data.backgrounds"))
            let negatives = Set(loaded.negatives.all)
            data.weakRecordings = Set(loaded.annotations.filter { recording, annotations in
                !negatives.contains(recording) && annotations.contains { $0.isWholeRecording && $0.label != config.clips.backgroundLabel }
            }.keys)
            return data
        }
    }

    /// Every labelled clip of the configured recordings for a fixed class list (evaluating a
    /// saved model); labels outside `classes` are skipped.
    public static func windows(config: RunConfig, classes: [String], log: (String) -> Void = { _ in }) throws -> [Example] {
        try withoutActuallyEscaping(log) { log in
            let source = RecordingFeatures(config: config, log: log)
            let loaded = try load(config: config, classes: classes, source: source, log: log)
            log(source.summary)
            return loaded.windows.keys.sorted().flatMap { loaded.windows[$0]! }
        }
    }

    /// The clips of every recording before splitting, and what is needed to cut them again.
    struct Loaded {
        var classes: [String]
        var extractor: ClipExtractor
        var seed: Int
        var windows: [String: [Example]] = [:]
        var annotations: [String: [Annotation]] = [:]
        var groups: [String: String] = [:]
        /// Each recording's value of `data.split_column`.
        var splitValue: [String: String] = [:]
        /// The negative files and which are held out for validation.
        var negatives = NegativeFiles(all: [], synthetic: [], heldOut: [])

        /// The recording's clips; its random draws are seeded by the config seed and the
        /// recording's path, so one recording's clips do not depend on which others exist.
        func cut(_ recording: String, image: FeatureImage, training: Bool) -> [Example] {
            let pathHash = UInt64(ContentHash.of(Data(recording.utf8)), radix: 16) ?? 0
            var random = SeededRNG(seed: UInt64(seed) &* 0x9E37_79B9_7F4A_7C15 ^ pathHash ^ (training ? 1 : 0))
            return extractor.examples(
                recording: recording, annotations: annotations[recording] ?? [], image: image, training: training,
                group: groups[recording], using: &random)
        }
    }

    private static func load(
        config: RunConfig, classes fixedClasses: [String]?, source: RecordingFeatures, log: (String) -> Void
    ) throws -> Loaded {
        let data = config.data
        try requireExists(data.recordings, what: "data.recordings")
        try requireExists(data.labels, what: "data.labels")
        let known = fixedClasses ?? (data.classes.isEmpty ? nil : data.classes)
        let set = try AnnotationSet.load(recordings: data.recordings, labels: data.labels, config: data.labelConfig(classes: known))
        for problem in set.problems.prefix(10) { log("labels: \(problem.location): \(problem.message)") }
        var classes = known ?? set.labels
        let background = config.clips.backgroundLabel
        if fixedClasses == nil { try requireClassesPresent(data: data, background: background, found: set.labels) }
        if fixedClasses == nil, !background.isEmpty, !classes.contains(background) { classes.append(background) }
        guard classes.count >= 2 else {
            throw DataError.tooFewClasses(labels: data.labels, found: classes)
        }
        let groupColumn = data.groupColumn.isEmpty ? nil : data.groupColumn
        var loaded = Loaded(
            classes: classes, extractor: ClipExtractor(config: config.clips, classes: classes, groupColumn: groupColumn),
            seed: config.seed)
        let byRecording = set.annotationsByRecording
        log("reading features of \(byRecording.count) recordings …")
        for recording in byRecording.keys.sorted() {
            let annotations = byRecording[recording]!
            loaded.annotations[recording] = annotations
            loaded.groups[recording] = AnnotationSet.group(of: annotations[0], column: groupColumn)
            loaded.windows[recording] = loaded.cut(recording, image: try source.image(of: recording), training: false)
            if !data.splitColumn.isEmpty { loaded.splitValue[recording] = annotations[0].attributes[data.splitColumn] ?? "" }
        }
        if !data.negatives.isEmpty || data.syntheticNegatives.files > 0 {
            guard !background.isEmpty, classes.contains(background) else {
                throw ConfigError.invalidValue(
                    path: "data.negatives", source: "configuration",
                    message: "needs clips.background_label (the class its windows become), which is empty")
            }
            loaded.negatives = try NegativeFiles.resolve(config: config, log: log)
            for path in loaded.negatives.all {
                loaded.annotations[path] = [Annotation(file: path, start: nil, end: nil, label: background, source: "data.negatives")]
                loaded.groups[path] = negativeGroup(path)
                loaded.windows[path] = loaded.cut(path, image: try source.image(of: path), training: false)
            }
            log("negatives: \(loaded.negatives.all.count) recording(s) as '\(background)'")
        }
        return loaded
    }

    /// Negative windows per source (training, then held out), one line each.
    static func negativesReport(_ loaded: Loaded) -> String {
        var train: [String: (files: Int, windows: Int)] = [:]
        var held: [String: (files: Int, windows: Int)] = [:]
        for path in loaded.negatives.all {
            let source = loaded.negatives.source(of: path)
            let count = loaded.windows[path]?.count ?? 0
            if loaded.negatives.heldOut.contains(path) {
                held[source, default: (0, 0)].files += 1
                held[source, default: (0, 0)].windows += count
            } else {
                train[source, default: (0, 0)].files += 1
                train[source, default: (0, 0)].windows += count
            }
        }
        func lines(_ table: [String: (files: Int, windows: Int)]) -> [String] {
            table.keys.sorted().map { "  \($0): \(table[$0]!.files) file(s), \(table[$0]!.windows) windows" }
        }
        var text = ["negative windows per source (training):"] + lines(train)
        if !held.isEmpty { text += ["held out as frog-free validation audio (data.validation_negatives):"] + lines(held) }
        return text.joined(separator: "\n")
    }

    /// The group of a `data.negatives` recording: its own, so it is never split apart from
    /// itself and `dataset split`'s rows for it match `train`'s.
    static func negativeGroup(_ path: String) -> String { "negative:\(path)" }

    /// `example` recut from `image` with `margin` more frames on each side (the recording's
    /// quietest value beyond its ends, as for short recordings).
    static func widened(_ example: Example, image: FeatureImage, margin: Int) -> Example {
        let start = Int(((example.startSeconds - image.startSeconds) / image.secondsPerFrame).rounded())
        var result = example
        result.features = ClipExtractor.cut(image, start: start - margin, frames: example.features.frames + 2 * margin)
        return result
    }

    /// Features of a whole recording at the configured rate (channels mixed phase-safely).
    static func features(of path: String, extractor: FeatureExtractor) throws -> FeatureImage {
        let channels = try AudioFile.read(path: path, targetRate: extractor.config.sampleRate)
        return extractor.features(channels: channels)
    }

    /// Recording → split. `data.split_file` fixes every split; otherwise a split column fixes
    /// test, and validation is carved from the rest by group, stratified by class, so no site
    /// or recording is in two splits. `data.negatives` always train (as `dataset split` writes
    /// them): they are training material, usually also the noise overlay, and have no species
    /// for validation to measure.
    static func assignSplits(config: RunConfig, loaded: Loaded, log: (String) -> Void) throws -> [String: SplitName] {
        let windows = loaded.windows.filter { !$0.value.isEmpty }
        if !config.data.splitFile.isEmpty {
            var result = try SplitFileAssignment.read(path: config.data.splitFile, recordings: windows.keys.sorted(), log: log)
            for path in loaded.negatives.heldOut where result[path] != nil { result[path] = .validation }
            return result
        }
        var result: [String: SplitName] = [:]
        var development: [String] = []
        let negatives = Set(loaded.negatives.all)
        for recording in windows.keys.sorted() {
            if negatives.contains(recording) {
                result[recording] = loaded.negatives.heldOut.contains(recording) ? .validation : .train
            } else if !config.data.splitColumn.isEmpty, config.data.testValues.contains(loaded.splitValue[recording] ?? "") {
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
        let listed = groups.keys.sorted().map { GroupedSplit.Group(name: $0, labelCounts: groups[$0]!) }
        let folds = config.data.folds
        // With k folds the test groups must not depend on the fold: they are drawn first, by the
        // seed alone, and the rest is dealt into folds.
        let splitter = GroupedSplit(
            validationFraction: folds > 0 ? 0 : config.data.validationFraction, testFraction: testFraction,
            seed: UInt64(config.splitSeed))
        var assignment = splitter.assign(listed)
        if folds > 0 {
            let foldOf = splitter.folds(listed.filter { assignment[$0.name] != .test }, count: folds)
            for (group, fold) in foldOf { assignment[group] = fold == config.data.fold - 1 ? .validation : .train }
        }
        for recording in development {
            result[recording] = groupOf[recording].flatMap { assignment[$0] } ?? .train
        }
        return result
    }

    /// Every class `data.classes` names must have labels (background windows come from the
    /// unlabelled stretches and the negatives instead): a class without any would train an
    /// output that can never be right, and score macro-F1 as if the model failed on it.
    private static func requireClassesPresent(data: RunConfig.DataSection, background: String, found: [String]) throws {
        let absent = data.classes.filter { $0 != background && !found.contains($0) }
        guard !absent.isEmpty else { return }
        throw ConfigError.dataMismatch(
            path: data.labels, key: "data.classes",
            message: "no annotation there has class \(absent.map { "'\($0)'" }.joined(separator: ", ")) "
                + "(labels found: \(found.isEmpty ? "none" : found.joined(separator: ", "))); "
                + "fix the spelling, map a label to it with data.aliases, or remove it from data.classes")
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

extension RunConfig.DataSection {
    /// The `data:` keys that say how raw labels become classes, as FrogData's `LabelConfig`
    /// (`known` overrides `classes`).
    public func labelConfig(classes known: [String]?) -> LabelConfig {
        LabelConfig(
            aliases: aliases, ignore: ignore, classes: known ?? (classes.isEmpty ? nil : classes),
            labelColumn: labelColumn == "label" ? nil : labelColumn,
            groupColumn: groupColumn.isEmpty ? nil : groupColumn)
    }
}
