import Foundation
import FrogTestSupport
import XCTest

/// Damaged inputs through the built executable (issue 16, items 4, 6 and 14): `info` and
/// `spectrogram` warn about truncation with both lengths, `detect` lists it in warnings.csv with
/// the links it skipped and exits 2, and a 1 Hz header is refused quickly by name.
final class DamagedInputCommandTests: XCTestCase {
    var folder: URL!
    var inputs: URL!
    var out: URL!
    var model: String { SharedData.repositoryRoot.appendingPathComponent("models/default.safetensors").path }

    override func setUpWithError() throws {
        folder = SharedData.temporaryDirectory("damaged-inputs")
        inputs = folder.appendingPathComponent("in")
        out = folder.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: inputs, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    /// A 16-bit mono WAV of `seconds` of a 1 kHz tone at 22,050 Hz, cut to `keep` of its data.
    func writeWAV(_ name: String, seconds: Double, keep: Double = 1, rate: UInt32 = 22_050) throws -> URL {
        let frames = Int(seconds * 22_050)
        var data = Data()
        func put32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { data.append(contentsOf: $0) } }
        func put16(_ v: UInt16) { withUnsafeBytes(of: v.littleEndian) { data.append(contentsOf: $0) } }
        data.append(contentsOf: Array("RIFF".utf8)); put32(UInt32(36 + frames * 2)); data.append(contentsOf: Array("WAVE".utf8))
        data.append(contentsOf: Array("fmt ".utf8)); put32(16); put16(1); put16(1); put32(rate); put32(rate * 2); put16(2); put16(16)
        data.append(contentsOf: Array("data".utf8)); put32(UInt32(frames * 2))
        for i in 0..<Int(Double(frames) * keep) { put16(UInt16(bitPattern: Int16(8000 * sin(2 * .pi * 1000 * Double(i) / 22_050)))) }
        let url = inputs.appendingPathComponent(name)
        try data.write(to: url)
        return url
    }

    func testInfoAndSpectrogramWarnAboutTruncation() throws {
        let cut = try writeWAV("cut.wav", seconds: 6, keep: 1.0 / 3)
        let info = try CLI.run(["info", cut.path])
        XCTAssertEqual(info.status, 0, info.stderr)
        XCTAssertTrue(info.stderr.contains("warning: \(cut.path): truncated: header declares 6.000 s, file holds 2.000 s"), info.stderr)
        XCTAssertTrue(info.stdout.contains("2.000"), info.stdout)

        let picture = folder.appendingPathComponent("s.png")
        let spectrogram = try CLI.run(["spectrogram", cut.path, "--output", picture.path])
        XCTAssertEqual(spectrogram.status, 0, spectrogram.stderr)
        XCTAssertTrue(spectrogram.stderr.contains("\(cut.path): truncated: header declares 6.000 s"), spectrogram.stderr)
    }

    /// Item 4 through the CLI: refused at once, naming the file and the rate.
    func testOneHertzHeaderIsRefused() throws {
        let bad = try writeWAV("one-hz.wav", seconds: 2, rate: 1)
        let result = try CLI.run(["spectrogram", bad.path, "--output", folder.appendingPathComponent("s.png").path])
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.stderr.contains(bad.path) && result.stderr.contains("1 Hz"), result.stderr)
    }

    func testDetectListsTruncationAndBrokenLinksInWarningsAndExits2() throws {
        let good = try writeWAV("good.wav", seconds: 4)
        let cut = try writeWAV("cut.wav", seconds: 6, keep: 0.5)
        let dangling = inputs.appendingPathComponent("gone.wav")
        try FileManager.default.createSymbolicLink(atPath: dangling.path, withDestinationPath: "/no/such/card/gone.wav")
        let loop = inputs.appendingPathComponent("loop.wav")
        try FileManager.default.createSymbolicLink(atPath: loop.path, withDestinationPath: loop.path)

        let result = try CLI.run(["detect", inputs.path, "--model", model, "--out", out.path])
        XCTAssertEqual(result.status, 2, result.stderr)
        XCTAssertTrue(result.stderr.contains("warnings.csv"), result.stderr)
        let warnings = try String(contentsOf: out.appendingPathComponent("warnings.csv"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        XCTAssertEqual(warnings.first, "file,kind,warning")
        let byFile = Dictionary(warnings.dropFirst().map { ($0.split(separator: ",")[0], $0) }) { a, _ in a }
        let cutRow = try XCTUnwrap(byFile[Substring(cut.path)], warnings.joined(separator: "\n"))
        XCTAssertTrue(cutRow.hasPrefix("\(cut.path),truncated,"), cutRow)
        XCTAssertTrue(cutRow.contains("\(cut.path): truncated: header declares 6.000 s, file holds 3.000 s"), cutRow)
        XCTAssertTrue(byFile[Substring(dangling.path)]?.contains("dangling_link") == true, warnings.joined(separator: "\n"))
        XCTAssertTrue(byFile[Substring(loop.path)]?.contains("symlink_loop") == true, warnings.joined(separator: "\n"))
        XCTAssertNil(byFile[Substring(good.path)])

        let summary = try String(contentsOf: out.appendingPathComponent("summary.csv"), encoding: .utf8)
        XCTAssertTrue(summary.contains("\(cut.path),warning,3.0000"), summary)
        XCTAssertTrue(summary.contains("\(good.path),ok,"), summary)
        let errors = try String(contentsOf: out.appendingPathComponent("errors.csv"), encoding: .utf8)
        XCTAssertEqual(errors, "file,error\n")
    }
}
