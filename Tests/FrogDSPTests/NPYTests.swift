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

    /// Found by the FuzzNPY target: a negative dimension trapped (an array of negative count),
    /// and so did dimensions whose product, or byte count, overflows.
    func testShapesThatCannotBeHeldAreErrorsNotTraps() {
        func file(shape: String) -> Data {
            var header = "{'descr': '<f4', 'fortran_order': False, 'shape': (\(shape)), }"
            header += String(repeating: " ", count: (64 - (10 + header.utf8.count + 1) % 64) % 64) + "\n"
            let length = UInt16(header.utf8.count)
            return Data([0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(length & 0xFF), UInt8(length >> 8)])
                + Data(header.utf8) + Data(count: 16)
        }
        XCTAssertEqual(try NPY.decode(file(shape: "2, 2")).shape, [2, 2])
        for shape in ["4611686018427387904, 4", "4611686018427387904,", "5,"] {
            XCTAssertThrowsError(try NPY.decode(file(shape: shape), path: "s.npy"), shape) { error in
                XCTAssertEqual(error as? NPY.Error, .truncated("s.npy"), shape)
            }
        }
        for shape in ["2, -3", "2, x"] {
            XCTAssertThrowsError(try NPY.decode(file(shape: shape), path: "s.npy"), shape) { error in
                guard case .unsupported("s.npy", _)? = error as? NPY.Error else { return XCTFail("\(error)") }
            }
        }
    }
}
