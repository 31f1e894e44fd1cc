import FrogDSP
import FrogModel

/// One scored window of a scan: its span in seconds and one score per class.
public struct ScoredWindow: Equatable, Sendable {
    public var start: Double
    public var end: Double
    public var scores: [Float]

    public init(start: Double, end: Double, scores: [Float]) {
        self.start = start
        self.end = end
        self.scores = scores
    }
}

/// Scans one stream of feature frames (one channel, or the phase-safe mix) with a classifier:
/// slides windows, scores them in batches and merges positive windows into detections.
///
/// Feed it chunks with `push` as they come out of the feature extractor, then call `finish`.
public struct ChannelScanner {
    private let classifier: any WindowClassifier
    private let batchSize: Int
    private var slider: WindowSlider
    private var merger: DetectionMerger
    private var pending: [WindowSlider.Window] = []
    private let secondsPerFrame: Double

    /// Windows scored so far.
    public private(set) var windowsScored = 0
    /// Every scored window in time order, when made with `keepScores` (evaluation replays them
    /// under other thresholds); empty otherwise, so a long recording's memory stays constant.
    public private(set) var scored: [ScoredWindow] = []
    private let keepScores: Bool

    /// - Parameters:
    ///   - thresholds: decision threshold per class, in `classifier.classes` order.
    ///   - reported: whether each class may be reported (false for background and filtered out).
    ///   - hopFrames: frames between window starts.
    ///   - batchSize: windows per `scores` call; larger batches use the BLAS better.
    ///   - minWindows: positive windows a detection needs (`DecisionRule.minWindows`).
    public init(
        classifier: any WindowClassifier, thresholds: [Float], reported: [Bool], hopFrames: Int,
        batchSize: Int, file: String, channel: Int?, minWindows: Int = 1, keepScores: Bool = false
    ) {
        self.classifier = classifier
        self.batchSize = max(1, batchSize)
        self.slider = WindowSlider(windowFrames: classifier.windowFrames, hopFrames: hopFrames)
        self.merger = DetectionMerger(
            classes: classifier.classes, thresholds: thresholds, reported: reported, file: file,
            channel: channel, minWindows: minWindows)
        self.keepScores = keepScores
        self.secondsPerFrame = classifier.featureConfig.secondsPerFrame
    }

    /// Adds feature frames; scores every full batch of windows they complete.
    public mutating func push(_ chunk: FeatureImage) throws {
        pending.append(contentsOf: slider.push(chunk))
        if pending.count >= batchSize { try scorePending() }
    }

    /// Scores what is left (including the end-aligned last window) and returns the detections,
    /// their ends clamped to `duration` seconds.
    public mutating func finish(duration: Double) throws -> [Detection] {
        pending.append(contentsOf: slider.finish())
        try scorePending()
        return merger.finish(duration: duration)
    }

    private mutating func scorePending() throws {
        guard !pending.isEmpty else { return }
        let scores = try classifier.scores(pending.map(\.image))
        precondition(scores.count == pending.count, "WindowClassifier returned \(scores.count) rows for \(pending.count) windows")
        for (window, row) in zip(pending, scores) {
            let start = Double(window.startFrame) * secondsPerFrame
            let end = Double(window.startFrame + slider.windowFrames) * secondsPerFrame
            merger.add(start: start, end: end, scores: row)
            if keepScores { scored.append(ScoredWindow(start: start, end: end, scores: row)) }
        }
        windowsScored += pending.count
        pending.removeAll(keepingCapacity: true)
    }
}
