import Foundation
import FrogAudio
import FrogTestSupport
import XCTest

/// `frogscan evaluate --background` and `frogscan calibrate` end to end with the bundled model:
/// presence figures in the report, and a calibrated model that keeps its budget on the
/// calibration audio when `detect` runs it.
final class CalibrateCommandTests: XCTestCase {
    private var folder: URL!
    private var frogFree: URL { folder.appendingPathComponent("frog-free") }
    private var model: String { SharedData.repositoryRoot.appendingPathComponent("models/default.safetensors").path }

    override func setUpWithError() throws {
        folder = SharedData.temporaryDirectory("calibrate-cli")
        try FileManager.default.createDirectory(at: frogFree, withIntermediateDirectories: true)
        // Frog-free audio that still tempts a frog model: hiss plus short chirps across the
        // species' bands (1–5 kHz), 20 s each.
        var state: UInt64 = 0x1234_5678_9ABC_DEF1
        for file in 0..<3 {
            let rate = 22_050
            var samples = (0..<(20 * rate)).map { _ -> Float in
                state ^= state << 13
                state ^= state >> 7
                state ^= state << 17
                return (Float(state % 10_000) / 10_000 - 0.5) * 0.02
            }
            for chirp in 0..<30 {
                let hz = 1_000 + Double((chirp * 7 + file * 3) % 40) * 100
                let start = chirp * rate * 2 / 3
                for i in 0..<(rate / 8) where start + i < samples.count {
                    samples[start + i] += Float(0.2 * sin(2 * Double.pi * hz * Double(i) / Double(rate)))
                }
            }
            try AudioWriter.write([samples], sampleRate: rate, to: frogFree.appendingPathComponent("empty_\(file).wav").path)
        }
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    func testEvaluateReportsPresenceWithFrogFreeAudio() throws {
        let root = SharedData.repositoryRoot
        let out = folder.appendingPathComponent("eval")
        let result = try CLI.run([
            "evaluate", "--model", model, "--recordings", root.appendingPathComponent("recordings").path,
            "--labels", root.appendingPathComponent("labels").path, "--background", frogFree.path, "--out", out.path,
        ])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("presence:  macro-F1"), result.stdout)
        let json = try String(contentsOf: out.appendingPathComponent("metrics.json"), encoding: .utf8)
        XCTAssertTrue(json.contains("\"presence\": {"), json)
        XCTAssertTrue(json.contains("\"frog_free_files\": 3"), json)
        let files = try String(contentsOf: out.appendingPathComponent("presence_files.csv"), encoding: .utf8)
        XCTAssertEqual(files.split(separator: "\n").filter { $0.contains("frog-free/empty_") }.count, 3, files)
    }

    /// `--min-confidence` / `--min-windows` replace the model's rule in evaluate as in detect:
    /// a threshold of 1 leaves no detection, a threshold of 0 with one window marks every file.
    func testEvaluateMeasuresARuleOverride() throws {
        let root = SharedData.repositoryRoot
        func presence(_ rule: [String]) throws -> String {
            let out = folder.appendingPathComponent("eval-\(rule.joined())")
            let result = try CLI.run([
                "evaluate", "--model", model, "--recordings", root.appendingPathComponent("recordings").path,
                "--labels", root.appendingPathComponent("labels").path, "--background", frogFree.path, "--out", out.path,
            ] + rule)
            XCTAssertEqual(result.status, 0, result.stderr)
            return try String(contentsOf: out.appendingPathComponent("metrics.json"), encoding: .utf8)
        }
        let strict = try presence(["--min-confidence", "1", "--min-windows", "3"])
        XCTAssertTrue(strict.contains("\"false_detections\": 0,"), strict)
        XCTAssertTrue(strict.contains("\"min_windows\": 3"), strict)
        let loose = try presence(["--min-confidence", "0", "--min-windows", "1"])
        XCTAssertTrue(loose.contains("\"frog_free_files_with_detection\": 3,"), loose)
    }

    func testCalibratedModelKeepsAZeroBudgetOnItsCalibrationAudio() throws {
        let calibrated = folder.appendingPathComponent("calibrated.safetensors").path
        let result = try CLI.run([
            "calibrate", "--model", model, "--background", frogFree.path, "--max-false-per-hour", "0", "--min-windows", "2",
            "--out", calibrated,
        ])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("threshold before → after"), result.stdout)
        XCTAssertTrue(result.stdout.contains("at least 2 positive windows"), result.stdout)
        let detect = try CLI.run(["detect", frogFree.path, "--model", calibrated, "--out", folder.appendingPathComponent("det").path])
        XCTAssertEqual(detect.status, 0, detect.stderr)
        let rows = try String(contentsOf: folder.appendingPathComponent("det/detections.csv"), encoding: .utf8)
            .split(separator: "\n").dropFirst()
        XCTAssertEqual(rows.count, 0, "a budget of 0 leaves no detection on the calibration files: \(rows)")

