import FrogData
import FrogDetect
import FrogEvaluate
import XCTest

/// Hand-computed cases (the arithmetic is in the comments).
final class MetricsTests: XCTestCase {
    /// Hand values are exact fractions; only Double rounding separates them from the code's.
    let tolerance = 1e-12

    func testAveragePrecisionByHand() throws {
        // Descending: 0.9 ✓ (P 1, R ½), 0.8 ✗ (P ½, R ½), 0.7 ✓ (P ⅔, R 1), 0.6 ✗.
        // AP = ½·1 + 0 + ½·⅔ = ⅚.
        let ap = try XCTUnwrap(RankingMetrics.averagePrecision(scores: [0.9, 0.8, 0.7, 0.6], positives: [true, false, true, false]))
        XCTAssertEqual(ap, 5.0 / 6, accuracy: tolerance)
        XCTAssertNil(RankingMetrics.averagePrecision(scores: [0.1, 0.2], positives: [false, false]))
    }

    func testTiesCountTogether() throws {
        // The tie at 0.5 enters as one step: P ½, R ½; then 0.2: P ⅔, R 1. AP = ¼ + ⅓.
        let ap = try XCTUnwrap(RankingMetrics.averagePrecision(scores: [0.5, 0.5, 0.2], positives: [true, false, true]))
        XCTAssertEqual(ap, 0.25 + 1.0 / 3, accuracy: tolerance)
        // AUC over (positive, negative) pairs: (0.5, 0.5) is a tie → ½, (0.2, 0.5) → 0. Mean ¼.
        let auc = try XCTUnwrap(RankingMetrics.rocAUC(scores: [0.5, 0.5, 0.2], positives: [true, false, true]))
        XCTAssertEqual(auc, 0.25, accuracy: tolerance)
        XCTAssertNil(RankingMetrics.rocAUC(scores: [0.5, 0.2], positives: [true, true]))
    }

    func testZeroDivisionGivesZero() {
        // Class 2 is neither true nor predicted; class 1 is true once but never predicted.
        let m = ClassificationMetrics(classCount: 3, truth: [0, 0, 1], predicted: [0, 0, 0])
        XCTAssertEqual(m.perClass[1].precision, 0)
        XCTAssertEqual(m.perClass[1].recall, 0)
        XCTAssertEqual(m.perClass[2].f1, 0)
        XCTAssertEqual(m.perClass[0].precision, 2.0 / 3, accuracy: tolerance)
        XCTAssertEqual(m.accuracy, 2.0 / 3, accuracy: tolerance)
        // Macro over the classes true or predicted (0 and 1; class 2 is in neither, as in
        // sklearn's default labels): F1 of class 0 is 2·2/(2·2+1+0) = 0.8, class 1's is 0.
        XCTAssertEqual(m.macro.f1, 0.8 / 2, accuracy: tolerance)
        XCTAssertEqual(m.confusion.rowNormalized, [1, 0, 0, 1, 0, 0, 0, 0, 0])
    }

    func testThresholdSelection() {
        let scores: [Float] = [0.9, 0.8, 0.4, 0.3, 0.2]
        let positives = [true, true, false, true, false]
        // F1 = 2tp/(predicted + 3): 0.9 → 0.5, 0.8 → 0.8, 0.4 → ⅔, 0.3 → 6/7, 0.2 → 0.75.
        XCTAssertEqual(ThresholdSelection.maximizingF1(scores: scores, positives: positives), 0.3)
        // Precision: 0.9 → 1, 0.8 → 1, 0.4 → ⅔, 0.3 → ¾, 0.2 → ⅗.
        XCTAssertEqual(ThresholdSelection.lowestReaching(precision: 0.9, scores: scores, positives: positives), 0.8)
        XCTAssertEqual(ThresholdSelection.lowestReaching(precision: 0.7, scores: scores, positives: positives), 0.3)
        XCTAssertNil(ThresholdSelection.lowestReaching(precision: 0.9, scores: [0.5], positives: [false]))
        XCTAssertEqual(ThresholdSelection.maximizingF1(scores: [0.5], positives: [false]), ThresholdSelection.fallback)
    }

    func testRecordingPooling() {
        let scores: [[Float]] = [[0.2, 0.8], [0.6, 0.4], [0.9, 0.1]]
        let mean = RecordingPooling.mean.pool(truth: [1, 1, 0], scores: scores, recordings: ["a", "a", "b"])
        XCTAssertEqual(mean.recordings, ["a", "b"])
        XCTAssertEqual(mean.truth, [1, 0])
        XCTAssertEqual(mean.scores[0][0], 0.4, accuracy: 1e-6)  // Float mean of 0.2 and 0.6
        XCTAssertEqual(mean.scores[0][1], 0.6, accuracy: 1e-6)
        let max = RecordingPooling.max.pool(truth: [1, 1, 0], scores: scores, recordings: ["a", "a", "b"])
        XCTAssertEqual(max.scores, [[0.6, 0.8], [0.9, 0.1]])
        let multi = RecordingPooling.max.pool(truth: [[true, false], [false, false], [false, true]], scores: scores, recordings: ["a", "a", "b"])
        XCTAssertEqual(multi.truth, [[true, false], [false, true]])
    }

    func testEventMatchingIsGreedyAndOneToOne() {
        typealias E = EventMatcher.Event
        let truth = [
            E(file: "f.wav", species: "A", start: 0, end: 2), E(file: "f.wav", species: "A", start: 5, end: 6),
            E(file: "g.wav", species: "A", start: 0, end: 2),
        ]
        let detections = [
            E(file: "f.wav", species: "A", start: 0.5, end: 1.5, confidence: 0.8),  // same call, lower confidence → fp
            E(file: "f.wav", species: "A", start: 0.1, end: 2.1, confidence: 0.9),  // IoU 1.9/2.1 → tp
            E(file: "f.wav", species: "A", start: 5.5, end: 7, confidence: 0.5),    // IoU 0.5/2 = 0.25 < 0.3 → fp
            E(file: "f.wav", species: "B", start: 0, end: 2, confidence: 0.7),      // no B call → fp
        ]
        let result = EventMatcher.match(detections: detections, truth: truth, minimumIoU: 0.3)
        XCTAssertEqual(result.species, ["A", "B"])
        let a = result.perSpecies["A"]!
        XCTAssertEqual([a.truePositives, a.falsePositives, a.falseNegatives], [1, 2, 2])
        XCTAssertEqual(result.matches.map(\.detection), [1])
        XCTAssertEqual(result.matches[0].intersectionOverUnion, 1.9 / 2.1, accuracy: 1e-12)
        XCTAssertEqual(result.perSpecies["B"]!.falsePositives, 1)
        XCTAssertEqual(result.micro.precision, 0.25, accuracy: tolerance)

        // Through Detection/Annotation: weak (whole-file) labels are ignored.
        let viaTypes = EventMatcher.match(
            detections: [Detection(file: "f.wav", start: 0, end: 2, species: "A", confidence: 0.9, meanConfidence: 0.8)],
            truth: [Annotation(file: "f.wav", start: 0, end: 2, label: "A"), Annotation(file: "f.wav", start: nil, end: nil, label: "A")])
        XCTAssertEqual(viaTypes.perSpecies["A"]!.truePositives, 1)
        XCTAssertEqual(viaTypes.perSpecies["A"]!.falseNegatives, 0)
    }
}
