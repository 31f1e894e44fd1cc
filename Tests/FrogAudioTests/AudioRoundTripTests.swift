import FrogAudio
import FrogTestSupport
import XCTest

/// Every format libsndfile writes here, written and read back.
final class AudioRoundTripTests: XCTestCase {
    private var folder: URL!

    override func setUp() { folder = SharedData.temporaryDirectory("frogaudio-roundtrip") }
    override func tearDown() { try? FileManager.default.removeItem(at: folder) }

    /// Stereo test signal: different tones per channel so a swapped channel is caught.
    private let rate = 16_000
    private lazy var left = Signals.sine(frequency: 440, rate: rate, frames: 8_000, amplitude: 0.5)
    private lazy var right = Signals.sine(frequency: 1_250, rate: rate, frames: 8_000, amplitude: 0.25, phase: 1)

    private func roundTrip(_ format: AudioWriter.Format, ext: String) throws -> (AudioFileInfo, [[Float]]) {
        let path = folder.appendingPathComponent("t.\(ext)").path
        try AudioWriter.write([left, right], sampleRate: rate, to: path, format: format)
        let file = try AudioFile(path: path)
        var channels: [[Float]] = [[], []]
        while true {
            let block = try file.readFrames(3_000)  // odd size: crosses internal block edges
            if block[0].isEmpty { break }
            channels[0] += block[0]
            channels[1] += block[1]
        }
        return (file.info, channels)
    }

    /// Integer PCM: libsndfile scales floats by 2^(bits−1)−1 when writing and divides by
    /// 2^(bits−1) when reading, then rounds; so the error is at most about two quantisation
    /// steps, 2 / 2^(bits−1).
    private func checkPCM(_ format: AudioWriter.Format, ext: String, bits: Int, container: String, subtype: String) throws {
        let (info, channels) = try roundTrip(format, ext: ext)
        XCTAssertEqual(info.format, container)
        XCTAssertEqual(info.subtype, subtype)
        XCTAssertEqual(info.sampleRate, rate)
        XCTAssertEqual(info.channels, 2)
        XCTAssertEqual(info.frames, left.count)
        // Float32 itself carries 24 bits, so 32-bit PCM is bounded by float rounding (~1e-7).
        let step = max(2 / Float(1 << (bits - 1)), 1e-6)
        assertClose(channels[0], left, atol: step, "\(format) left")
        assertClose(channels[1], right, atol: step, "\(format) right")
    }

    func testWAV8() throws { try checkPCM(.wav8, ext: "wav", bits: 8, container: "WAV", subtype: "PCM_U8") }
    func testWAV16() throws { try checkPCM(.wav16, ext: "wav", bits: 16, container: "WAV", subtype: "PCM_16") }
    func testWAV24() throws { try checkPCM(.wav24, ext: "wav", bits: 24, container: "WAV", subtype: "PCM_24") }
    func testWAV32() throws { try checkPCM(.wav32, ext: "wav", bits: 32, container: "WAV", subtype: "PCM_32") }
    func testWAVExtensible() throws { try checkPCM(.wavExtensible, ext: "wav", bits: 16, container: "WAVEX", subtype: "PCM_16") }
    func testFLAC16() throws { try checkPCM(.flac, ext: "flac", bits: 16, container: "FLAC", subtype: "PCM_16") }
    func testFLAC24() throws { try checkPCM(.flac24, ext: "flac", bits: 24, container: "FLAC", subtype: "PCM_24") }
    func testAIFF() throws { try checkPCM(.aiff, ext: "aiff", bits: 16, container: "AIFF", subtype: "PCM_16") }

    func testWAVFloatIsExact() throws {
        let (info, channels) = try roundTrip(.wavFloat, ext: "wav")
        XCTAssertEqual(info.subtype, "FLOAT")
        XCTAssertEqual(channels[0], left)
        XCTAssertEqual(channels[1], right)
    }

    /// Lossy codecs: the tones must survive (same dominant frequency per channel, level
    /// within 1 dB); sample-wise equality is not expected.
    private func checkLossy(_ format: AudioWriter.Format, ext: String, container: String, subtype: String, frameSlack: Int) throws {
        let (info, channels) = try roundTrip(format, ext: ext)
        XCTAssertEqual(info.format, container)
        XCTAssertEqual(info.subtype, subtype)
        // Codecs pad to whole packets/frames (an MP3 frame is 1,152 samples).
        XCTAssertLessThanOrEqual(abs(channels[0].count - left.count), frameSlack)
        let middle = channels[0].count / 4..<(channels[0].count * 3 / 4)
        for (decoded, original, tone) in [(channels[0], left, 440.0), (channels[1], right, 1_250.0)] {
            let part = Array(decoded[middle])
            // 2 Hz grid: the tones are 440/1250 Hz; a swap or pitch change moves the peak far.
            XCTAssertEqual(Signals.peakFrequency(part, rate: rate, low: tone - 50, high: tone + 50, step: 2), tone, accuracy: 4)
            let ratio = Signals.rms(part) / Signals.rms(original)
            XCTAssertEqual(20 * log10(ratio), 0, accuracy: 1, "\(format) level")
        }
    }

    func testOggVorbis() throws { try checkLossy(.ogg, ext: "ogg", container: "OGG", subtype: "VORBIS", frameSlack: 64) }
    func testMP3() throws { try checkLossy(.mp3, ext: "mp3", container: "MPEG", subtype: "MPEG_LAYER_III", frameSlack: 2_400) }

    func testWriteReplacesAtomicallyAndLeavesNoTemporaryFiles() throws {
        let path = folder.appendingPathComponent("a.wav").path
        try AudioWriter.write([[0.1, 0.2]], sampleRate: 8_000, to: path)
        try AudioWriter.write([[0.3, 0.4, 0.5]], sampleRate: 8_000, to: path)
        XCTAssertEqual(try AudioFile.info(path: path).frames, 3)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["a.wav"])
    }

    func testWriteIntoMissingFolderFailsNamingIt() {
        let path = folder.appendingPathComponent("no/such/dir/a.wav").path
        XCTAssertThrowsError(try AudioWriter.write([[0.1]], sampleRate: 8_000, to: path)) { error in
            guard case AudioError.writeFailed(let p, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(p, path)
        }
    }
}
