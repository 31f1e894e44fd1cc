import FrogData
import XCTest

final class AnnotationTests: XCTestCase {
    func testWholeRecordingLabel() {
        XCTAssertTrue(Annotation(file: "a.wav", start: nil, end: nil, label: "x").isWholeRecording)
        XCTAssertFalse(Annotation(file: "a.wav", start: 1, end: 2, label: "x").isWholeRecording)
    }
}
