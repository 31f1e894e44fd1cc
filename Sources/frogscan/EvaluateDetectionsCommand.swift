import ArgumentParser
import Foundation
import FrogCore
import FrogEvaluate

extension Frogscan {
    /// `frogscan evaluate-detections`: event-level metrics of a detections file against labels.
    struct EvaluateDetections: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "evaluate-detections",
            abstract: "Event-level precision, recall and F1 per species of detections against call labels.",
            discussion: """
                A detection matches an annotated call of the same species in the same recording when \
                their time intervals overlap with IoU ≥ --iou; each call is matched at most once, \
                most confident detections first. Labels are Raven selection tables, Audacity label \
                files or annotation CSVs, named after their recordings.

                Examples:
                  frogscan evaluate-detections --detections out/detections.csv --labels labels/
                  frogscan evaluate-detections --detections d.csv --labels labels/ --recordings recordings/ --iou 0.5 --out eval/
                """)

        @Option(help: "detections.csv written by frogscan detect.")
        var detections: String

        @Option(help: "Label file or folder of label files.")
        var labels: String

        @Option(help: "Folder of the recordings that were scanned (default: the common folder of the detected files).")
        var recordings: String?

        @Option(help: "Minimum intersection over union for a match.")
        var iou: Double = 0.3

        @Option(name: [.customShort("o"), .customLong("out")], help: "Folder for event_metrics.csv (default: beside the detections file).")
        var out: String?

        func validate() throws {
            guard iou > 0 && iou <= 1 else { throw ValidationError("--iou must be in (0, 1], got \(iou)") }
        }

        func run() throws {
            let detectionsURL = URL(fileURLWithPath: detections)
            let report = try DetectionEvaluation.evaluate(
                detectionsCSV: detectionsURL, labels: labels, recordings: recordings, minimumIoU: iou)
            let text = DetectionEvaluation.csv(report.result)
            let folder = out.map { URL(fileURLWithPath: $0) } ?? detectionsURL.deletingLastPathComponent()
            let url = folder.appendingPathComponent("event_metrics.csv")
            try AtomicFile.write(text, to: url)
            print("\(report.detections.count) detection(s) against \(report.truth.count) labelled call(s), IoU ≥ \(iou)"
                  + (report.unlabelledDetections > 0 ? "; \(report.unlabelledDetections) in unlabelled recordings left out" : ""))
            print(text, terminator: "")
            print("wrote \(url.path)")
        }
    }
}
