import FrogTestSupport
import Foundation
import XCTest

/// `frogscan info`: table, CSV, and exit code 2 naming a bad file while listing the good ones.
final class InfoCommandTests: XCTestCase {
    private var folder: URL!

    override func setUp() { folder = SharedData.temporaryDirectory("frogscan-info") }
    override func tearDown() { try? FileManager.default.removeItem(at: folder) }

    /// A canonical 44-byte-header PCM_16 mono WAV, written by hand so this test does not depend
    /// on the code it checks.
    private func writeWAV(_ name: String, rate: UInt32, frames: Int) -> String {
        var bytes: [UInt8] = []
        func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { bytes += $0 } }
        func u16(_ v: UInt16) { withUnsafeBytes(of: v.littleEndian) { bytes += $0 } }
        let dataSize = UInt32(frames * 2)
        bytes += Array("RIFF".utf8); u32(36 + dataSize); bytes += Array("WAVE".utf8)
        bytes += Array("fmt ".utf8); u32(16); u16(1); u16(1); u32(rate); u32(rate * 2); u16(2); u16(16)
        bytes += Array("data".utf8); u32(dataSize)
        for i in 0..<frames { u16(UInt16(bitPattern: Int16(i % 2_000 - 1_000))) }
        let path = folder.appendingPathComponent(name).path
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
        return path
    }

    func testGoodFileTable() throws {
        let path = writeWAV("a.wav", rate: 8_000, frames: 12_000)
        let result = try CLI.run(["info", path])
        XCTAssertEqual(result.status, 0, result.stderr)
        let lines = result.stdout.split(separator: "\n")
        XCTAssertEqual(lines.count, 2, result.stdout)
        XCTAssertTrue(lines[0].hasPrefix("file"))
        let cells = lines[1].split(separator: " ").map(String.init)
        XCTAssertEqual(cells, [path, "WAV", "PCM_16", "8000", "1", "12000", "1.500"])
    }

    func testCSVAndPartialFailure() throws {
        let good = writeWAV("b.wav", rate: 22_050, frames: 22_050)
        let bad = folder.appendingPathComponent("notes.wav").path
        XCTAssertTrue(FileManager.default.createFile(atPath: bad, contents: Data("not audio\n".utf8)))
        let missing = folder.appendingPathComponent("gone.flac").path
        let result = try CLI.run(["info", "--csv", good, bad, missing])
        XCTAssertEqual(result.status, 2, result.stderr)
        XCTAssertEqual(
            result.stdout,
            "file,format,subtype,rate,channels,frames,duration_s\n\(good),WAV,PCM_16,22050,1,22050,1.000\n")
        XCTAssertTrue(result.stderr.contains("frogscan: \(bad): not an audio file"), result.stderr)
        XCTAssertTrue(result.stderr.contains("frogscan: \(missing): no such file"), result.stderr)
    }

    func testNoFilesIsUsageError() throws {
        let result = try CLI.run(["info"])
        XCTAssertEqual(result.status, 1)
    }
}
