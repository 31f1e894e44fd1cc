import Foundation
import FrogTestSupport
import XCTest

/// Runs the built `frogscan detect` / `evaluate-detections` and checks help, usage errors and
/// exit codes.
final class DetectCommandTests: XCTestCase {
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
