import Foundation
import FrogTestSupport
import XCTest

/// Runs the built `frogscan evaluate-detections` and checks help, usage errors and output.
final class DetectCommandTests: XCTestCase {
    func testEvaluateDetectionsHelpAndUsageErrors() throws {
        let help = try CLI.run(["evaluate-detections", "--help"])
        XCTAssertEqual(help.status, 0, help.stderr)
        XCTAssertTrue(help.stdout.contains("--iou") && help.stdout.contains("Examples:"), help.stdout)
        let bad = try CLI.run(["evaluate-detections", "--detections", "d.csv", "--labels", "l", "--iou", "0"])
        XCTAssertEqual(bad.status, 1, bad.stderr)
        XCTAssertTrue(bad.stderr.contains("--iou"), bad.stderr)
        let missing = try CLI.run(["evaluate-detections", "--detections", "/no/such/d.csv", "--labels", "l"])
        XCTAssertEqual(missing.status, 1, missing.stderr)
        XCTAssertTrue(missing.stderr.contains("/no/such/d.csv"), missing.stderr)
    }

    func testEvaluateDetectionsWritesMetrics() throws {
        let folder = SharedData.temporaryDirectory("evaluate-cli")
        defer { try? FileManager.default.removeItem(at: folder) }
        let recordings = folder.appendingPathComponent("rec")
        let labels = folder.appendingPathComponent("labels")
        try FileManager.default.createDirectory(at: recordings, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: labels, withIntermediateDirectories: true)
        try Data().write(to: recordings.appendingPathComponent("a.wav"))
        try "1.000000\t2.000000\tcrinia\n".write(to: labels.appendingPathComponent("a.labels.txt"), atomically: true, encoding: .utf8)
        let detections = folder.appendingPathComponent("detections.csv")
        try "file,start_s,end_s,species,confidence\n\(recordings.path)/a.wav,1.1,2.0,crinia,0.9\n"
            .write(to: detections, atomically: true, encoding: .utf8)
        let result = try CLI.run(["evaluate-detections", "--detections", detections.path, "--labels", labels.path,
                                  "--out", folder.appendingPathComponent("eval").path])
        XCTAssertEqual(result.status, 0, result.stderr)
        let csv = try String(contentsOf: folder.appendingPathComponent("eval/event_metrics.csv"), encoding: .utf8)
        XCTAssertTrue(csv.contains("crinia,1,0,0,1.0000,1.0000,1.0000\n"), csv)
    }
}

final class DetectRunCommandTests: XCTestCase {
    func testHelpShowsOptionsAndExamples() throws {
        let result = try CLI.run(["detect", "--help"])
        XCTAssertEqual(result.status, 0, result.stderr)
        for text in ["--min-confidence", "--overlap", "--channels", "--resume", "--snippets", "--combined",
                     "Examples:", "frogscan detect recordings/", "errors.csv"] {
            XCTAssertTrue(result.stdout.contains(text), "missing \(text) in:\n\(result.stdout)")
        }
        let evaluate = try CLI.run(["evaluate-detections", "--help"])
        XCTAssertEqual(evaluate.status, 0, evaluate.stderr)
        XCTAssertTrue(evaluate.stdout.contains("--iou"), evaluate.stdout)
    }

    func testBadOptionsAreUsageErrors() throws {
        for (args, mention) in [
            (["detect", "x", "--overlap", "1"], "--overlap"),
            (["detect", "x", "--channels", "left"], "--channels"),
            (["detect", "x", "--format", "csv,excel"], "excel"),
            (["detect", "x", "--timestamp-pattern", "{YYYY}"], "{MM} is missing"),
            (["evaluate-detections", "--detections", "d.csv", "--labels", "l", "--iou", "0"], "--iou"),
        ] {
            let result = try CLI.run(args)
            XCTAssertEqual(result.status, 1, "\(args): \(result.stderr)")
            XCTAssertTrue(result.stderr.contains(mention), "\(args): \(result.stderr)")
        }
    }

    func testMissingModelSaysWhereItLooked() throws {
        let folder = SharedData.temporaryDirectory("detect-cli")
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CLI.run(["detect", "."], in: folder)
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertTrue(result.stderr.contains("runs/*/model.safetensors"), result.stderr)
        XCTAssertTrue(result.stderr.contains("models/default.safetensors"), result.stderr)
    }
}
