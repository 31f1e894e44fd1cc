import Foundation
import FrogTestSupport
import XCTest

/// `frogscan survey` usage and configuration errors (exit code 1, message naming the problem).
final class SurveyCommandTests: XCTestCase {
    func testUnknownKeyInSurveySectionIsAConfigurationError() throws {
        let folder = SharedData.temporaryDirectory("survey-cli")
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = folder.appendingPathComponent("survey.yaml")
        try "survey:\n  site_dept: 2\n".write(to: config, atomically: true, encoding: .utf8)
        for args in [
            ["survey", "report", "--db", folder.appendingPathComponent("s.sqlite").path, "--out", folder.path],
            ["survey", "run", folder.path, "--db", folder.appendingPathComponent("s.sqlite").path, "--model", "m"],
        ] {
            let result = try CLI.run(args + ["--config", config.path])
            XCTAssertEqual(result.status, 1, "\(args): \(result.stderr)")
            XCTAssertTrue(result.stderr.contains("unknown configuration key 'survey.site_dept' in \(config.path)"), result.stderr)
        }
    }

    /// `survey run --model A --model A` is an ensemble: the same model twice reports the same
    /// nightly summary as once, under the joined model id; mismatched members are refused.
    func testEnsembleOfModels() throws {
        let folder = SharedData.temporaryDirectory("survey-ensemble")
        defer { try? FileManager.default.removeItem(at: folder) }
        let cards = folder.appendingPathComponent("cards").path
        let synth = try CLI.run([
            "synth", "--out", cards, "--survey-tree", "--sites", "north", "--nights", "1",
            "--start", "2024-10-01", "--seconds", "6",
        ])
        XCTAssertEqual(synth.status, 0, synth.stderr)
        let model = SharedData.repositoryRoot.appendingPathComponent("models/default.safetensors").path
        func summary(_ name: String, models: [String]) throws -> [[String]] {
            let db = folder.appendingPathComponent("\(name).sqlite").path
            let run = try CLI.run(["survey", "run", cards, "--db", db] + models.flatMap { ["--model", $0] })
            XCTAssertEqual(run.status, 0, run.stderr)
            let out = folder.appendingPathComponent(name)
            let report = try CLI.run(["survey", "report", "--db", db, "--out", out.path])
            XCTAssertEqual(report.status, 0, report.stderr)
            return try String(contentsOf: out.appendingPathComponent("nightly_summary.csv"), encoding: .utf8)
                .split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        }
        let one = try summary("one", models: [model])
        let two = try summary("two", models: [model, model])
        XCTAssertGreaterThan(one.count, 1, "the bundled model reports the synthetic calls")
        let id = try XCTUnwrap(one[0].firstIndex(of: "model_id"))
        XCTAssertEqual(two[1][id], one[1][id] + "+" + one[1][id])
        func withoutID(_ rows: [[String]]) -> [[String]] { rows.map { r in r.enumerated().filter { $0.offset != id }.map(\.element) } }
        XCTAssertEqual(withoutID(one), withoutID(two))
        let bad = try CLI.run(["survey", "run", cards, "--db", folder.appendingPathComponent("bad.sqlite").path,
                               "--model", model, "--model", folder.appendingPathComponent("none.safetensors").path])
        XCTAssertEqual(bad.status, 1, bad.stderr)
        XCTAssertTrue(bad.stderr.contains("none.safetensors"), bad.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("bad.sqlite").path),
                       "a bad model is refused before the database is created")
    }
}
