import FrogDSP
import XCTest

final class StandardizeTests: XCTestCase {
    func testWholeAndPerBinStandardisation() {
        let image = FeatureImage(
            bins: 2, frames: 3, values: [1, 10, 2, 20, 3, 30], secondsPerFrame: 1, binFrequencies: [1, 2])
        let whole = image.standardized()
        let mean = whole.values.reduce(0, +) / 6
        let variance = whole.values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 6
        // Float32 arithmetic on six values: 1e-6.
        XCTAssertEqual(mean, 0, accuracy: 1e-6)
        XCTAssertEqual(variance, 1, accuracy: 1e-6)
        let perBin = image.standardized(perBin: true)
        let expected = Float(1.2247449)  // (3 − 2) / sqrt(2/3)
        XCTAssertEqual(perBin[2, 0], expected, accuracy: 1e-6)
        XCTAssertEqual(perBin[2, 1], expected, accuracy: 1e-6)
        XCTAssertEqual(perBin[0, 1], -expected, accuracy: 1e-6)
    }

    func testConstantImageOnlyLosesItsMean() {
        let image = FeatureImage(bins: 1, frames: 2, values: [5, 5], secondsPerFrame: 1, binFrequencies: [1])
        XCTAssertEqual(image.standardized().values, [0, 0])
    }
}
