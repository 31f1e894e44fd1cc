import Foundation
import FrogAudio
import FrogTestSupport
import XCTest

/// `frogscan review sample|summary` end to end: from a detections folder and from a survey
/// database, the same seed giving the same table, verdicts summarised, exit codes 0 / 1 / 2.
final class ReviewCommandTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = SharedData.temporaryDirectory("review-cli")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    /// A detect-like output folder: two 6 s recordings with a tone per detection, and a
    /// detections.csv of 6 detections (one of them in a recording that does not exist when
    /// `withMissing`).
    private func detections(withMissing: Bool = false) throws -> URL {
        var rows = ["file,start_s,end_s,species,confidence,site,start_time"]
        for (name, hz) in [("a.wav", 600.0), ("b.wav", 3000.0)] {
            let rate = 16_000
            let samples = (0..<(6 * rate)).map { i -> Float in
                let t = Double(i) / Double(rate)
                let on = [1.0, 3.0, 5.0].contains { t >= $0 && t < $0 + 0.4 }
                return on ? Float(0.3 * sin(2 * Double.pi * hz * t)) : 0.001 * Float(i % 7)
            }
            let path = folder.appendingPathComponent(name).path
            try AudioWriter.write([samples], sampleRate: rate, to: path)
            for (start, confidence) in [(1.0, 0.55), (3.0, 0.75), (5.0, 0.95)] {
                rows.append("\(path),\(start),\(start + 0.4),\(name == "a.wav" ? "low" : "high"),\(confidence),north,2024-10-01T20:00:00.000")
            }
        }
        if withMissing { rows.append("\(folder.path)/gone.wav,1.0,1.4,low,0.6,north,") }
        let out = folder.appendingPathComponent("detect")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try (rows.joined(separator: "\n") + "\n").write(to: out.appendingPathComponent("detections.csv"), atomically: true, encoding: .utf8)
        return out
    }

    func testSampleIsSeededAndSummaryReportsPrecision() throws {
        let detect = try detections()
        var tables: [String] = []
        for name in ["r1", "r2"] {
            let out = folder.appendingPathComponent(name).path
            let result = try CLI.run([
                "review", "sample", "--detections", detect.path, "--out", out, "--per-cell", "1", "--seed", "7",
                "--bins", "0.5,0.7,0.9,1.0", "--context", "1",
            ])
            XCTAssertEqual(result.status, 0, result.stderr)
            XCTAssertTrue(result.stdout.contains("low · 0.50-0.70: 1 / 1"), result.stdout)
            tables.append(out + "/review.selections.txt")
        }
        let first = try String(contentsOfFile: tables[0], encoding: .utf8)
        // Same seed, same detections: the same table, byte for byte (clip paths are relative).
        XCTAssertEqual(first, try String(contentsOfFile: tables[1], encoding: .utf8))
        let lines = first.split(separator: "\n").map { $0.components(separatedBy: "\t") }
        XCTAssertEqual(lines.count, 7, "6 cells × 1 item + the header")
        let clip = try XCTUnwrap(lines[0].firstIndex(of: "Clip"))
        let clipFile = folder.appendingPathComponent("r1").appendingPathComponent(lines[1][clip]).path
        XCTAssertEqual(try AudioFile.info(path: clipFile).duration, 2.4, accuracy: 1e-3, "0.4 s detection ± 1 s")

        // Fill in: every low is right, the high ones are no / unsure / named low.
        let verdict = try XCTUnwrap(lines[0].firstIndex(of: "Verdict"))
        let species = try XCTUnwrap(lines[0].firstIndex(of: "Species"))
        var answers = ["no", "Unsure", "LOW"]
        var filled = [lines[0]]
        for var row in lines.dropFirst() {
            row[verdict] = row[species] == "low" ? "yes" : answers.removeFirst()
            filled.append(row)
        }
        try (filled.map { $0.joined(separator: "\t") }.joined(separator: "\n") + "\n").write(toFile: tables[0], atomically: true, encoding: .utf8)
        let summary = try CLI.run(["review", "summary", tables[0], "--out", folder.path])
        XCTAssertEqual(summary.status, 0, summary.stderr)
        let csv = try String(contentsOf: folder.appendingPathComponent("precision.csv"), encoding: .utf8)
        XCTAssertTrue(csv.contains("low,0.90-1.00,1,1,0,0,0,0,1.000,0.207,1.000"), csv)
        XCTAssertEqual(csv.split(separator: "\n").filter { $0.hasPrefix("high,") }.map { $0.split(separator: ",")[2] }.sorted(), ["0", "1", "1"])
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder.appendingPathComponent("precision.png").path))
        XCTAssertTrue(summary.stdout.contains("precision"), summary.stdout)

        // A verdict that is no class: exit 1, naming the table and line.
        filled[2][verdict] = "frog?"
        try (filled.map { $0.joined(separator: "\t") }.joined(separator: "\n") + "\n").write(toFile: tables[0], atomically: true, encoding: .utf8)
        let bad = try CLI.run(["review", "summary", tables[0]])
        XCTAssertEqual(bad.status, 1)
        XCTAssertTrue(bad.stderr.contains("\(tables[0]):3") && bad.stderr.contains("frog?"), bad.stderr)
    }

    func testAnUnreadableRecordingIsReportedAndTheRestWritten() throws {
        let detect = try detections(withMissing: true)
        let out = folder.appendingPathComponent("r").path
        let result = try CLI.run(["review", "sample", "--detections", detect.path, "--out", out, "--per-cell", "5"])
        XCTAssertEqual(result.status, 2, result.stderr)
        XCTAssertTrue(try String(contentsOfFile: out + "/errors.csv", encoding: .utf8).contains("gone.wav"))
        let rows = try String(contentsOfFile: out + "/review.selections.txt", encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(rows.count, 7, "the 6 readable detections + the header")
    }

    func testUsageErrors() throws {
        let detect = try detections()
        for args in [
            ["review", "sample", "--out", folder.path],
            ["review", "sample", "--db", "x.sqlite", "--out", folder.path],
            ["review", "sample", "--detections", detect.path, "--out", folder.path, "--bins", "0.9,0.5"],
        ] {
            let result = try CLI.run(args)
            XCTAssertEqual(result.status, 1, "\(args): \(result.stdout) \(result.stderr)")
        }
    }

    /// From a survey database: sites and nights come from the recordings' paths and names.
    func testSampleFromASurveyDatabase() throws {
        let cards = folder.appendingPathComponent("cards").path
        let synth = try CLI.run([
            "synth", "--out", cards, "--survey-tree", "--sites", "north", "--nights", "1", "--start", "2024-10-01",
            "--seconds", "6",
        ])
        XCTAssertEqual(synth.status, 0, synth.stderr)
        let db = folder.appendingPathComponent("s.sqlite").path
        let model = SharedData.repositoryRoot.appendingPathComponent("models/default.safetensors").path
        let run = try CLI.run(["survey", "run", cards, "--db", db, "--model", model])
        XCTAssertEqual(run.status, 0, run.stderr)
        let out = folder.appendingPathComponent("review").path
        let result = try CLI.run([
            "review", "sample", "--db", db, "--root", cards, "--out", out, "--bins", "0,1", "--per-cell", "2", "--by", "site,night",
        ])
        XCTAssertEqual(result.status, 0, result.stderr)
        let lines = try String(contentsOfFile: out + "/review.selections.txt", encoding: .utf8).split(separator: "\n").map { $0.components(separatedBy: "\t") }
        XCTAssertGreaterThan(lines.count, 1, result.stdout)
        let site = try XCTUnwrap(lines[0].firstIndex(of: "Site"))
        let night = try XCTUnwrap(lines[0].firstIndex(of: "Night"))
        let path = try XCTUnwrap(lines[0].firstIndex(of: "Begin Path"))
        for row in lines.dropFirst() {
            XCTAssertEqual(row[site], "north")
            XCTAssertTrue(row[night].hasPrefix("2024-10-0"), row[night])
            XCTAssertTrue(FileManager.default.fileExists(atPath: row[path]), row[path])
        }
    }
}
