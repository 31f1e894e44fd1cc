import Foundation
import FrogTestSupport
import XCTest

/// Issue 20 item 2: `--model`, `--overlap`, `--min-confidence`, `--min-windows`, `--threads`
/// and `--channels` are declared once (ModelOptions, WindowOptions, ScanOptions) and checked
/// once, so every command that takes them accepts and refuses the same values with the same
/// message; choices are typed, so a bad one is a usage error listing the values.
final class SharedOptionsTests: XCTestCase {
    /// The commands with each option, with their other required arguments (the range checks
    /// run before any of them is read, so the paths need not exist).
    private let scanning: [[String]] = [
        ["detect", "in"],
        ["survey", "run", "root", "--db", "s.sqlite"],
    ]
    private let windowing: [[String]] = [
        ["detect", "in"],
        ["survey", "run", "root", "--db", "s.sqlite"],
        ["evaluate", "--recordings", "r", "--labels", "l"],
        ["calibrate", "--model", "m", "--background", "b", "--max-false-per-hour", "1", "--out", "o.safetensors"],
    ]

    func testOutOfRangeValuesAreRefusedAlikeEverywhere() throws {
        var cases: [(args: [String], message: String)] = []
        for command in windowing {
            cases.append((command + ["--overlap", "1"], "--overlap must be in [0, 1), got 1.0"))
            cases.append((command + ["--overlap=-0.1"], "--overlap must be in [0, 1), got -0.1"))
        }
        for command in scanning + [windowing[2]] {  // detect, survey run and evaluate take the rule's overrides
            cases.append((command + ["--min-confidence", "1.5"], "--min-confidence must be in [0, 1], got 1.5"))
            cases.append((command + ["--min-windows", "0"], "--min-windows must be at least 1, got 0"))
        }
        for command in scanning {
            cases.append((command + ["--threads", "0"], "--threads must be at least 1, got 0"))
        }
        cases.append((windowing[3] + ["--min-windows", "0"], "--min-windows must be at least 1, got 0"))
        cases.append((
            windowing[2] + ["--target-precision", "0.9", "--min-confidence", "0.5"],
            "give --target-precision (thresholds chosen on this data) or --min-confidence (one threshold), not both"))
        for (args, message) in cases {
            let result = try CLI.run(args)
            XCTAssertEqual(result.status, 1, "\(args): \(result.stderr)")
            XCTAssertTrue(result.stderr.contains(message), "\(args): expected '\(message)' in\n\(result.stderr)")
        }
    }

    /// Closed choices list their values when a bad one is given; open ones name the option.
    func testBadChoicesNameTheOptionAndListTheValues() throws {
        let evaluate = ["evaluate", "--recordings", "r", "--labels", "l"]
        for (args, mentions) in [
            (evaluate + ["--pooling", "median"], ["'median'", "--pooling", "'mean' and 'max'"]),
            (evaluate + ["--split", "dev"], ["'dev'", "--split", "'train', 'validation' or 'test'"]),
            (["detect", "in", "--format", "csv,excel"], ["'csv,excel'", "--format", "'csv', 'raven' or 'audacity'"]),
            (["detect", "in", "--channels", "0"], ["'0'", "--channels"]),
            (["survey", "run", "root", "--db", "s.sqlite", "--channels", "left"], ["'left'", "--channels"]),
            (["spectrogram", "x.wav", "-o", "x.png", "--colormap", "jet"], ["'jet'", "--colormap", "'magma' and 'viridis'"]),
            (["spectrogram", "x.wav", "-o", "x.png", "--channel=-1"], ["'-1'", "--channel"]),
        ] {
            let result = try CLI.run(args)
            XCTAssertEqual(result.status, 1, "\(args): \(result.stderr)")
            for text in mentions {
                XCTAssertTrue(result.stderr.contains(text), "\(args): expected \(text) in\n\(result.stderr)")
            }
        }
    }

    /// `evaluate` now follows the default-model rule of `detect` and `survey run` instead of
    /// requiring --model; with no model anywhere the error names both places it looked.
    func testEvaluateWithoutModelUsesTheDefaultRule() throws {
        let folder = SharedData.temporaryDirectory("evaluate-default-model")
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CLI.run(["evaluate", "--recordings", "r", "--labels", "l"], in: folder)
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertTrue(result.stderr.contains("runs/*/model.safetensors"), result.stderr)
        XCTAssertTrue(result.stderr.contains("models/default.safetensors"), result.stderr)
        XCTAssertFalse(result.stderr.contains("--model is required"), result.stderr)
    }

    /// `survey run --channels` (the docs already named it as an analysis key; only detect took
    /// it): the analysis is keyed with the channel choice, and the detections are read from it.
    func testSurveyRunTakesChannels() throws {
        let folder = SharedData.temporaryDirectory("survey-channels")
        defer { try? FileManager.default.removeItem(at: folder) }
        let cards = folder.appendingPathComponent("cards").path
        let synth = try CLI.run([
            "synth", "--out", cards, "--survey-tree", "--sites", "north", "--nights", "1", "--start", "2024-10-01",
            "--seconds", "6",
        ])
        XCTAssertEqual(synth.status, 0, synth.stderr)
        let model = SharedData.repositoryRoot.appendingPathComponent("models/default.safetensors").path
        let db = folder.appendingPathComponent("s.sqlite").path
        let run = try CLI.run(["survey", "run", cards, "--db", db, "--model", model, "--channels", "1"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let out = folder.appendingPathComponent("report")
        let report = try CLI.run(["survey", "report", "--db", db, "--out", out.path])
        XCTAssertEqual(report.status, 0, report.stderr)
        let summary = try String(contentsOf: out.appendingPathComponent("nightly_summary.csv"), encoding: .utf8)
        XCTAssertTrue(summary.contains("@channels=1"), summary)
    }
}
