import Foundation
import FrogData
import FrogDetect
import FrogModel

/// Presence evaluation with the decision rule users get: every file is scanned by the same
/// `RecordingDetector` that `detect` and `survey run` use (the model's preprocessing, windows
/// at the detect overlap, phase-safe channel mix), its window scores kept, and the detections
/// replayed through `DetectionMerger` under the thresholds and rule being judged. Scanning once
/// and replaying many times is what lets thresholds be chosen against a false-positive budget.
public enum PresenceEvaluation {
    /// One scanned file: its length, the species calling in it, and every scored window.
    public struct Scan: Sendable {
        public var path: String
        public var seconds: Double
        /// Species calling in the file (empty: frog-free).
        public var truth: Set<String>
        public var windows: [ScoredWindow]

        public init(path: String, seconds: Double, truth: Set<String>, windows: [ScoredWindow]) {
            self.path = path
            self.seconds = seconds
            self.truth = truth
            self.windows = windows
        }
    }

    /// The species present in each recording of `windows` (labelled clips, weak labels included),
    /// background classes left out, in order of first appearance.
    public static func truth(of windows: [Example], classes: [String], background: Set<String>) -> [(path: String, truth: Set<String>)] {
        var order: [String] = []
        var truth: [String: Set<String>] = [:]
        for window in windows {
            if truth[window.recording] == nil { order.append(window.recording) }
            let names = window.presentClasses.map { classes[$0] }.filter { !background.contains($0) }
            truth[window.recording, default: []].formUnion(names)
        }
        return order.map { ($0, truth[$0]!) }
    }

    /// Scans `files` (labelled recordings, each with its species) and `backgrounds` (frog-free
    /// files) with `classifier` at `overlap`. A file that cannot be read is reported through
    /// `log` and left out; the rest are still scanned.
    public static func scan(
        classifier: any WindowClassifier, files: [(path: String, truth: Set<String>)], backgrounds: [String],
        overlap: Double = 0.5, log: (String) -> Void = { _ in }
    ) throws -> [Scan] {
        let detector = try RecordingDetector(classifier: classifier, settings: DetectionSettings(overlap: overlap, minWindows: 1))
        var scans: [Scan] = []
        for (path, truth) in files + backgrounds.map({ ($0, Set<String>()) }) {
            do {
                let result = try detector.scan(path: path, keepScores: true)
                for damage in result.damage { log("presence: warning: \(damage)") }
                scans.append(Scan(path: path, seconds: result.durationSeconds, truth: truth, windows: result.windows[0]))
            } catch {
                let message = "\(error)"
                log("presence: skipped " + (message.contains(path) ? message : "\(path): \(message)"))
            }
        }
        return scans
    }

    /// Detections per species of one scan under `thresholds` and `minWindows`: exactly what
    /// `detect` would write for the file.
    public static func detections(
        of scan: Scan, classes: [String], reported: [Bool], thresholds: [Float], minWindows: Int
    ) -> [String: Int] {
        var merger = DetectionMerger(
            classes: classes, thresholds: thresholds, reported: reported, file: scan.path, channel: nil,
            minWindows: minWindows)
        for window in scan.windows { merger.add(start: window.start, end: window.end, scores: window.scores) }
        var counts: [String: Int] = [:]
        for detection in merger.finish(duration: scan.seconds) { counts[detection.species, default: 0] += 1 }
        return counts
    }

    /// Presence metrics of `scans` under a decision rule; `background` classes are never reported.
    public static func metrics(
        scans: [Scan], classes: [String], background: Set<String>, thresholds: [Float], minWindows: Int
    ) -> PresenceMetrics {
        let reported = classes.map { !background.contains($0) }
        let files = scans.map { scan in
            PresenceMetrics.File(
                path: scan.path, seconds: scan.seconds, truth: scan.truth,
                detections: detections(of: scan, classes: classes, reported: reported, thresholds: thresholds, minWindows: minWindows))
        }
        return PresenceMetrics(species: classes.filter { !background.contains($0) }, files: files)
    }

    /// As `metrics(scans:…)` with the classifier's own rule.
    public static func metrics(scans: [Scan], classifier: any WindowClassifier) -> PresenceMetrics {
        metrics(
            scans: scans, classes: classifier.classes, background: classifier.backgroundClasses,
            thresholds: classifier.thresholds, minWindows: classifier.decision.minWindows)
    }
}
