import Foundation
import FrogDSP
import XCTest

final class NPYTests: XCTestCase {
    func testRoundTripKeepsShapeAndBits() throws {
        let values: [Float] = [0, -1.5, .greatestFiniteMagnitude, 1e-30, 3, 4]
        let data = NPY.encode(values, shape: [3, 2])
        // Version 1.0 header padded so the data starts on a 64-byte boundary.
        XCTAssertEqual((data.count - values.count * 4) % 64, 0)
        let decoded = try NPY.decode(data)
        XCTAssertEqual(decoded.shape, [3, 2])
        XCTAssertEqual(decoded.values, values)
    }

    func testReadsNumpyWrittenFixture() throws {
        let window = try Fixture.array("window_hann_periodic_32.npy")
        XCTAssertEqual(window.shape, [32])
        XCTAssertEqual(window.values[0], 0)
        XCTAssertEqual(window.values[16], 1)
    }

    func testRejectsOtherFiles() {
        XCTAssertThrowsError(try NPY.decode(Data("RIFF....WAVE".utf8), path: "x.wav")) { error in
            XCTAssertEqual(error as? NPY.Error, .notNPY("x.wav"))
        }
        let truncated = NPY.encode([1, 2, 3], shape: [3]).dropLast(2)
        XCTAssertThrowsError(try NPY.decode(Data(truncated), path: "t.npy")) { error in
            XCTAssertEqual(error as? NPY.Error, .truncated("t.npy"))
        }
    }
}
