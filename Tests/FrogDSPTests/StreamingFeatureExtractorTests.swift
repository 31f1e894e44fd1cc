import FrogDSP
import FrogTestSupport
import XCTest

final class StreamingFeatureExtractorTests: XCTestCase {
    /// Odd block sizes that cross frame and hop boundaries in every way, including blocks
    /// shorter than the centre padding and empty blocks.
    private let blockPatterns: [[Int]] = [[1], [7, 300, 1], [255, 257], [513], [1023, 1, 0, 4099], [10_007]]

    func testStreamedFramesEqualWholeFileForAnyBlocks() throws {
        let signal = try Fixture.signal()
        for padMode in FeatureConfig.PadMode.allCases {
            for scaling in [FeatureConfig.Scaling.db, .pcen] {
                var config = FeatureConfig()
                config.padMode = padMode
                config.scaling = scaling
                try checkStreaming(config: config, channels: [signal], label: "\(padMode) \(scaling)")
            }
        }
    }

    func testStreamedStereoAndUncentredEqualWholeFile() throws {
        let signal = try Fixture.signal()
        let other = signal.reversed().map { $0 * 0.5 }
        try checkStreaming(config: FeatureConfig(), channels: [signal, other], label: "stereo")
        var config = FeatureConfig()
        config.center = false
        config.nFFT = 512
        config.hopLength = 160
        try checkStreaming(config: config, channels: [signal], label: "no centre")
    }

    func testShortSignalsShorterThanThePadding() throws {
        let signal = Array(try Fixture.signal()[0..<300])
        var config = FeatureConfig()
        config.padMode = .reflect
        try checkStreaming(config: config, channels: [signal], label: "short reflect")
    }

    private func checkStreaming(config: FeatureConfig, channels: [[Float]], label: String) throws {
        let extractor = FeatureExtractor(config: config)
        let whole = extractor.features(channels: channels)
        XCTAssertGreaterThan(whole.frames, 0)
        for pattern in blockPatterns {
            let stream = StreamingFeatureExtractor(extractor: extractor, channels: channels.count)
            var streamed = FeatureImage(
                bins: whole.bins, frames: 0, values: [], secondsPerFrame: whole.secondsPerFrame,
                binFrequencies: whole.binFrequencies)
            var position = 0
            var step = 0
            let total = channels[0].count
            while position < total {
                let size = min(pattern[step % pattern.count], total - position)
                step += 1
                let block = channels.map { Array($0[position..<(position + size)]) }
                position += size
                let piece = stream.push(block)
                if piece.frames > 0 {
                    // Each piece carries its own time axis.
                    XCTAssertEqual(piece.startSeconds, extractor.frameTime(streamed.frames), accuracy: 1e-12)
                }
                streamed.append(piece)
            }
            streamed.append(stream.finish())
            XCTAssertEqual(streamed.frames, whole.frames, "\(label) blocks \(pattern)")
            // Bit-identical: the same frames go through the same per-frame code.
            XCTAssertEqual(streamed.values, whole.values, "\(label) blocks \(pattern)")
        }
    }
}
