import FrogDSP
import FrogTestSupport
import XCTest

final class DecibelTests: XCTestCase {
    func testRefAminTopDBMatchLibrosa() throws {
        let power = try Fixture.array("mel_power.npy").values
        let expected = try Fixture.array("db_ref2_amin1e-5_top60.npy").values
        let db = Decibel(amin: 1e-5, ref: 2, topDB: 60).convert(power)
        // Same input, float32 log vs numpy's float32 log10: a few ulps of values up to 60 dB.
        XCTAssertLessThan(maxDecibelError(db, expected), 1e-4)
    }

    func testFastLogAgainstDoubleOverManyDecades() {
        // Powers from 1e-12 to 1e6 (below amin, through the floor, to loud): the vectorised log
        // must agree with Double log10 to well under the 1e-3 dB features promise.
        var values: [Float] = []
        var x: Float = 1e-12
        while x < 1e6 {
            values.append(x)
            x *= 1.013
        }
        let db = Decibel(amin: 1e-10, ref: 1).convert(values)
        for (v, d) in zip(values, db) {
            let exact = 10 * log10(Double(max(v, 1e-10)))
            XCTAssertEqual(Double(d), exact, accuracy: 2e-5, "at \(v)")
        }
    }

    func testTopDBRaisesValuesBelowTheRange() {
        let db = Decibel(amin: 1e-10, ref: 1, topDB: 20).convert([1, 1e-1, 1e-3, 1e-12])
        XCTAssertEqual(db[0], 0, accuracy: 1e-5)
        XCTAssertEqual(db[1], -10, accuracy: 1e-5)
        XCTAssertEqual(db[2], -20, accuracy: 1e-5)
        XCTAssertEqual(db[3], -20, accuracy: 1e-5)
    }
}
