import Foundation
import FrogCore
import FrogData
import FrogDetect
import FrogEvaluate
import FrogTestSupport
import XCTest

final class DetectRunTests: XCTestCase {
    private var folder: URL!
    private var recordings: URL { folder.appendingPathComponent("cards") }

    override func setUpWithError() throws {
        folder = SharedData.temporaryDirectory("detect-run")
        // Two sites whose AudioMoth files share a name, and a Song Meter file at the top.
        let files: [(String, [SyntheticRecording.Call])] = [
            ("siteA/20240315_193000.WAV", [.init(hz: 700, start: 1, end: 2), .init(hz: 3500, start: 3, end: 4)]),
            ("siteB/20240315_193000.WAV", [.init(hz: 3500, start: 0.5, end: 1.5)]),
            ("SM4_20240316_010203.wav", []),
            ("siteB/deeper/late.flac", [.init(hz: 700, start: 2, end: 4)]),
        ]
        for (name, calls) in files {
            let url = recordings.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try SyntheticRecording.write(to: url.path, seconds: 5, calls: calls,
                                         format: name.hasSuffix(".flac") ? .flac : .wav16)
        }
    }

    override func tearDown() { try? FileManager.default.removeItem(at: folder) }

    private func run(out: String, threads: Int = 1, resume: Bool = false) throws -> DetectionRun.Result {
        let options = DetectionRun.Options(
            inputs: [recordings.path], outputFolder: folder.appendingPathComponent(out),
            threads: threads, resume: resume, combined: true)
        return try DetectionRun(options: options, makeClassifier: { BandEnergyClassifier() }).run()
    }

    private func text(_ out: String, _ file: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent(out).appendingPathComponent(file), encoding: .utf8)
    }

    func testOutputsParseBackToTheSameEvents() throws {
        let result = try run(out: "out")
        XCTAssertEqual(result.outcomes.count, 4)
        XCTAssertTrue(result.failures.isEmpty)
        let records = try DetectionsCSV.read(result.layout.detectionsCSV)
        XCTAssertEqual(records.map(\.detection.species), ["low", "high", "high", "low"], "path order, then time")
        XCTAssertEqual(records.first?.site, "siteA")
        XCTAssertTrue(records.first?.startTime?.hasPrefix("2024-03-15T19:30:0") == true, "\(records)")
        XCTAssertEqual(records.first?.modelID, "band-energy-test")

        for outcome in result.outcomes {
            let raven = try RavenTable.readSelections(path: result.layout.ravenTable(for: outcome.file).path)
            let labels = try AudacityLabels.readLabels(path: result.layout.audacityLabels(for: outcome.file).path)
            XCTAssertEqual(raven.count, outcome.records.count)
            XCTAssertEqual(labels.count, outcome.records.count)
            for ((row, label), record) in zip(zip(raven, labels), outcome.records) {
                let d = record.detection
                // Raven and Audacity files hold 6 decimals: equal to the microsecond.
                XCTAssertEqual(row.selection.beginSeconds, d.start, accuracy: 1e-6)
                XCTAssertEqual(row.selection.endSeconds, d.end, accuracy: 1e-6)
                XCTAssertEqual(row.selection.values["Species"], d.species)
                XCTAssertEqual(row.selection.values["Begin Path"], d.file)
                XCTAssertEqual(row.selection.lowHz, d.species == "low" ? 500 : 3000)
                XCTAssertEqual(label.label.label, d.species)
                XCTAssertEqual(label.label.startSeconds, d.start, accuracy: 1e-6)
                XCTAssertEqual(label.label.endSeconds, d.end, accuracy: 1e-6)
            }
        }
        // Same-named recordings at two sites get separate tables.
        XCTAssertNotEqual(result.layout.ravenTable(for: result.outcomes[1].file),
                          result.layout.ravenTable(for: result.outcomes[2].file))

        // Combined table: times run on over the files in path order (each 5 s long).
        let combined = try RavenTable.readSelections(path: result.layout.combinedRavenTable.path)
        XCTAssertEqual(combined.count, records.count)
        var offset = 0.0
        var expected: [Double] = []
        for outcome in result.outcomes {
            expected += outcome.records.map { offset + $0.detection.start }
            offset += outcome.durationSeconds
        }
        // 6-decimal table values.
        assertClose(combined.map { Float($0.selection.beginSeconds) }, expected.map(Float.init), atol: 1e-5)
        XCTAssertEqual(combined.map(\.selection.selection), Array(1...records.count))

        let summary = try text("out", "summary.csv").split(separator: "\n")
        XCTAssertEqual(summary.first, "file,status,duration_s,detections,detection_s,low_detections,low_s,high_detections,high_s")
        XCTAssertEqual(summary.count, 5)
        XCTAssertEqual(try text("out", "errors.csv"), "file,error\n")
    }

    func testBrokenFilesAreListedAndTheRunGoesOn() throws {
        let broken = recordings.appendingPathComponent("broken")
        try FileManager.default.createDirectory(at: broken, withIntermediateDirectories: true)
        try Data().write(to: broken.appendingPathComponent("empty.wav"))
        try Data("these are field notes, not audio\n".utf8).write(to: broken.appendingPathComponent("notes.wav"))
        // A real WAV header cut off in the middle of its data chunk description.
        let good = try Data(contentsOf: recordings.appendingPathComponent("siteA/20240315_193000.WAV"))
        try good.prefix(30).write(to: broken.appendingPathComponent("truncated.WAV"))

        XCTAssertThrowsError(try run(out: "out")) { error in
            XCTAssertEqual((error as? PartialFailure)?.failed, 3, "\(error)")
        }
        let errors = try ErrorsCSV.read(folder.appendingPathComponent("out/errors.csv"))
        XCTAssertEqual(errors.map { URL(fileURLWithPath: $0.file).lastPathComponent }, ["empty.wav", "notes.wav", "truncated.WAV"])
        for failure in errors { XCTAssertTrue(failure.error.contains(failure.file), failure.error) }
        let summary = try text("out", "summary.csv")
        XCTAssertEqual(summary.components(separatedBy: ",ok,").count - 1, 4, "every good file processed:\n\(summary)")
        XCTAssertEqual(summary.components(separatedBy: ",failed,").count - 1, 3)
        let records = try DetectionsCSV.read(folder.appendingPathComponent("out/detections.csv"))
        XCTAssertEqual(records.count, 4)
    }

    func testThreadCountDoesNotChangeOutputs() throws {
        _ = try run(out: "one", threads: 1)
        _ = try run(out: "two", threads: 2)
        for file in ["detections.csv", "summary.csv", "combined.selections.txt", "siteB/deeper/late.selections.txt"] {
            XCTAssertEqual(try text("one", file), try text("two", file), file)
        }
    }

    func testResumeAfterInterruptionGivesTheSameOutputs() throws {
        _ = try run(out: "out")
        let names = ["detections.csv", "summary.csv", "combined.selections.txt", "siteA/20240315_193000.selections.txt",
                     "siteB/deeper/late.labels.txt"]
        let complete = try names.map { try text("out", $0) }
        let out = folder.appendingPathComponent("out")
        // An interrupted run: one recording never finished (no marker), one finished its marker
        // but lost a table, and the folder files were never written.
        try FileManager.default.removeItem(at: out.appendingPathComponent(".frogscan/siteA/20240315_193000.done.json"))
        try FileManager.default.removeItem(at: out.appendingPathComponent("siteB/deeper/late.labels.txt"))
        for name in ["detections.csv", "summary.csv", "combined.selections.txt"] {
            try FileManager.default.removeItem(at: out.appendingPathComponent(name))
        }
        let resumed = try run(out: "out", resume: true)
        XCTAssertEqual(resumed.resumed, 2, "only the two intact recordings are reused")
        XCTAssertEqual(try names.map { try text("out", $0) }, complete)

        // Different settings never reuse old outputs.
        let options = DetectionRun.Options(
            inputs: [recordings.path], outputFolder: out, settings: DetectionSettings(overlap: 0.75), resume: true)
        XCTAssertEqual(try DetectionRun(options: options, makeClassifier: { BandEnergyClassifier() }).run().resumed, 0)
    }
}

