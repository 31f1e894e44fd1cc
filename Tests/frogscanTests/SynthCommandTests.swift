import FrogTestSupport
import Foundation
import XCTest

/// `frogscan synth` end to end: files written, usage errors exit 1.
final class SynthCommandTests: XCTestCase {
    private var folder: URL!

    override func setUp() { folder = SharedData.temporaryDirectory("frogscan-synthcmd") }
    override func tearDown() { try? FileManager.default.removeItem(at: folder) }

    func testWritesRecordingAndTable() throws {
        let out = folder.appendingPathComponent("out").path
        let result = try CLI.run(["synth", "--out", out, "--count", "2", "--seconds", "3", "--rate", "16000", "--seed", "5"])
        XCTAssertEqual(result.status, 0, result.stderr)
        for name in ["synth_001.wav", "synth_001.Table.1.selections.txt", "synth_002.wav", "synth_002.Table.1.selections.txt"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: out + "/" + name), name)
        }
        let info = try CLI.run(["info", "--csv", out + "/synth_001.wav"])
        XCTAssertTrue(info.stdout.contains(",WAV,PCM_16,16000,1,48000,3.000"), info.stdout)
    }

    func testSurveyTree() throws {
        let result = try CLI.run([
            "synth", "--out", folder.path, "--survey-tree", "--sites", "north,south", "--nights", "1",
            "--start", "2024-10-01", "--seconds", "2", "--rate", "16000",
        ])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder.path + "/south/20241001_193000.wav"))
    }

    /// `--absent SITE:SPECIES` reaches the truth table; bad values are usage errors.
    func testSurveyTreeWithAbsenceWritesTruth() throws {
        var config = "survey_end_time: \"20:00:00\"\noccupancy: 1\n"
        config += "species:\n  litoria_fallax: {calls_per_minute: 60, low_hz: 4200, high_hz: 4800}\n"
        let configPath = folder.appendingPathComponent("night.yaml").path
        XCTAssertTrue(FileManager.default.createFile(atPath: configPath, contents: Data(config.utf8)))
        let out = folder.appendingPathComponent("tree").path
        let result = try CLI.run([
            "synth", "--out", out, "--survey-tree", "--sites", "pond,creek", "--nights", "2", "--seconds", "4",
            "--rate", "16000", "--config", configPath, "--absent", "creek:litoria_fallax",
        ])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout.split(separator: "\n").count, 2 * 2 * 3, "19:00, 19:30, 20:00 a night")
        XCTAssertTrue(result.stderr.contains("truth.csv"), result.stderr)
        let truth = try String(contentsOfFile: out + "/truth.csv", encoding: .utf8).split(separator: "\n").map(String.init)
        XCTAssertEqual(truth[0], "site,night,species,calls,present")
        XCTAssertEqual(truth.count, 1 + 2 * 2 * 5)
        for line in truth where line.contains(",litoria_fallax,") {
            if line.hasPrefix("creek,") { XCTAssertTrue(line.hasSuffix(",0,0"), line) } else { XCTAssertTrue(line.hasSuffix(",1"), line) }
        }
        XCTAssertTrue(truth.contains { $0.hasPrefix("pond,2024-10-02,") })
        let weather = try String(contentsOfFile: out + "/weather.csv", encoding: .utf8)
        XCTAssertTrue(weather.hasPrefix("site,night,weather\n"), weather)

        for (absent, expected) in [("creek:bufo", "unknown species 'bufo'"), ("lake:litoria_fallax", "site 'lake' is not in --sites"), ("creek", "SITE:SPECIES")] {
            let bad = try CLI.run(["synth", "--out", out, "--survey-tree", "--sites", "pond,creek", "--absent", absent])
            XCTAssertEqual(bad.status, 1, absent)
            XCTAssertTrue(bad.stderr.contains(expected), bad.stderr)
        }
    }

    func testBadConfigIsUsageError() throws {
        let config = folder.appendingPathComponent("bad.yaml").path
        XCTAssertTrue(FileManager.default.createFile(atPath: config, contents: Data("secnds: 3\n".utf8)))
        let result = try CLI.run(["synth", "--out", folder.path, "--config", config])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("secnds"), result.stderr)
    }
}
