import FrogAudio
import FrogTestSupport
import XCTest

/// libsoxr resampling: pitch and level kept, streaming equals one-shot, lengths.
final class ResamplerTests: XCTestCase {
    /// A 1 kHz tone keeps its frequency (within the 0.5 Hz search grid) and its amplitude.
    /// Amplitude tolerance 0.2 %: passband ripple ≤ 0.01 dB (0.12 %) plus < 0.1 % from the
    /// RMS window not spanning a whole number of periods.
    private func checkTone(from inputRate: Int, to outputRate: Int) throws {
        let input = Signals.sine(frequency: 1_000, rate: inputRate, frames: inputRate)  // 1 s
        let output = try Resampler.resample([input], from: inputRate, to: outputRate)[0]
        XCTAssertEqual(Double(output.count), Double(outputRate), accuracy: 1)
        // Skip the first and last 0.1 s, where the filter sees the signal's edges.
        let middle = Array(output[(outputRate / 10)..<(outputRate * 9 / 10)])
        XCTAssertEqual(Signals.peakFrequency(middle, rate: outputRate, low: 990, high: 1_010, step: 0.5), 1_000, accuracy: 0.5)
        XCTAssertEqual(Signals.rms(middle) * 2.0.squareRoot(), 0.5, accuracy: 0.5 * 2e-3)
    }

    func testDownsample48kTo22050() throws { try checkTone(from: 48_000, to: 22_050) }
    func testDownsample96kAnd44k1() throws {
        try checkTone(from: 96_000, to: 22_050)
        try checkTone(from: 44_100, to: 22_050)
    }
    func testUpsample8kTo22050() throws { try checkTone(from: 8_000, to: 22_050) }

    /// Content above the output Nyquist must be removed, not folded down (aliasing).
    func testRejectsAboveNyquist() throws {
        let input = Signals.sine(frequency: 15_000, rate: 48_000, frames: 48_000)
        let output = try Resampler.resample([input], from: 48_000, to: 22_050)[0]
        let middle = Array(output[2_205..<19_845])
        // 16-bit precision promises ≈ 96 dB rejection; −80 dB leaves margin for the edges.
        XCTAssertLessThan(20 * log10(Signals.rms(middle) / Signals.rms(input)), -80)
    }

    func testStreamingInSmallBlocksEqualsOneBlock() throws {
        let input = Signals.sine(frequency: 2_345, rate: 48_000, frames: 50_000, amplitude: 0.3)
        let whole = try Resampler.resample([input], from: 48_000, to: 22_050)[0]
        let streamer = try Resampler(inputRate: 48_000, outputRate: 22_050)
        var streamed: [Float] = []
        var start = 0
        var size = 1
        while start < input.count {
            let end = min(input.count, start + size)
            streamed += try streamer.process([Array(input[start..<end])])[0]
            start = end
            size = size * 3 % 4_001 + 1  // irregular sizes, including single frames
        }
        streamed += try streamer.flush()[0]
        // The same filter over the same samples; only float summation order may differ
        // between block splits (a few ulps of 0.3).
        assertClose(streamed, whole, atol: 1e-5)
    }

    func testStereoChannelsStaySeparate() throws {
        let a = Signals.sine(frequency: 500, rate: 44_100, frames: 44_100)
        let b = [Float](repeating: 0, count: 44_100)
        let out = try Resampler.resample([a, b], from: 44_100, to: 22_050)
        XCTAssertEqual(out.count, 2)
        XCTAssertEqual(out[0].count, out[1].count)
        // Silence stays silence (no cross-talk), exactly.
        XCTAssertEqual(out[1].map(abs).max(), 0)
        XCTAssertGreaterThan(Signals.rms(out[0]), 0.3)
    }

    func testOutputLengthsAtEndOfStream() throws {
        for (inputRate, frames) in [(48_000, 12_345), (8_000, 777), (44_100, 100_001), (96_000, 5)] {
            let out = try Resampler.resample([[Float](repeating: 0.1, count: frames)], from: inputRate, to: 22_050)
            let expected = (Double(frames) * 22_050 / Double(inputRate)).rounded()
            XCTAssertEqual(Double(out[0].count), expected, accuracy: 1, "\(inputRate) Hz, \(frames) frames")
        }
    }

    func testResetStartsAFreshStream() throws {
        let input = Signals.sine(frequency: 700, rate: 16_000, frames: 16_000)
        let resampler = try Resampler(inputRate: 16_000, outputRate: 22_050)
        _ = try resampler.process([Array(input[..<5_000])])
        try resampler.reset()
        var again = try resampler.process([input])[0]
        again += try resampler.flush()[0]
        // Bit-identical: after soxr_clear the same input goes through the same arithmetic.
        XCTAssertEqual(again, try Resampler.resample([input], from: 16_000, to: 22_050)[0])
    }

    func testBadArgumentsThrow() {
        XCTAssertThrowsError(try Resampler(inputRate: 0, outputRate: 22_050))
        XCTAssertThrowsError(try Resampler(inputRate: 8_000, outputRate: 22_050, channels: 1).process([[1], [2]]))
    }
}
