import FrogAudio
import FrogTestSupport
import XCTest

/// Real xeno-canto recordings (MP3 and FLAC) from ../shared/data decode and resample.
final class SharedRecordingsTests: XCTestCase {
    private func recording(extension ext: String) throws -> String {
        guard let root = SharedData.root else {
            throw XCTSkip("shared data not found (../shared/data); set FROGSCAN_SHARED_DATA")
        }
        let audio = root.appendingPathComponent("ribbid-xenocanto/audio")
        let enumerator = FileManager.default.enumerator(atPath: audio.path)
        let files = (enumerator?.allObjects as? [String] ?? []).filter { $0.lowercased().hasSuffix("." + ext) }.sorted()
        guard let first = files.first else { throw XCTSkip("no .\(ext) file under \(audio.path)") }
        return audio.appendingPathComponent(first).path
    }

    private func check(_ path: String, format: String) throws {
        let info = try AudioFile.info(path: path)
        XCTAssertEqual(info.format, format)
        XCTAssertGreaterThan(info.duration, 1)
        // The first 2 s, resampled to the model rate: right length, finite, not silent.
        let clip = try AudioFile.read(path: path, targetRate: 22_050, channels: .channel(0), start: 0, end: 2)
        XCTAssertEqual(Double(clip[0].count), 44_100, accuracy: 1)
        XCTAssertTrue(clip[0].allSatisfy { $0.isFinite })
        XCTAssertGreaterThan(Signals.rms(clip[0]), 1e-5)
    }

    func testMP3Decodes() throws { try check(try recording(extension: "mp3"), format: "MPEG") }
    func testFLACDecodes() throws { try check(try recording(extension: "flac"), format: "FLAC") }
}
