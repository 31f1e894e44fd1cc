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

    /// `survey report --truth` on a synthetic night: presence_vs_truth.csv and the summary
    /// lines; a bad truth line is an error naming file:line, before any report is written.
    func testReportAgainstSynthTruth() throws {
        let folder = SharedData.temporaryDirectory("survey-truth-cli")
        defer { try? FileManager.default.removeItem(at: folder) }
        let cards = folder.appendingPathComponent("cards").path
        let config = folder.appendingPathComponent("night.yaml").path
        try "survey_end_time: \"20:00:00\"\n".write(toFile: config, atomically: true, encoding: .utf8)
        let synth = try CLI.run([
            "synth", "--out", cards, "--survey-tree", "--sites", "pond,creek", "--nights", "2", "--seconds", "6",
            "--config", config, "--absent", "creek:litoria_fallax", "--seed", "3",
        ])
        XCTAssertEqual(synth.status, 0, synth.stderr)
        let db = folder.appendingPathComponent("s.sqlite").path
        let model = SharedData.repositoryRoot.appendingPathComponent("models/default.safetensors").path
        let run = try CLI.run(["survey", "run", cards, "--db", db, "--model", model])
        XCTAssertEqual(run.status, 0, run.stderr)
        let out = folder.appendingPathComponent("reports")
        let report = try CLI.run(["survey", "report", "--db", db, "--out", out.path, "--truth", cards + "/truth.csv"])
        XCTAssertEqual(report.status, 0, report.stderr)
        XCTAssertTrue(report.stdout.contains("presence vs truth: precision "), report.stdout)
        XCTAssertTrue(report.stdout.contains("over 20 site-nights × species"), report.stdout)
        let rows = try String(contentsOf: out.appendingPathComponent("presence_vs_truth.csv"), encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(rows.first, "site,night,species,detected,true,outcome")
        XCTAssertEqual(rows.count, 1 + 2 * 2 * 5)
        XCTAssertTrue(rows.contains { $0.hasPrefix("creek,2024-10-01,litoria_fallax,") && ($0.hasSuffix(",0,tn") || $0.hasSuffix(",0,fp")) })

        let bad = folder.appendingPathComponent("bad.csv").path
        try "site,night,species,calls,present\npond,2024-10-01,crinia_signifera,1,1\npond,2024-10-01,bufo_marinus,1,1\n"
            .write(toFile: bad, atomically: true, encoding: .utf8)
        let fresh = folder.appendingPathComponent("fresh")
        let failed = try CLI.run(["survey", "report", "--db", db, "--out", fresh.path, "--truth", bad])
        XCTAssertEqual(failed.status, 1, failed.stderr)
        XCTAssertTrue(failed.stderr.contains("\(bad):3: species 'bufo_marinus'"), failed.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: fresh.path), "nothing written for a bad truth file")
    }
}
