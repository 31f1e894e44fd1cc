@testable import FrogConfig
import FrogDSP
@testable import FrogModel
import XCTest

final class InputLayoutTests: XCTestCase {
    /// 2 frames × 2 bins, frame-major: frame 0 = (−60, −20), frame 1 = (−40, 0) dB.
    let window = FeatureImage(bins: 2, frames: 2, values: [-60, -20, -40, 0], secondsPerFrame: 0.01, binFrequencies: [100, 200])

    func testNormalizations() throws {
        func input(_ normalization: RunConfig.ClipsSection.Normalization, _ arrangement: InputLayout.Arrangement = .sequence) throws -> [Float] {
            try InputLayout(arrangement: arrangement, normalization: normalization, bins: 2, frames: 2).tensor([window]).data
        }
        XCTAssertEqual(try input(.none), [-60, -20, -40, 0])
        // Peak: 0 at the maximum, −1 per 20 dB below it.
        XCTAssertEqual(try input(.peak), [-3, -1, -2, 0])
        // Window: mean −30, standard deviation √500.
        let sd = Float(500).squareRoot()
        for (got, want) in zip(try input(.window), [-30 / sd, 10 / sd, -10 / sd, 30 / sd]) { XCTAssertEqual(got, want, accuracy: 1e-6) }
        // Image arrangement is [1, bins, frames]: bin-major.
        XCTAssertEqual(try input(.peak, .image), [-3, -2, -1, 0])
        // A constant window stays finite.
        let flat = FeatureImage(bins: 2, frames: 2, values: [-50, -50, -50, -50], secondsPerFrame: 0.01, binFrequencies: [100, 200])
        for normalization in RunConfig.ClipsSection.Normalization.allCases {
            let data = try InputLayout(arrangement: .sequence, normalization: normalization, bins: 2, frames: 2).tensor([flat]).data
            XCTAssertTrue(data.allSatisfy(\.isFinite), "\(normalization)")
        }
    }

    /// `clips.floor_db` with peak normalisation: values more than the floor below the maximum
    /// are raised to it; the floor is saved with the layout and a layout without one (older
    /// model files) decodes as before.
    func testPeakFloor() throws {
        let floored = InputLayout(arrangement: .sequence, normalization: .peak, bins: 2, frames: 2, floorDB: 30)
        XCTAssertEqual(try floored.tensor([window]).data, [-1.5, -1, -1.5, 0])
        let decoded = try JSONDecoder().decode(InputLayout.self, from: JSONEncoder().encode(floored))
        XCTAssertEqual(decoded, floored)
        let old = try JSONDecoder().decode(
            InputLayout.self, from: Data(#"{"arrangement":"sequence","normalization":"peak","bins":2,"frames":2}"#.utf8))
        XCTAssertNil(old.floorDB)
        XCTAssertEqual(try old.tensor([window]).data, [-3, -1, -2, 0])
    }
}
