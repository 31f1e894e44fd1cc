import FrogEvaluate
import FrogImage
import FrogTestSupport
import XCTest

final class EvaluationReportTests: XCTestCase {
    let classes = ["Litoria fallax", "Crinia signifera", "other, frog"]
    // Six windows from three recordings. Window predictions (argmax): 0, 0, 1, 1, 2, 1.
    let truth = [0, 0, 1, 1, 2, 2]
    let scores: [[Float]] = [
        [0.7, 0.2, 0.1], [0.5, 0.4, 0.1], [0.3, 0.6, 0.1],
        [0.2, 0.7, 0.1], [0.1, 0.2, 0.7], [0.1, 0.5, 0.4],
    ]
    let recordings = ["r1", "r1", "r2", "r2", "r3", "r3"]

    func makeReport() -> EvaluationReport {
        EvaluationReport(classes: classes, truth: truth, scores: scores, recordings: recordings,
                         thresholds: [0.5, 0.25, 0.4], pooling: .mean)
    }

    func testWritesEveryFileWithExpectedContent() throws {
        let folder = SharedData.temporaryDirectory("report").appendingPathComponent("validation")
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let report = makeReport()
        try report.write(to: folder)
        for name in EvaluationReport.fileNames {
            XCTAssertTrue(FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path), name)
        }

        let csv = try String(contentsOf: folder.appendingPathComponent("per_species_metrics.csv"), encoding: .utf8)
        let lines = csv.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines[0], "species,support,tp,fp,fn,precision,recall,f1,ap,auroc,threshold")
        XCTAssertEqual(lines.count, 1 + 3 + 3)
        // Class 1: tp 2 (windows 2, 3), fp 1 (window 5), fn 0 → P ⅔, R 1, F1 0.8. Its scores
        // 0.6, 0.7 (positives) rank above every negative except 0.5, so AP = ½·1 + ½·1 = 1.
        XCTAssertEqual(lines[2], "Crinia signifera,2,2,1,0,0.666667,1.000000,0.800000,1.000000,1.000000,0.250000")
        // Names with commas are quoted.
        XCTAssertTrue(lines[3].hasPrefix("\"other, frog\",2,1,0,1,1.000000,0.500000,0.666667,"))
        XCTAssertTrue(lines[5].hasPrefix("micro,6,5,1,1,0.833333,0.833333,0.833333,,,"), lines[5])

        let confusion = try String(contentsOf: folder.appendingPathComponent("confusion_matrix.csv"), encoding: .utf8)
        XCTAssertEqual(confusion, "true_label,Litoria fallax,Crinia signifera,\"other, frog\"\nLitoria fallax,2,0,0\nCrinia signifera,0,2,0\n\"other, frog\",0,1,1\n")
        let normalized = try String(contentsOf: folder.appendingPathComponent("confusion_normalized.csv"), encoding: .utf8)
        XCTAssertTrue(normalized.contains("\"other, frog\",0.000000,0.500000,0.500000"))

        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("metrics.json"))) as! [String: Any]
        let window = json["window"] as! [String: Double]
        XCTAssertEqual(Set(window.keys), ["accuracy", "macro_f1", "micro_f1", "weighted_f1", "macro_ap"])
        XCTAssertEqual(window["accuracy"]!, 5.0 / 6, accuracy: 1e-6)  // six decimals in the file
        // Recording level (mean-pooled): r1 → class 0, r2 → class 1, r3 → [0.1, 0.35, 0.55] → 2.
        let recording = json["recording"] as! [String: Double]
        XCTAssertEqual(recording["accuracy"], 1)
        XCTAssertEqual(recording["macro_f1"], 1)

        let image = try PNGDecoder.read(folder.appendingPathComponent("confusion.png").path)
        XCTAssertEqual(image, report.confusionImage())
    }

    func testOutputIsDeterministic() throws {
        let base = SharedData.temporaryDirectory("report")
        defer { try? FileManager.default.removeItem(at: base) }
        try makeReport().write(to: base.appendingPathComponent("a"))
        try makeReport().write(to: base.appendingPathComponent("b"))
        for name in EvaluationReport.fileNames {
            let a = try Data(contentsOf: base.appendingPathComponent("a/\(name)"))
            let b = try Data(contentsOf: base.appendingPathComponent("b/\(name)"))
            XCTAssertEqual(a, b, name)
        }
    }

    func testThresholdsDefaultToMaxF1AndSummaryListsSpecies() {
        let report = EvaluationReport(classes: classes, truth: truth, scores: scores)
        XCTAssertNil(report.recording)
        // Class 0 scores descending: 0.7 ✓, 0.5 ✓, 0.3 … — 0.5 takes both positives alone (F1 1).
        XCTAssertEqual(report.thresholds[0], 0.5)
        let table = report.summaryTable()
        for name in classes { XCTAssertTrue(table.contains(name), name) }
        XCTAssertTrue(table.contains("macro avg"))
        XCTAssertTrue(report.metricsJSON().contains("\"recording\": null"))
    }

    func testUnwritableFolderNamesPath() {
        let path = URL(fileURLWithPath: "/proc/frogscan-cannot-write-here")
        XCTAssertThrowsError(try makeReport().write(to: path)) { error in
            XCTAssertTrue("\(error)".contains(path.path), "\(error)")
        }
    }
}

