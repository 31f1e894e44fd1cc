import FrogDSP
import FrogTestSupport
import XCTest

final class FeatureExtractorTests: XCTestCase {
    func testReferenceLogMelMatchesLibrosa() throws {
        try checkLogMel(padMode: .constant, fixture: "logmel_constant.npy")
    }

    func testReferenceLogMelWithReflectPaddingMatchesLibrosa() throws {
        try checkLogMel(padMode: .reflect, fixture: "logmel_reflect.npy")
    }

    func testLinearCropMatchesLibrosa() throws {
        let expected = try Fixture.array("linear_1000_4000_db.npy")
        var config = FeatureConfig()
        config.nFFT = 512
        config.frequencyScale = .linear
        config.fmin = 1000
        config.fmax = 4000
        let image = FeatureExtractor(config: config).features(samples: try Fixture.signal())
        XCTAssertEqual([image.frames, image.bins], expected.shape)
        XCTAssertGreaterThanOrEqual(image.binFrequencies.first!, 1000)
        XCTAssertLessThanOrEqual(image.binFrequencies.last!, 4000)
        // float32 vs float64 FFT rounding, see STFTTests; the bound is 1e-3 dB.
        XCTAssertLessThan(maxDecibelError(image.values, expected.values), 1e-3)
    }

    func testAntiPhaseStereoMixKeepsTheCall() throws {
        // Real recordings here are anti-phase between microphones: a waveform average would
        // cancel to silence, the power-spectrum average keeps the mono features exactly.
        let signal = try Fixture.signal()
        let extractor = FeatureExtractor(config: FeatureConfig())
        let mono = extractor.features(samples: signal)
        let stereo = extractor.features(channels: [signal, signal.map { -$0 }])
        // |FFT(−x)|² equals |FFT(x)|² bit for bit, and (a + a)/2 is exact.
        XCTAssertEqual(stereo.values, mono.values)
    }

    func testStereoMixAveragesPowerSpectra() throws {
        let signal = try Fixture.signal()
        let quiet = signal.map { $0 * 0.1 }
        var config = FeatureConfig()
        config.scaling = .none
        let extractor = FeatureExtractor(config: config)
        let loud = extractor.features(samples: signal)
        let soft = extractor.features(samples: quiet)
        let mixed = extractor.features(channels: [signal, quiet])
        let expected = zip(loud.values, soft.values).map { ($0 + $1) / 2 }
        // Averaging before vs after the (linear) filterbank: float32 reassociation only.
        assertClose(mixed.values, expected, atol: 1e-9, rtol: 1e-5)
    }

    func testPCENScalingMatchesLibrosaPipeline() throws {
        var config = FeatureConfig()
        config.scaling = .pcen
        let image = FeatureExtractor(config: config).features(samples: try Fixture.signal())
        let expected = try Fixture.array("pcen_default.npy").values
        // Mel power differs from librosa's by float32 FFT rounding (~1e-6 relative), which PCEN
        // (power 0.5, compressive) passes on scaled down: 1e-4 relative is ample.
        assertClose(image.values, expected, atol: 1e-4, rtol: 1e-4)
    }

    func testThreadedExtractionIsIdentical() throws {
        let signal = try Fixture.signal()
        for padMode in FeatureConfig.PadMode.allCases {
            var config = FeatureConfig()
            config.padMode = padMode
            config.topDB = 50
            let extractor = FeatureExtractor(config: config)
            let serial = extractor.features(samples: signal)
            let threaded = extractor.features(samples: signal, threads: 2)
            // Same frames through the same code: bit-identical, time axis included.
            XCTAssertEqual(threaded, serial, "\(padMode)")
        }
    }

    private func checkLogMel(padMode: FeatureConfig.PadMode, fixture: String) throws {
        let expected = try Fixture.array(fixture)
        var config = FeatureConfig()
        config.padMode = padMode
        let image = FeatureExtractor(config: config).features(samples: try Fixture.signal())
        XCTAssertEqual([image.frames, image.bins], expected.shape)
        XCTAssertEqual(image.secondsPerFrame, 256.0 / 22_050)
        XCTAssertEqual(image.startSeconds, 0)
        // The bound: 1e-3 dB on bins above −100 dB.
        XCTAssertLessThan(maxDecibelError(image.values, expected.values), 1e-3)
    }
}
