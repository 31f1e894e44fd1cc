/// Turns a stream of scored windows into events: per species, the positive windows whose time
/// spans overlap or touch are joined into one `Detection` (start of the first, end of the last,
/// the highest and the mean window score); events with fewer than `minWindows` positive windows
/// are dropped.
///
/// Windows must arrive in increasing start time, as a recording is scanned. Only the open event
/// of each species is kept, so memory does not grow with the recording's length.
public struct DetectionMerger {
    /// Class names in score order.
    public let classes: [String]
    /// Decision threshold per class, in `classes` order: a window is positive when its score is
    /// at least this.
    public let thresholds: [Float]
    /// Which classes may become detections (false for background classes and filtered species).
    public let reported: [Bool]
    /// Recording path written into every detection.
    public let file: String
    /// 1-based channel written into every detection, nil for a mix.
    public let channel: Int?
    /// Events with fewer positive windows than this are dropped (`DecisionRule.minWindows`).
    public let minWindows: Int

    private struct OpenEvent {
        var start: Double
        var end: Double
        var maxScore: Float
        var scoreSum: Double
        var windows: Int
    }

    private var open: [OpenEvent?]
    private var finished: [Detection] = []

    /// Joining tolerance in seconds: window times are computed from frame counts in Double, so
    /// "touching" windows can differ by rounding; anything closer than a microsecond touches.
    package static let touchTolerance = 1e-6

    public init(
        classes: [String], thresholds: [Float], reported: [Bool], file: String, channel: Int?, minWindows: Int = 1
    ) {
        precondition(classes.count == thresholds.count && classes.count == reported.count,
                     "DetectionMerger: classes, thresholds and reported must have the same length")
        self.classes = classes
        self.thresholds = thresholds
        self.reported = reported
        self.file = file
        self.channel = channel
        self.minWindows = max(1, minWindows)
        self.open = Array(repeating: nil, count: classes.count)
    }

    /// Adds one window spanning `start..<end` seconds with one score per class.
    public mutating func add(start: Double, end: Double, scores: [Float]) {
        precondition(scores.count == classes.count, "DetectionMerger: \(scores.count) scores for \(classes.count) classes")
        for c in classes.indices where reported[c] {
            let score = scores[c]
            guard score >= thresholds[c] else { continue }
            if var event = open[c], start <= event.end + Self.touchTolerance {
                event.end = max(event.end, end)
                event.maxScore = max(event.maxScore, score)
                event.scoreSum += Double(score)
                event.windows += 1
                open[c] = event
            } else {
                close(c)
                open[c] = OpenEvent(start: start, end: end, maxScore: score, scoreSum: Double(score), windows: 1)
            }
        }
    }

    /// Closes every open event and returns all detections sorted by start time, then species.
    /// `duration`, when known, clamps event ends to the recording's length (the last window may
    /// be padded past it).
    public mutating func finish(duration: Double? = nil) -> [Detection] {
        for c in classes.indices { close(c) }
        var result = finished
        finished = []
        if let duration {
            for i in result.indices { result[i].end = min(result[i].end, max(duration, result[i].start)) }
        }
        result.sort { ($0.start, $0.species) < ($1.start, $1.species) }
        return result
    }

    private mutating func close(_ c: Int) {
        guard let event = open[c] else { return }
        open[c] = nil
        guard event.windows >= minWindows else { return }
        finished.append(Detection(
            file: file, channel: channel, start: event.start, end: event.end, species: classes[c],
            confidence: event.maxScore, meanConfidence: Float(event.scoreSum / Double(event.windows))))
    }
}
