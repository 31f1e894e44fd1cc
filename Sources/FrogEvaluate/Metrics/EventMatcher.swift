import FrogData
import FrogDetect

/// Event-level evaluation of detections against annotated calls: a detection is correct when it
/// overlaps an as-yet-unmatched true call of the same species in the same file by at least
/// `minimumIoU` (intersection over union of the time intervals).
///
/// Matching is greedy and one-to-one: detections are taken in descending confidence and each
/// takes the unmatched true call it overlaps most, so one long detection cannot claim several
/// calls and a duplicated detection becomes a false positive.
public enum EventMatcher {
    /// A time interval of one species in one file; `confidence` orders detections (unused for
    /// true events).
    public struct Event: Equatable, Sendable {
        public var file: String
        public var species: String
        public var start: Double
        public var end: Double
        public var confidence: Float

        public init(file: String, species: String, start: Double, end: Double, confidence: Float = 1) {
            self.file = file
            self.species = species
            self.start = start
            self.end = end
            self.confidence = confidence
        }

        /// Intersection over union of two time intervals (0 when they do not overlap).
        public func intersectionOverUnion(_ other: Event) -> Double {
            let intersection = Swift.max(0, Swift.min(end, other.end) - Swift.max(start, other.start))
            let union = Swift.max(end, other.end) - Swift.min(start, other.start)
            return union > 0 ? intersection / union : 0
        }
    }

    /// Matches detections to true events.
    public static func match(detections: [Event], truth: [Event], minimumIoU: Double = 0.3) -> EventMatchResult {
        struct Key: Hashable {
            var file: String
            var species: String
        }
        var truthByKey: [Key: [Int]] = [:]
        for (i, event) in truth.enumerated() {
            truthByKey[Key(file: event.file, species: event.species), default: []].append(i)
        }
        // Stable: equal confidences keep their input order, so results are deterministic.
        let order = detections.indices.sorted {
            detections[$0].confidence != detections[$1].confidence
                ? detections[$0].confidence > detections[$1].confidence : $0 < $1
        }
        var truthMatched = [Bool](repeating: false, count: truth.count)
        var matches: [EventMatchResult.Match] = []
        for d in order {
            let detection = detections[d]
            var best: (index: Int, iou: Double)?
            for t in truthByKey[Key(file: detection.file, species: detection.species)] ?? [] where !truthMatched[t] {
                let iou = detection.intersectionOverUnion(truth[t])
                if iou >= minimumIoU && iou > (best?.iou ?? -1) { best = (t, iou) }
            }
            if let best {
                truthMatched[best.index] = true
                matches.append(.init(detection: d, truth: best.index, intersectionOverUnion: best.iou))
            }
        }

        let species = Set(detections.map(\.species)).union(truth.map(\.species)).sorted()
        var tp: [String: Int] = [:]
        for m in matches { tp[detections[m.detection].species, default: 0] += 1 }
        var detected: [String: Int] = [:]
        for d in detections { detected[d.species, default: 0] += 1 }
        var actual: [String: Int] = [:]
        for t in truth { actual[t.species, default: 0] += 1 }
        let perSpecies = species.map { name -> (String, ClassMetrics) in
            let hits = tp[name] ?? 0
            return (name, ClassMetrics(
                truePositives: hits, falsePositives: (detected[name] ?? 0) - hits,
                falseNegatives: (actual[name] ?? 0) - hits))
        }
        return EventMatchResult(species: species, perSpecies: Dictionary(uniqueKeysWithValues: perSpecies), matches: matches)
    }

    /// Matches `Detection`s against annotated calls. Whole-recording (weak) annotations have no
    /// interval to overlap and are left out.
    public static func match(detections: [Detection], truth: [Annotation], minimumIoU: Double = 0.3) -> EventMatchResult {
        match(
            detections: detections.map {
                Event(file: $0.file, species: $0.species, start: $0.start, end: $0.end, confidence: $0.confidence)
            },
            truth: truth.compactMap { a in
                guard let start = a.start, let end = a.end else { return nil }
                return Event(file: a.file, species: a.label, start: start, end: end)
            },
            minimumIoU: minimumIoU)
    }
}

/// Per-species event counts (tp = matched detections, fp = unmatched detections, fn = unmatched
/// true calls) and the matches themselves.
public struct EventMatchResult: Equatable, Sendable {
    /// A detection paired with a true event (indices into the inputs).
    public struct Match: Equatable, Sendable {
        public var detection: Int
        public var truth: Int
        public var intersectionOverUnion: Double
    }

    /// Every species seen in detections or truth, sorted.
    public let species: [String]
    /// Counts and precision/recall/F1 per species (no AP/AUC at event level).
    public let perSpecies: [String: ClassMetrics]
    public let matches: [Match]

    /// Counts pooled over species.
    public var micro: AveragedMetrics { .micro(species.compactMap { perSpecies[$0] }) }
    /// Unweighted mean over species.
    public var macro: AveragedMetrics { .macro(species.compactMap { perSpecies[$0] }) }
}
