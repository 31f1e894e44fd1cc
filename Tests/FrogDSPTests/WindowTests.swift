import FrogDSP
import FrogTestSupport
import XCTest

final class WindowTests: XCTestCase {
    func testMatchesScipyGetWindow() throws {
        for shape in FeatureConfig.Window.allCases {
            let periodic = try Fixture.array("window_\(shape.rawValue)_periodic_32.npy").values
            let symmetric = try Fixture.array("window_\(shape.rawValue)_symmetric_31.npy").values
            // scipy computes in float64; one float32 rounding apart at most.
            assertClose(Window.coefficients(shape, length: 32), periodic, atol: 1e-7, "\(shape) periodic")
            assertClose(
                Window.coefficients(shape, length: 31, periodic: false), symmetric, atol: 1e-7,
                "\(shape) symmetric")
        }
    }

    func testCenteredPadsWithZerosLikeLibrosaPadCenter() {
        let padded = Window.centered(.hann, length: 6, fftSize: 10)
        XCTAssertEqual(Array(padded[0..<2]), [0, 0])
        XCTAssertEqual(Array(padded[8..<10]), [0, 0])
        XCTAssertEqual(Array(padded[2..<8]), Window.coefficients(.hann, length: 6))
    }
}
