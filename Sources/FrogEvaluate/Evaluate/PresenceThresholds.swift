import FrogDetect

/// Thresholds chosen against a false-positive budget: for each species, the lowest threshold
/// (so the best recall) at which it, and every threshold above it, makes at most
/// `maxFalsePerHour` false detections per hour of frog-free audio under the decision rule.
/// Used by training (`evaluate.threshold: false_positive_budget`, on the held-out negatives)
/// and by `frogscan calibrate` (on a user's own frog-free recordings).
public enum PresenceThresholds {
    /// Per class: the budget threshold, or nil for classes not reported (background).
    /// - Parameters:
    ///   - frogFree: scans of frog-free files (their windows in time order).
    ///   - minWindows: the decision rule's minimum positive windows per detection.
    public static func withinBudget(
        frogFree: [PresenceEvaluation.Scan], classCount: Int, reported: [Bool], maxFalsePerHour: Double, minWindows: Int
    ) -> [Float?] {
        let hours = Self.hours(frogFree)
        // The budget in detections over this much audio (at least 0: an empty set allows none).
        let allowed = Int((maxFalsePerHour * hours).rounded(.down))
        return (0..<classCount).map { c -> Float? in
            guard reported[c] else { return nil }
            let candidates = Set(frogFree.flatMap { $0.windows.map { $0.scores[c] } }).filter { !$0.isNaN }.sorted(by: >)
            for score in candidates where detections(of: c, threshold: score, in: frogFree, minWindows: minWindows) > allowed {
                // Everything above this score stayed within budget; this one does not.
                return score.nextUp
            }
            return 0
        }
    }

    /// `thresholds` raised, species by species, to the budget threshold measured on the
    /// frog-free scans among `scans` (never lowered: the budget caps false alarms, it does not
    /// license more), and a note of what the budget was checked on.
    public static func raised(
        _ thresholds: [Float], scans: [PresenceEvaluation.Scan], classes: [String], background: Set<String>,
        maxFalsePerHour: Double, minWindows: Int
    ) -> (thresholds: [Float], note: String) {
        let frogFree = scans.filter(\.truth.isEmpty)
        let budget = withinBudget(
            frogFree: frogFree, classCount: classes.count, reported: classes.map { !background.contains($0) },
            maxFalsePerHour: maxFalsePerHour, minWindows: minWindows)
        let hours = Self.hours(frogFree)
        let note = String(format: "≤ %g false detections per hour on %d frog-free files, %.2f h", maxFalsePerHour, frogFree.count, hours)
        return (zip(thresholds, budget).map { max($0, $1 ?? $0) }, note)
    }

    /// Hours of audio in `scans`.
    static func hours(_ scans: [PresenceEvaluation.Scan]) -> Double { scans.reduce(0) { $0 + $1.seconds } / 3600 }

    /// Detections of class `c` in `scans` at `threshold`: `DetectionMerger`'s events for one
    /// class (positive windows that overlap or touch are one event; events shorter than
    /// `minWindows` windows are dropped), counted without building them.
    static func detections(of c: Int, threshold: Float, in scans: [PresenceEvaluation.Scan], minWindows: Int) -> Int {
        var count = 0
        for scan in scans {
            var openEnd: Double?
            var windows = 0
            for window in scan.windows where window.scores[c] >= threshold {
                if let end = openEnd, window.start <= end + DetectionMerger.touchTolerance {
                    openEnd = max(end, window.end)
                    windows += 1
                } else {
                    if openEnd != nil, windows >= minWindows { count += 1 }
                    openEnd = window.end
                    windows = 1
                }
            }
            if openEnd != nil, windows >= minWindows { count += 1 }
        }
        return count
    }
}
