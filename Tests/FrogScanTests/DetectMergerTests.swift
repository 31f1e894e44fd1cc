import FrogDetect
import XCTest

final class DetectMergerTests: XCTestCase {
    /// Windows of 1 s starting every 0.5 s (50 % overlap) with scores for ["frog", "noise"].
    private func merge(_ frogScores: [Float], threshold: Float = 0.5, hop: Double = 0.5, window: Double = 1,
                       duration: Double? = nil) -> [Detection] {
        var merger = DetectionMerger(
            classes: ["frog", "noise"], thresholds: [threshold, 0.5], reported: [true, false],
            file: "a.wav", channel: nil)
        for (i, score) in frogScores.enumerated() {
            let start = Double(i) * hop
            merger.add(start: start, end: start + window, scores: [score, 0.9])
        }
        return merger.finish(duration: duration)
    }

    func testOverlappingPositiveWindowsBecomeOneEvent() {
        let events = merge([0.1, 0.6, 0.9, 0.7, 0.2, 0.1])
        XCTAssertEqual(events.count, 1)
        XCTAssertEqual(events[0].start, 0.5)
        XCTAssertEqual(events[0].end, 2.5)  // window 3 spans 1.5..<2.5
        XCTAssertEqual(events[0].confidence, 0.9)
        // Mean of 0.6, 0.9, 0.7 in Float; 1e-6 covers Float rounding of the sum.
        XCTAssertEqual(events[0].meanConfidence, (0.6 + 0.9 + 0.7) / 3, accuracy: 1e-6)
        XCTAssertEqual(events[0].species, "frog")
    }

    func testGapWiderThanWindowsSplitsEvents() {
        // Positive windows 0 (0..1) and 3 (1.5..2.5) do not touch: two events.
        let events = merge([0.8, 0.1, 0.1, 0.8])
        XCTAssertEqual(events.map(\.start), [0, 1.5])
        XCTAssertEqual(events.map(\.end), [1, 2.5])
    }

    func testTouchingWindowsWithoutOverlapJoin() {
        // Hop = window (0 % overlap): windows 0..1 and 1..2 touch and join; 0.1 s steps are not
        // exact in binary, which the merger's tolerance absorbs.
        let events = merge([0.9, 0.9, 0.2, 0.9], hop: 0.1, window: 0.1)
        XCTAssertEqual(events.count, 2)
        XCTAssertEqual(events[0].start, 0)
        XCTAssertEqual(events[0].end, 0.2, accuracy: 1e-12)
        XCTAssertEqual(events[1].start, 0.30000000000000004, accuracy: 1e-12)
    }

    func testThresholdIsInclusiveAndPerClass() {
        XCTAssertEqual(merge([0.5, 0.49], threshold: 0.5).count, 1)
        XCTAssertEqual(merge([0.5, 0.49], threshold: 0.51).count, 0)
    }

    func testBackgroundClassIsNeverReported() {
        let events = merge([0.1, 0.1])
        XCTAssertTrue(events.isEmpty, "noise scored 0.9 in every window but is not reported")
    }

    func testEndsAreClampedToDuration() {
        let events = merge([0.1, 0.1, 0.9], duration: 1.8)
        XCTAssertEqual(events.count, 1)
        XCTAssertEqual(events[0].start, 1.0)
        XCTAssertEqual(events[0].end, 1.8)
    }

    func testSpeciesAreMergedIndependently() {
        var merger = DetectionMerger(
            classes: ["a", "b"], thresholds: [0.5, 0.5], reported: [true, true], file: "f.wav", channel: 2)
        let scores: [[Float]] = [[0.9, 0.1], [0.9, 0.9], [0.1, 0.9], [0.1, 0.1]]
        for (i, row) in scores.enumerated() {
            merger.add(start: Double(i), end: Double(i) + 1, scores: row)
        }
        let events = merger.finish()
        XCTAssertEqual(events.map(\.species), ["a", "b"])
        XCTAssertEqual(events.map(\.start), [0, 1])
        XCTAssertEqual(events.map(\.end), [2, 3])
        XCTAssertEqual(events.map(\.channel), [2, 2])
    }
}
