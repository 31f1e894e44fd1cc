import Foundation
import FrogCore
import FrogData
import FrogDetect

/// `frogscan evaluate-detections`: event-level precision, recall and F1 per species of a
/// detections file against call annotations (Raven, Audacity or CSV), using `EventMatcher`'s
/// one-to-one IoU matching.
///
/// The recordings evaluated are those under `recordings` (default: the common folder of the
/// detected files), so a labelled recording without any detection still counts its calls as
/// missed. Only recordings covered by a label file are evaluated (a recording nobody labelled
/// says nothing about false positives); detections elsewhere are counted as unlabelled.
/// Whole-recording (weak) labels have no interval and are left out.
public enum DetectionEvaluation {
    /// The detections and truth that were compared, and the per-species result.
    public struct Report: Sendable {
        /// Detections in labelled recordings (the ones evaluated).
        public var detections: [Detection]
        public var truth: [Annotation]
        /// Detections in recordings without a label file, left out.
        public var unlabelledDetections: Int
        public var result: EventMatchResult
    }

    /// Reads the detections and annotations and matches them at `minimumIoU`.
    public static func evaluate(
        detectionsCSV: URL, labels: String, recordings: String? = nil, minimumIoU: Double = 0.3
    ) throws -> Report {
        let records = try DetectionsCSV.read(detectionsCSV)
        // Paths in detections.csv are as discovered (maybe relative to where detect ran);
        // annotations come back as standardized absolute paths.
        let detections = records.map { record -> Detection in
            var d = record.detection
            d.file = URL(fileURLWithPath: d.file).standardizedFileURL.path
            return d
        }
        let root = try recordings ?? commonFolder(of: detections.map(\.file), detectionsCSV: detectionsCSV)
        let set = try AnnotationSet.load(recordings: root, labels: labels)
        let truth = set.annotations.filter { !$0.isWholeRecording }
        // A label file covers its recording even when it holds no calls (an empty table says
        // "nothing here").
        let labelledNames = Set(set.labelFiles.map(AnnotationSet.recordingName(ofLabelFile:)))
        var covered = Set(set.annotations.map(\.file))
        for recording in set.recordings
        where labelledNames.contains(URL(fileURLWithPath: recording).deletingPathExtension().lastPathComponent) {
            covered.insert(recording)
        }
        let evaluated = detections.filter { covered.contains($0.file) }
        let result = EventMatcher.match(detections: evaluated, truth: truth, minimumIoU: minimumIoU)
        return Report(
            detections: evaluated, truth: truth, unlabelledDetections: detections.count - evaluated.count,
            result: result)
    }

    /// `species,true_positives,false_positives,false_negatives,precision,recall,f1`, one row per
    /// species, then `micro` and `macro` averages.
    public static func csv(_ result: EventMatchResult) -> String {
        var text = "species,true_positives,false_positives,false_negatives,precision,recall,f1\n"
        for species in result.species {
            guard let m = result.perSpecies[species] else { continue }
            text += [
                CSVRecords.quote(species), String(m.truePositives), String(m.falsePositives), String(m.falseNegatives),
                format(m.precision), format(m.recall), format(m.f1),
            ].joined(separator: ",") + "\n"
        }
        for (name, average) in [("micro", result.micro), ("macro", result.macro)] {
            text += "\(name),,,,\(format(average.precision)),\(format(average.recall)),\(format(average.f1))\n"
        }
        return text
    }

    private static func format(_ value: Double) -> String { String(format: "%.4f", value) }

    /// The deepest folder holding every detected file; with no detections, the folder of the
    /// detections file (whose recordings cannot be known, so nothing but labels is evaluated).
    private static func commonFolder(of files: [String], detectionsCSV: URL) throws -> String {
        guard let first = files.first else { return detectionsCSV.deletingLastPathComponent().path }
        var common = Array(URL(fileURLWithPath: first).pathComponents.dropLast())
        for file in files.dropFirst() {
            let components = Array(URL(fileURLWithPath: file).pathComponents.dropLast())
            var n = 0
            while n < common.count, n < components.count, common[n] == components[n] { n += 1 }
            common.removeLast(common.count - n)
        }
        let path = NSString.path(withComponents: common)
        guard FileManager.default.fileExists(atPath: path) else { throw DetectError.inputNotFound(path: path) }
        return path
    }
}
