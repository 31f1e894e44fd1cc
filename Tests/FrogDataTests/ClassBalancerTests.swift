import FrogData
import FrogNN
import XCTest

final class ClassBalancerTests: XCTestCase {
    // The seed survey's shape: uneven classes.
    let labels = Array(repeating: 0, count: 700) + Array(repeating: 1, count: 400) + Array(repeating: 2, count: 200)
        + Array(repeating: 3, count: 80) + Array(repeating: 4, count: 20)

    func testOversampleRepeatsToLargestClass() {
        var random = SeededRNG(seed: 1)
        let (indices, report) = ClassBalancer.oversample(labels, classCount: 5, using: &random)
        XCTAssertEqual(report.before, [700, 400, 200, 80, 20])
        XCTAssertEqual(report.after, [700, 700, 700, 700, 700])
        XCTAssertEqual(indices.count, 3500)
        // Class 3 (80) repeats 8 times whole plus 60 distinct extras: every example at least 8×.
        let class3 = indices.filter { labels[$0] == 3 }
        XCTAssertEqual(Set(class3).count, 80)
        XCTAssertEqual(Dictionary(class3.map { ($0, 1) }, uniquingKeysWith: +).values.min(), 8)
    }

    func testOversampleGivesBackgroundClassesTheirShare() {
        var random = SeededRNG(seed: 1)
        // Classes 0 and 4 are background: together 40 % of the draws, split evenly; the three
        // foreground classes are each drawn as often as the largest class (700).
        let (indices, report) = ClassBalancer.oversample(
            labels, classCount: 5, background: [0, 4], backgroundShare: 0.4, using: &random)
        XCTAssertEqual(report.after, [700, 700, 700, 700, 700], "0.4 / 0.6 × 2,100 = 1,400 split in two")
        XCTAssertEqual(indices.count, 3500)
        let (half, halfReport) = ClassBalancer.oversample(
            labels, classCount: 5, background: [4], backgroundShare: 0.5, using: &random)
        XCTAssertEqual(halfReport.after, [700, 700, 700, 700, 2800])
        XCTAssertEqual(Set(half.filter { labels[$0] == 4 }).count, 20, "every background example drawn")
        var again = SeededRNG(seed: 9), other = SeededRNG(seed: 9)
        XCTAssertEqual(
            ClassBalancer.oversample(labels, classCount: 5, background: [4], backgroundShare: 0.3, using: &again).indices,
            ClassBalancer.oversample(labels, classCount: 5, background: [4], backgroundShare: 0.3, using: &other).indices,
            "same seed, same order")
        let (plain, plainReport) = ClassBalancer.oversample(
            labels, classCount: 5, background: [], backgroundShare: 0.5, using: &random)
        XCTAssertEqual(plainReport.after, [700, 700, 700, 700, 700], "no background class present: plain oversampling")
        XCTAssertEqual(plain.count, 3500)
    }

    func testUndersampleKeepsSmallestClassSize() {
        var random = SeededRNG(seed: 1)
        let (indices, report) = ClassBalancer.undersample(labels, classCount: 5, using: &random)
        XCTAssertEqual(report.after, [20, 20, 20, 20, 20])
        XCTAssertEqual(Set(indices).count, 100, "no repeats")
    }

    func testClassWeightsAreInverseFrequencyWithMeanOne() {
        let weights = ClassBalancer.classWeights([700, 400, 200, 80, 20, 0])
        XCTAssertEqual(weights[5], 0)
        // n / (classes · n_c) = 1400 / (5 · 20) = 14 for the rarest class.
        XCTAssertEqual(weights[4], 14, accuracy: 1e-5)
        let counts: [Float] = [700, 400, 200, 80, 20]
        let mean = zip(weights, counts).map { $0 * $1 }.reduce(0, +) / 1400
        // Float sums of five products: 1e-5 covers rounding.
        XCTAssertEqual(mean, 1, accuracy: 1e-5)
    }

    func testBalancedBatchesHaveNearEqualClasses() {
        var random = SeededRNG(seed: 2)
        let sampler = BalancedBatchSampler(classIndices: labels, classCount: 5, batchSize: 32)
        let batches = sampler.epoch(using: &random)
        XCTAssertEqual(batches.count, 44)  // ceil(1400 / 32)
        for batch in batches {
            XCTAssertEqual(batch.count, 32)
            let counts = ClassBalancer.counts(batch.map { labels[$0] }, classCount: 5)
            // 32 over 5 classes: 6 each, two classes get one more.
            XCTAssertEqual(counts.min(), 6)
            XCTAssertEqual(counts.max(), 7)
        }
        var again = SeededRNG(seed: 2)
        XCTAssertEqual(sampler.epoch(using: &again), batches, "seeded")
    }
}
