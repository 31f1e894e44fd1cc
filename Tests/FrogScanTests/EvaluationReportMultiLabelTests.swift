import FrogEvaluate
import FrogTestSupport
import XCTest

final class EvaluationReportMultiLabelTests: XCTestCase {
    func testMultiLabelReportFiles() throws {
        // Window 3 is predicted [c0, c1] but only c1 calls → one false positive for c0.
        let report = MultiLabelEvaluationReport(
            classes: ["c0", "c1"],
            presence: [[true, false], [false, false], [true, true], [false, true]],
            scores: [[0.9, 0.1], [0.2, 0.3], [0.6, 0.8], [0.55, 0.7]],
            recordings: ["a", "a", "b", "b"], thresholds: [0.5, 0.5], pooling: .mean)
        XCTAssertEqual(report.window.subsetAccuracy, 0.75)
        // Class 0: tp 2, fp 1, fn 0 → P ⅔, R 1, F1 = 4/5.
        XCTAssertEqual(report.window.perClass[0].f1, 0.8, accuracy: 1e-12)  // exact fraction
        // Recordings: a = mean [0.55, 0.2] vs {c0}; b = [0.575, 0.75] vs {c0, c1}: both right.
        XCTAssertEqual(report.recording?.subsetAccuracy, 1)

        let folder = SharedData.temporaryDirectory("mlreport")
        defer { try? FileManager.default.removeItem(at: folder) }
        try report.write(to: folder)
        let confusion = try String(contentsOf: folder.appendingPathComponent("per_class_confusion.csv"), encoding: .utf8)
        XCTAssertEqual(confusion, "species,tp,fp,fn,tn\nc0,2,1,0,1\nc1,2,0,0,2\n")
        let csv = try String(contentsOf: folder.appendingPathComponent("per_species_metrics.csv"), encoding: .utf8)
        XCTAssertTrue(csv.contains("\nc0,2,2,1,0,0.666667,1.000000,0.800000,"), csv)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("metrics.json"))) as! [String: Any]
        XCTAssertEqual(json["head"] as? String, "multi-label")
        XCTAssertEqual((json["window"] as! [String: Double])["accuracy"], 0.75)
        XCTAssertEqual((json["recording"] as! [String: Double])["accuracy"], 1)
    }
}
