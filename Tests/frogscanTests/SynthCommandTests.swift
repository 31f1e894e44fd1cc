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

    func testBadConfigIsUsageError() throws {
        let config = folder.appendingPathComponent("bad.yaml").path
        FileManager.default.createFile(atPath: config, contents: Data("secnds: 3\n".utf8))
        let result = try CLI.run(["synth", "--out", folder.path, "--config", config])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("secnds"), result.stderr)
    }
}
