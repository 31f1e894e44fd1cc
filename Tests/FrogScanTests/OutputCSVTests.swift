import Foundation
import FrogDetect
import FrogTestSupport
import XCTest

final class OutputCSVTests: XCTestCase {
    func testDetectionsRoundTripIncludingQuotedFields() throws {
        let folder = SharedData.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let records = [
            DetectionRecord(
                detection: Detection(file: "site, \"A\"/x.wav", channel: 2, start: 1.25, end: 2.5, species: "Litoria fallax",
                                     confidence: 0.875, meanConfidence: 0.75),
                site: "site, \"A\"", startTime: "2024-03-15T19:30:01.250", modelID: "abc123", threshold: 0.5,
                windowSeconds: 1.4861, overlap: 0.5),
            DetectionRecord(
                detection: Detection(file: "b.wav", start: 0, end: 1, species: "other", confidence: 1, meanConfidence: 1),
                site: nil, startTime: nil, modelID: "abc123", threshold: 0.25, windowSeconds: 1, overlap: 0),
        ]
        let url = folder.appendingPathComponent("detections.csv")
        try DetectionsCSV.write(records, to: url)
        let text = try String(contentsOf: url, encoding: .utf8)
        XCTAssertTrue(text.hasPrefix("file,start_s,end_s,species,confidence,mean_confidence,channel,site,start_time,model_id,threshold,window_s,overlap\n"))
        XCTAssertEqual(try DetectionsCSV.read(url), records, "values chosen exactly representable in 4 decimals")
        // No temporary files are left beside the output.
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["detections.csv"])
    }

    func testMissingRequiredColumnNamesTheFile() throws {
        let folder = SharedData.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("d.csv")
        try "file,start_s,end_s,species\na.wav,0,1,x\n".write(to: url, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try DetectionsCSV.read(url)) { error in
            XCTAssertTrue("\(error)".contains("d.csv") && "\(error)".contains("confidence"), "\(error)")
        }
    }

    func testSummaryCountsPerSpeciesAndListsFailures() {
        func record(_ species: String, _ start: Double, _ end: Double) -> DetectionRecord {
            DetectionRecord(detection: Detection(file: "a.wav", start: start, end: end, species: species, confidence: 1,
                                                 meanConfidence: 1),
                            site: nil, startTime: nil, modelID: "m", threshold: 0.5, windowSeconds: 1, overlap: 0.5)
        }
        let outcome = RecordingOutcome(file: "a.wav", durationSeconds: 60, channels: 1,
                                       records: [record("x", 0, 1.5), record("x", 3, 4), record("y", 2, 2.25)])
        let text = SummaryCSV.text(outcomes: [outcome], failures: [RecordingFailure(file: "0.wav", error: "bad")],
                                   species: ["x", "y", "z"])
        XCTAssertEqual(text, """
            file,status,duration_s,detections,detection_s,x_detections,x_s,y_detections,y_s,z_detections,z_s
            0.wav,failed,,,,,,,,,
            a.wav,ok,60.0000,3,2.7500,2,2.5000,1,0.2500,0,0.0000

            """)
        XCTAssertEqual(ErrorsCSV.text([RecordingFailure(file: "b.wav", error: "x, y")]), "file,error\nb.wav,\"x, y\"\n")
    }
}