extension DetectRunTests {
    func testEvaluateDetectionsAgainstLabels() throws {
        let result = try run(out: "out")
        let labels = folder.appendingPathComponent("labels")
        // late.flac: its 2–4 s call is labelled (and detected at 1.79–4.10 s, IoU ≈ 0.87).
        try AudacityLabels.write([AudacityLabel(startSeconds: 2, endSeconds: 4, label: "low")],
                                 to: labels.appendingPathComponent("late.labels.txt").path)
        // The Song Meter file: a call the recording does not contain, so a miss.
        try AudacityLabels.write([AudacityLabel(startSeconds: 1, endSeconds: 2, label: "high")],
                                 to: labels.appendingPathComponent("SM4_20240316_010203.labels.txt").path)
        let report = try DetectionEvaluation.evaluate(
            detectionsCSV: result.layout.detectionsCSV, labels: labels.path, recordings: recordings.path)
        XCTAssertEqual(report.detections.count, 1, "only late.flac's detection is in a labelled recording")
        XCTAssertEqual(report.unlabelledDetections, 3)
        let low = try XCTUnwrap(report.result.perSpecies["low"])
        XCTAssertEqual([low.truePositives, low.falsePositives, low.falseNegatives], [1, 0, 0])
        let high = try XCTUnwrap(report.result.perSpecies["high"])
        XCTAssertEqual([high.truePositives, high.falsePositives, high.falseNegatives], [0, 0, 1])
        let csv = DetectionEvaluation.csv(report.result)
        XCTAssertTrue(csv.hasPrefix("species,true_positives,false_positives,false_negatives,precision,recall,f1\n"), csv)
        XCTAssertTrue(csv.contains("low,1,0,0,1.0000,1.0000,1.0000\n"), csv)
        XCTAssertTrue(csv.contains("\nmicro,"), csv)
        // A stricter IoU than the overlap turns the hit into a miss and a false alarm.
        let strict = try DetectionEvaluation.evaluate(
            detectionsCSV: result.layout.detectionsCSV, labels: labels.path, recordings: recordings.path, minimumIoU: 0.95)
        XCTAssertEqual(strict.result.perSpecies["low"]?.truePositives, 0)
    }
}
