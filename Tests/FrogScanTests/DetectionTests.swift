import FrogDetect
import XCTest

final class DetectionTests: XCTestCase {
    func testCodableRoundTrip() throws {
        let d = Detection(file: "a.wav", start: 1, end: 2.5, species: "x", confidence: 0.9, meanConfidence: 0.7)
        let back = try JSONDecoder().decode(Detection.self, from: JSONEncoder().encode(d))
        XCTAssertEqual(back, d)
    }
}
