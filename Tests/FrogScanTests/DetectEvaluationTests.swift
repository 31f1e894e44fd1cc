import Foundation
import FrogData
import FrogDetect
import FrogEvaluate
import FrogTestSupport
import XCTest

final class DetectEvaluationTests: XCTestCase {
    private var folder: URL!
    override func setUp() { folder = SharedData.temporaryDirectory("detect-eval") }
    override func tearDown() { try? FileManager.default.removeItem(at: folder) }

    /// Recordings a.wav, b.wav, c.wav (only listed by the label loader, never decoded), labels
    /// for a and b, and detections in all three.
    private func fixture() throws -> (detections: URL, labels: URL, recordings: URL) {
        let recordings = folder.appendingPathComponent("rec")
        try FileManager.default.createDirectory(at: recordings, withIntermediateDirectories: true)
        for name in ["a.wav", "b.wav", "c.wav"] { try Data().write(to: recordings.appendingPathComponent(name)) }
        let labels = folder.appendingPathComponent("labels")
        try AudacityLabels.write([
            AudacityLabel(startSeconds: 1, endSeconds: 2, label: "crinia"),
            AudacityLabel(startSeconds: 5, endSeconds: 6, label: "crinia"),
            AudacityLabel(startSeconds: 8, endSeconds: 9, label: "litoria"),
        ], to: labels.appendingPathComponent("a.labels.txt").path)
        // b is labelled but has no calls: its detections are false alarms.
        try AudacityLabels.write([], to: labels.appendingPathComponent("b.labels.txt").path)
        func row(_ file: String, _ start: Double, _ end: Double, _ species: String, _ confidence: Float) -> DetectionRecord {
            DetectionRecord(detection: Detection(file: recordings.appendingPathComponent(file).path, start: start, end: end,
                                                 species: species, confidence: confidence, meanConfidence: confidence),
                            site: nil, startTime: nil, modelID: "m", threshold: 0.5, windowSeconds: 1, overlap: 0.5)
        }
        let detections = folder.appendingPathComponent("detections.csv")
        try DetectionsCSV.write([
            row("a.wav", 0.8, 2.1, "crinia", 0.9),   // IoU 1/1.3 ≈ 0.77 with 1–2: hit
            row("a.wav", 1.0, 2.0, "crinia", 0.6),   // the same call again: a duplicate, false alarm
            row("a.wav", 5.8, 7.5, "crinia", 0.8),   // IoU 0.2/2.5 = 0.08 with 5–6: false alarm
            row("a.wav", 8.0, 9.0, "crinia", 0.7),   // wrong species at litoria's call: false alarm
            row("b.wav", 3.0, 4.0, "litoria", 0.9),  // labelled recording without calls: false alarm
            row("c.wav", 3.0, 4.0, "litoria", 0.9),  // unlabelled recording: left out
        ], to: detections)
        return (detections, labels, recordings)
    }

    func testPerSpeciesEventCounts() throws {
        let (detections, labels, recordings) = try fixture()
        let report = try DetectionEvaluation.evaluate(detectionsCSV: detections, labels: labels.path, recordings: recordings.path)
        XCTAssertEqual(report.unlabelledDetections, 1)
        XCTAssertEqual(report.detections.count, 5)
        let crinia = try XCTUnwrap(report.result.perSpecies["crinia"])
        XCTAssertEqual([crinia.truePositives, crinia.falsePositives, crinia.falseNegatives], [1, 3, 1])
        let litoria = try XCTUnwrap(report.result.perSpecies["litoria"])
        XCTAssertEqual([litoria.truePositives, litoria.falsePositives, litoria.falseNegatives], [0, 1, 1])
        let csv = DetectionEvaluation.csv(report.result)
        XCTAssertTrue(csv.hasPrefix("species,true_positives,false_positives,false_negatives,precision,recall,f1\n"), csv)
        // crinia: P = 1/4, R = 1/2, F1 = 2·0.25·0.5/0.75 = 1/3.
        XCTAssertTrue(csv.contains("crinia,1,3,1,0.2500,0.5000,0.3333\n"), csv)
        XCTAssertTrue(csv.contains("\nmicro,,,,0.2000,0.3333,"), csv)
    }

    func testIoUThresholdDecidesAMatch() throws {
        let (detections, labels, recordings) = try fixture()
        let loose = try DetectionEvaluation.evaluate(
            detectionsCSV: detections, labels: labels.path, recordings: recordings.path, minimumIoU: 0.05)
        // At IoU ≥ 0.05 the 5.8–7.5 detection also finds its call.
        XCTAssertEqual(loose.result.perSpecies["crinia"]?.truePositives, 2)
        let strict = try DetectionEvaluation.evaluate(
            detectionsCSV: detections, labels: labels.path, recordings: recordings.path, minimumIoU: 0.99)
        // Only the exact 1–2 duplicate matches at 0.99 (it now takes the call instead).
        XCTAssertEqual(strict.result.perSpecies["crinia"]?.truePositives, 1)
    }
}
