import Foundation
import FrogAudio
import FrogCore
import FrogDSP
import FrogModel

/// Finds calls in one recording: streams it block by block at the model's sample rate, turns
/// the blocks into features with the model's own preprocessing, slides the model's window with
/// the chosen overlap, scores the windows in batches and merges positive windows into events.
///
/// Memory is constant in the recording's length: one audio block, the feature frames of one
/// window and a few batches of windows are held at a time. Not thread-safe (the classifier may
/// keep workspaces); use one detector per worker.
///
/// With `copies`, batches are scored on threads of their own (`BatchScorer`), one per
/// classifier, while the calling thread reads and computes features: what one recording on
/// several cores needs. The detections are the same either way.
public struct RecordingDetector {
    public let classifier: any WindowClassifier
    /// More instances of `classifier`'s model, each scoring on a thread of its own during a scan.
    public let copies: [any WindowClassifier]
    public let settings: DetectionSettings
    /// Decision threshold per class (the model's, or `--min-confidence` for all).
    public let thresholds: [Float]
    /// Whether each class may be reported (not background, and in the species filter).
    public let reported: [Bool]
    /// Positive windows a detection needs: `--min-windows`, else the model's decision rule.
    public let minWindows: Int
    /// Frames between window starts.
    public let hopFrames: Int
    /// Input frames decoded per block.
    public var blockFrames = 65_536

    /// - Parameter copies: other instances of the same model (same classes, features and
    ///   window), for scoring on several threads at once; none scores on the calling thread.
    public init(classifier: any WindowClassifier, settings: DetectionSettings, copies: [any WindowClassifier] = []) throws {
        precondition(
            copies.allSatisfy { $0.modelID == classifier.modelID && $0.windowFrames == classifier.windowFrames },
            "RecordingDetector: copies must be the same model")
        self.classifier = classifier
        self.copies = copies
        self.settings = settings
        let classes = classifier.classes
        if let species = settings.species {
            let unknown = species.filter { !classes.contains($0) }
            if !unknown.isEmpty {
                throw DetectError.unknownSpecies(unknown, known: classes.filter { !classifier.backgroundClasses.contains($0) })
            }
        }
        thresholds = classifier.decisionThresholds(minConfidence: settings.minConfidence)
        reported = classes.map { name in
            !classifier.backgroundClasses.contains(name) && (settings.species?.contains(name) ?? true)
        }
        minWindows = classifier.decisionMinWindows(settings.minWindows)
        hopFrames = WindowSlider.hopFrames(windowFrames: classifier.windowFrames, overlap: settings.overlap)
    }

    /// A detector scoring on `threads` threads: `makeClassifier` is called `threads` times
    /// and must return a new instance of the same model each time.
    public init(
        threads: Int, settings: DetectionSettings, makeClassifier: () throws -> any WindowClassifier
    ) throws {
        try self.init(
            classifier: makeClassifier(), settings: settings,
            copies: (1..<max(1, threads)).map { _ in try makeClassifier() })
    }

    /// Length in seconds (what the file holds), the file's own sample rate and channel count
    /// (from the header read here, so callers need not open the file again), detections
    /// (sorted by time) of the recording at `path`, and the damage met reading it (the
    /// recording is analysed up to where it ends; callers report the damage).
    public func detect(path: String) throws -> (
        durationSeconds: Double, sampleRate: Int, channels: Int, detections: [Detection], damage: [AudioDamage]
    ) {
        let result = try scan(path: path, keepScores: false)
        return (result.durationSeconds, result.sampleRate, result.channels, result.detections, result.damage)
    }

    /// As `detect`, also returning every scored window per analysed stream (one for a mix)
    /// when `keepScores`: what evaluation replays through `DetectionMerger` under other
    /// thresholds, which gives exactly the detections this detector would make with them.
    public func scan(path: String, keepScores: Bool) throws -> (
        durationSeconds: Double, sampleRate: Int, channels: Int, detections: [Detection], windows: [[ScoredWindow]],
        damage: [AudioDamage]
    ) {
        let config = classifier.featureConfig
        let info = try AudioFile.info(path: path)
        let fileChannels = info.channels
        guard info.frames > 0 else { throw AudioError.empty(path) }

        // Which reader channels feed which scanner, and the channel each scanner reports.
        let selection: ChannelSelection
        let streams: [(inputs: [Int], reportedChannel: Int?)]
        switch settings.channels {
        case .mix:
            selection = .all
            streams = [(Array(0..<fileChannels), nil)]
        case .each:
            selection = .all
            streams = (0..<fileChannels).map { ([$0], $0 + 1) }
        case .number(let n):
            guard n <= fileChannels else {
                throw DetectError.channelOutOfRange(path: path, channel: n, channels: fileChannels)
            }
            selection = .channel(n - 1)
            streams = [([0], n)]
        }
        let reader = try AudioReader(
            path: path, targetRate: config.sampleRate, channels: selection, blockFrames: blockFrames)
        let extractor = FeatureExtractor(config: config)
        let extractors = streams.map { StreamingFeatureExtractor(extractor: extractor, channels: $0.inputs.count) }
        let scorer = BatchScorer(classifiers: [classifier] + copies)
        defer { scorer.close() }
        var scanners = streams.map { stream in
            ChannelScanner(
                classifier: classifier, scorer: scorer, thresholds: thresholds, reported: reported,
                hopFrames: hopFrames, batchSize: settings.batchSize, file: path, channel: stream.reportedChannel,
                minWindows: minWindows, keepScores: keepScores)
        }
        while let block = try reader.nextBlock() {
            for (i, stream) in streams.enumerated() {
                try scanners[i].push(extractors[i].push(stream.inputs.map { block[$0] }))
            }
        }
        var detections: [Detection] = []
        let duration = reader.info.duration
        for i in streams.indices {
            try scanners[i].push(extractors[i].finish())
            detections += try scanners[i].finish(duration: duration)
        }
        detections.sort { ($0.start, $0.species, $0.channel ?? 0) < ($1.start, $1.species, $1.channel ?? 0) }
        return (duration, info.sampleRate, fileChannels, detections, scanners.map(\.scored), reader.damage)
    }
}