        let same = try CLI.run(["calibrate", "--model", model, "--background", frogFree.path, "--max-false-per-hour", "5", "--out", model])
        XCTAssertEqual(same.status, 1)
        XCTAssertTrue(same.stderr.contains("--out must be a new file"), same.stderr)
        let missing = try CLI.run(["calibrate", "--model", model, "--max-false-per-hour", "5", "--out", calibrated])
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.stderr.contains("--background is required"), missing.stderr)
    }

    /// An ensemble folder is calibrated as one model: a new folder lists the same members with
    /// the calibrated thresholds and rule, and detect with it keeps the budget.
    func testCalibratingAnEnsembleFolderWritesANewFolder() throws {
        let ensemble = folder.appendingPathComponent("ensemble")
        try FileManager.default.createDirectory(at: ensemble, withIntermediateDirectories: true)
        for name in ["a", "b"] {
            try FileManager.default.copyItem(atPath: model, toPath: ensemble.appendingPathComponent("\(name).safetensors").path)
        }
        try "\(ensemble.path)/a.safetensors\n\(ensemble.path)/b.safetensors\n"
            .write(to: ensemble.appendingPathComponent("models.txt"), atomically: true, encoding: .utf8)
        let calibrated = folder.appendingPathComponent("site-A")
        let result = try CLI.run([
            "calibrate", "--model", ensemble.path, "--background", frogFree.path, "--max-false-per-hour", "0", "--min-windows", "2",
            "--out", calibrated.path,
        ])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("an ensemble of 2 models"), result.stdout)
        let thresholds = try String(contentsOf: calibrated.appendingPathComponent("thresholds.csv"), encoding: .utf8)
        XCTAssertTrue(thresholds.contains(",calibrated"), thresholds)
        let decision = try String(contentsOf: calibrated.appendingPathComponent("decision.json"), encoding: .utf8)
        XCTAssertTrue(decision.contains("\"min_windows\" : 2"), decision)
        XCTAssertTrue(decision.contains("\"max_false_per_hour\" : 0"), decision)
        let detect = try CLI.run(["detect", frogFree.path, "--model", calibrated.path, "--out", folder.appendingPathComponent("det").path])
        XCTAssertEqual(detect.status, 0, detect.stderr)
        let rows = try String(contentsOf: folder.appendingPathComponent("det/detections.csv"), encoding: .utf8)
            .split(separator: "\n").dropFirst()
        XCTAssertEqual(rows.count, 0, "a budget of 0 leaves no detection on the calibration files: \(rows)")
        // Two copies of one model score as that model, so the ensemble's calibration table is the
        // single model's, line for line.
        let single = try CLI.run([
            "calibrate", "--model", model, "--background", frogFree.path, "--max-false-per-hour", "0", "--min-windows", "2",
            "--out", folder.appendingPathComponent("single.safetensors").path,
        ])
        XCTAssertEqual(single.status, 0, single.stderr)
        func table(_ text: String) -> [Substring] { text.split(separator: "\n").filter { $0.contains("→") || $0.contains("calibration audio") } }
        XCTAssertEqual(table(result.stdout), table(single.stdout))
        XCTAssertGreaterThan(table(result.stdout).count, 2)
        let again = try CLI.run([
            "calibrate", "--model", ensemble.path, "--background", frogFree.path, "--max-false-per-hour", "0", "--out", calibrated.path,
        ])
        XCTAssertEqual(again.status, 1)
        XCTAssertTrue(again.stderr.contains("not empty"), again.stderr)
        let file = folder.appendingPathComponent("site-B.safetensors")
        try Data("x".utf8).write(to: file)
        let onFile = try CLI.run([
            "calibrate", "--model", ensemble.path, "--background", frogFree.path, "--max-false-per-hour", "0", "--out", file.path,
        ])
        XCTAssertEqual(onFile.status, 1)
        XCTAssertTrue(onFile.stderr.contains("--out must be a new folder"), onFile.stderr)
    }
}
