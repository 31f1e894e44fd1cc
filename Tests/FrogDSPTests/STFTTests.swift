import FrogDSP
import FrogTestSupport
import XCTest

final class STFTTests: XCTestCase {
    func testPowerMatchesLibrosaForBothPadModes() throws {
        let head = Array(try Fixture.signal()[0..<(22_050 / 2)])
        for mode in FeatureConfig.PadMode.allCases {
            let expected = try Fixture.array("stft_power_\(mode.rawValue).npy")
            var config = FeatureConfig()
            config.padMode = mode
            let image = STFT(config: config).spectrogram(samples: head)
            XCTAssertEqual([image.frames, image.bins], expected.shape)
            checkSpectra(image.values, expected.values, bins: image.bins, "\(mode)")
        }
    }

    func testMagnitudeHammingShortWindowWithoutCentre() throws {
        let head = Array(try Fixture.signal()[0..<(22_050 / 2)])
        let expected = try Fixture.array("stft_magnitude_hamming_nocenter.npy")
        var config = FeatureConfig()
        config.nFFT = 512
        config.hopLength = 128
        config.winLength = 400
        config.window = .hamming
        config.center = false
        config.power = 1
        let image = STFT(config: config).spectrogram(samples: head)
        XCTAssertEqual([image.frames, image.bins], expected.shape)
        let square = { (v: [Float]) in v.map { $0 * $0 } }
        checkSpectra(square(image.values), square(expected.values), bins: image.bins, "hamming")
        // Frame centres: n_fft / 2 samples in without centring.
        XCTAssertEqual(image.startSeconds, 256.0 / 22_050, accuracy: 1e-12)
    }

    func testFrameCountsFollowLibrosa() {
        let extractor = FeatureExtractor(config: FeatureConfig())
        XCTAssertEqual(extractor.frameCount(sampleCount: 22_050), 1 + 22_050 / 256)
        XCTAssertEqual(extractor.features(samples: [Float](repeating: 0.1, count: 1000)).frames, 4)
        XCTAssertEqual(extractor.features(samples: []).frames, 0)
    }

    /// librosa's STFT runs in float64, FFTW here in float32, whose rounding noise is a fixed
    /// fraction (~1e-7 in magnitude) of the frame's strongest bin. The chirp puts 95 dB between
    /// a frame's peak and its quietest bins, where that noise reaches a few 1e-3 dB. So: within
    /// 60 dB of the frame's peak (every bin a feature relies on) the error must stay under
    /// 1e-3 dB, and every bin's power error under 1e-6 of the frame's peak power (a few
    /// float32 ulps of the peak: the rounding noise itself).
    private func checkSpectra(_ actual: [Float], _ expected: [Float], bins: Int, _ label: String) {
        let db = Decibel()
        let actualDB = db.convert(actual)
        let expectedDB = db.convert(expected)
        var worstDB: Float = 0
        var worstRelative: Float = 0
        for f in 0..<(expected.count / bins) {
            let row = (f * bins)..<((f + 1) * bins)
            let peak = expected[row].max()!
            let peakDB = expectedDB[row].max()!
            for i in row {
                if expectedDB[i] > max(peakDB - 60, -100) { worstDB = max(worstDB, abs(actualDB[i] - expectedDB[i])) }
                worstRelative = max(worstRelative, abs(actual[i] - expected[i]) / peak)
            }
        }
        XCTAssertLessThan(worstDB, 1e-3, label)
        XCTAssertLessThan(worstRelative, 1e-6, label)
    }
}
