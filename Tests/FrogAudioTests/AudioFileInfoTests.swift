import FrogAudio
import XCTest

final class AudioFileInfoTests: XCTestCase {
    func testDuration() {
        let info = AudioFileInfo(path: "a.wav", format: "WAV", subtype: "PCM_16", sampleRate: 48_000, channels: 2, frames: 96_000)
        XCTAssertEqual(info.duration, 2.0)
    }
}
