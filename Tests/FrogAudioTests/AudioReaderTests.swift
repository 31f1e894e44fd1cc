import FrogAudio
import FrogTestSupport
import XCTest

/// The streaming reader: channel selection, seeking, block sizes, clip reads.
final class AudioReaderTests: XCTestCase {
    private var folder: URL!
    private let rate = 8_000
    private var stereoPath: String!
    /// Distinct ramps per channel make every sample identifiable.
    private lazy var left = (0..<20_000).map { Float($0 % 1_000) / 2_000 }
    private lazy var right = (0..<20_000).map { -Float($0 % 777) / 2_000 }

    override func setUpWithError() throws {
        folder = SharedData.temporaryDirectory("frogaudio-reader")
        stereoPath = folder.appendingPathComponent("stereo.wav").path
        try AudioWriter.write([left, right], sampleRate: rate, to: stereoPath, format: .wavFloat)
    }

    override func tearDown() { try? FileManager.default.removeItem(at: folder) }

    private func readAll(_ reader: AudioReader) throws -> [[Float]] {
        var out = [[Float]](repeating: [], count: reader.outputChannels)
        while let block = try reader.nextBlock() {
            XCTAssertEqual(block.count, out.count)
            for c in out.indices { out[c] += block[c] }
        }
        return out
    }

    func testStereoDeinterleavesInBlocks() throws {
        let reader = try AudioReader(path: stereoPath, targetRate: nil, blockFrames: 4_096)
        XCTAssertEqual(reader.outputRate, rate)
        let channels = try readAll(reader)
        XCTAssertEqual(channels, [left, right])
        XCTAssertNil(try reader.nextBlock(), "stays at the end")
    }

    func testChannelPickAndAverage() throws {
        XCTAssertEqual(try AudioFile.read(path: stereoPath, channels: .channel(1)), [right])
        let mixed = try AudioFile.read(path: stereoPath, channels: .average)
        // (a + b) / 2 in Float32: exact to half an ulp of values ≤ 0.5.
        assertClose(mixed[0], zip(left, right).map { ($0 + $1) / 2 }, atol: 1e-7)
    }

    func testChannelOutOfRangeIsUnsupported() {
        XCTAssertThrowsError(try AudioReader(path: stereoPath, targetRate: nil, channels: .channel(2))) { error in
            guard case AudioError.unsupported(let path, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(path, stereoPath)
        }
    }

    func testSeekAndClipRead() throws {
        let reader = try AudioReader(path: stereoPath, targetRate: nil, blockFrames: 1_000)
        _ = try reader.nextBlock()
        try reader.seek(toSeconds: 1.0)
        let rest = try readAll(reader)
        XCTAssertEqual(rest[0], Array(left[8_000...]))

        let clip = try AudioFile.read(path: stereoPath, channels: .channel(0), start: 0.5, end: 1.25)
        XCTAssertEqual(clip[0], Array(left[4_000..<10_000]))

        let frame = try AudioFile(path: stereoPath)
        try frame.seek(toFrame: 19_999)
        XCTAssertEqual(try frame.readFrames(10), [[left[19_999]], [right[19_999]]])
        XCTAssertEqual(try frame.readFrames(10), [[], []])
    }

    func testSeekPastTheEndGivesNothing() throws {
        let reader = try AudioReader(path: stereoPath, targetRate: 22_050)
        try reader.seek(toSeconds: 100)
        XCTAssertNil(try reader.nextBlock())
    }

    func testClipReadWithResamplingHasTheClipsLength() throws {
        let clip = try AudioFile.read(path: stereoPath, targetRate: 22_050, start: 0.5, end: 1.5)
        // One second of input at any rate is 22,050 frames out; soxr's flush gives ±1.
        XCTAssertEqual(Double(clip[0].count), 22_050, accuracy: 1)
        XCTAssertEqual(clip.count, 2)
    }

    /// An hour at 48 kHz must not be held in memory: the reader's blocks never exceed
    /// its block size (times the rate ratio), whatever the file length.
    func testBlocksAreBounded() throws {
        let path = folder.appendingPathComponent("long.wav").path
        let long = Signals.sine(frequency: 300, rate: 48_000, frames: 48_000 * 6)
        try AudioWriter.write([long], sampleRate: 48_000, to: path)
        let reader = try AudioReader(path: path, targetRate: 22_050, blockFrames: 8_192)
        var total = 0
        while let block = try reader.nextBlock() {
            // 8,192 × 22,050/48,000 ≈ 3,763, plus soxr's flush of its filter delay at the end.
            XCTAssertLessThanOrEqual(block[0].count, 8_192)
            total += block[0].count
        }
        XCTAssertEqual(Double(total), 22_050 * 6, accuracy: 1)
    }
}
