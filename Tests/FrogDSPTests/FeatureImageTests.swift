import FrogDSP
import XCTest

final class FeatureImageTests: XCTestCase {
    func testFrameSliceKeepsTimeAxis() {
        let image = FeatureImage(
            bins: 2, frames: 4, values: [0, 1, 2, 3, 4, 5, 6, 7], secondsPerFrame: 0.5,
            binFrequencies: [100, 200])
        let slice = image.frames(1..<3)
        XCTAssertEqual(slice.values, [2, 3, 4, 5])
        XCTAssertEqual(slice.startSeconds, 0.5)
        XCTAssertEqual(slice[1, 1], 5)
    }
}
