import Foundation
import FrogConfig
import FrogDSP
import FrogTestSupport
import XCTest

final class FeatureConfigLoadingTests: XCTestCase {
    func testReferenceYAMLIsTheReferencePreprocessing() throws {
        let url = SharedData.repositoryRoot.appendingPathComponent("configs/reference.yaml")
        let config = try FeatureConfig.load(yamlAt: url)
        XCTAssertEqual(config.sampleRate, 22_050)
        XCTAssertEqual(config.nFFT, 1024)
        XCTAssertEqual(config.hopLength, 256)
        XCTAssertEqual(config.window, .hann)
        XCTAssertEqual(config.power, 2)
        XCTAssertEqual(config.nMels, 64)
        XCTAssertEqual(config.fmin, 100)
        XCTAssertEqual(config.fmax, 11_025)
        XCTAssertEqual(config.melScale, .slaney)
        XCTAssertEqual(config.melNorm, .slaney)
        XCTAssertEqual(config.amin, 1e-10)
        XCTAssertEqual(config.ref, 1)
        XCTAssertNil(config.topDB)
        XCTAssertTrue(config.center)
        XCTAssertEqual(config.padMode, .constant)
        // The code's defaults are the same preprocessing.
        XCTAssertEqual(config, FeatureConfig())
    }

    func testMissingKeysTakeDefaults() throws {
        let config = try FeatureConfig.decode(
            yaml: "features:\n  n_mels: 40\n  pcen:\n    gain: 0.5\n  scaling: pcen\n", path: "x.yaml")
        var expected = FeatureConfig()
        expected.nMels = 40
        expected.scaling = .pcen
        expected.pcen.gain = 0.5
        XCTAssertEqual(config, expected)
        XCTAssertEqual(try FeatureConfig.decode(yaml: "model: cnn\n", path: "x.yaml"), FeatureConfig())
    }

    func testErrorsNameTheFileAndTheKey() {
        let cases: [(String, String)] = [
            ("features:\n  n_ftt: 512\n", "features.n_ftt"),
            ("features:\n  hop_length: many\n", "features.hop_length"),
            ("features:\n  window: hanning\n", "features.window"),
            ("features:\n  pcen:\n    gian: 1\n", "features.pcen.gian"),
            ("features:\n  fmax: 20000\n", "fmax"),
            ("features: [1, 2]\n", "features"),
        ]
        for (yaml, key) in cases {
            XCTAssertThrowsError(try FeatureConfig.decode(yaml: yaml, path: "conf/bad.yaml"), yaml) { error in
                let message = "\(error)"
                XCTAssertTrue(message.hasPrefix("conf/bad.yaml: "), message)
                XCTAssertTrue(message.contains(key), "\(message) should name \(key)")
            }
        }
    }
}
