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
    private let scorer: BatchScorer
    private let batchSize: Int
    private var slider: WindowSlider
    private var merger: DetectionMerger
    private var pending: [WindowSlider.Window] = []
    /// Batches handed to the scorer and not yet merged, oldest first: their tickets and the
    /// windows' first frames.
    private var inFlight: [(ticket: Int, startFrames: [Int])] = []
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
        self.init(
            classifier: classifier, scorer: BatchScorer(classifiers: [classifier]), thresholds: thresholds,
            reported: reported, hopFrames: hopFrames, batchSize: batchSize, file: file, channel: channel,
            minWindows: minWindows, keepScores: keepScores)
    }

    /// As above, with batches scored by `scorer` (shared by the scanners of one recording, and
    /// closed by its owner).
    init(
        classifier: any WindowClassifier, scorer: BatchScorer, thresholds: [Float], reported: [Bool],
        hopFrames: Int, batchSize: Int, file: String, channel: Int?, minWindows: Int, keepScores: Bool
    ) {
        self.scorer = scorer
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
        try mergeScored(waitingWhileAbove: 0)
        return merger.finish(duration: duration)
    }

    /// Hands the pending windows to the scorer as one batch, then merges every batch whose
    /// scores are in, in submission order, waiting for the oldest while too many are out.
    private mutating func scorePending() throws {
        guard !pending.isEmpty else { return }
        inFlight.append((scorer.submit(pending.map(\.image)), pending.map(\.startFrame)))
        pending.removeAll(keepingCapacity: true)
        try mergeScored(waitingWhileAbove: scorer.capacity - 1)
    }

    /// Merges finished batches from the oldest on; while more than `limit` are out, waits for
    /// the oldest.
    private mutating func mergeScored(waitingWhileAbove limit: Int) throws {
        while let oldest = inFlight.first, inFlight.count > limit || scorer.isReady(oldest.ticket) {
            inFlight.removeFirst()
            let scores = try scorer.take(oldest.ticket)
            precondition(
                scores.count == oldest.startFrames.count,
                "WindowClassifier returned \(scores.count) rows for \(oldest.startFrames.count) windows")
            for (startFrame, row) in zip(oldest.startFrames, scores) {
                let start = Double(startFrame) * secondsPerFrame
                let end = Double(startFrame + slider.windowFrames) * secondsPerFrame
                merger.add(start: start, end: end, scores: row)
                if keepScores { scored.append(ScoredWindow(start: start, end: end, scores: row)) }
            }
            windowsScored += scores.count
        }
    }
}