final class BackgroundMacroTests: XCTestCase {
    /// A weakly labelled recording predicted as `noise` is a miss for its species; `noise` is not
    /// a species, so it is listed per class but left out of the macro average.
    func testBackgroundClassIsLeftOutOfTheMacroAverage() {
        let classes = ["A", "B", "noise"]
        // Recordings r1 (A), r2 (B), r3 (B): r3's windows lean to noise.
        let truth = [0, 0, 1, 1, 1, 1]
        let scores: [[Float]] = [
            [0.8, 0.1, 0.1], [0.7, 0.2, 0.1], [0.1, 0.8, 0.1],
            [0.2, 0.7, 0.1], [0.1, 0.3, 0.6], [0.1, 0.2, 0.7],
        ]
        let recordings = ["r1", "r1", "r2", "r2", "r3", "r3"]
        let plain = EvaluationReport(classes: classes, truth: truth, scores: scores, recordings: recordings, thresholds: [0.5, 0.5, 0.5])
        let species = EvaluationReport(
            classes: classes, truth: truth, scores: scores, recordings: recordings, thresholds: [0.5, 0.5, 0.5],
            backgroundClasses: ["noise"])
        // Recording level: A F1 1, B recall ½ → F1 ⅔, noise predicted once, never true → F1 0.
        XCTAssertEqual(plain.recording!.macro.f1, (1 + 2.0 / 3 + 0) / 3, accuracy: 1e-9)
        XCTAssertEqual(species.recording!.macro.f1, (1 + 2.0 / 3) / 2, accuracy: 1e-9)
        // The per-class rows and the accuracy do not change.
        XCTAssertEqual(plain.recording!.perClass, species.recording!.perClass)
        XCTAssertEqual(species.recording!.accuracy, 2.0 / 3, accuracy: 1e-9)
        // Window level likewise: A 1, B tp 2 fn 2 → ⅔; noise fp 2 → 0.
        XCTAssertEqual(species.window.macro.f1, (1 + 2.0 / 3) / 2, accuracy: 1e-9)
        XCTAssertEqual(plain.window.macro.f1, (1 + 2.0 / 3) / 3, accuracy: 1e-9)
    }

    /// Only background classes present: the macro falls back to them rather than to 0.
    func testOnlyBackgroundPresentFallsBack() {
        let metrics = ClassificationMetrics(classCount: 2, truth: [1, 1], scores: [[0.1, 0.9], [0.2, 0.8]], background: [1])
        XCTAssertEqual(metrics.macro.f1, 1, accuracy: 1e-9)
    }
}
