import Foundation
import FrogEvaluate
import XCTest

/// Compares FrogScan's metrics with scikit-learn's on the cases written by
/// `Tests/Fixtures/generate/metrics_fixtures.py` (sklearn version recorded in the JSON).
final class MetricsFixtureTests: XCTestCase {
    /// Both sides compute in Double from the same counts; only summation order differs, which
    /// moves results by a few ulps, far below this.
    let tolerance = 1e-9

    struct Fixture: Decodable {
        var sklearn: String
        var cases: [Case]
    }

    struct Case: Decodable {
        var name: String
        var kind: String
        var classes: Int
        var truth: AnyTruth
        var scores: [[Double]]
        var thresholds: [Double]?
        var expected: Expected
    }

    /// Multi-class truth is `[Int]`, multi-label truth `[[Int]]`.
    enum AnyTruth: Decodable {
        case single([Int])
        case multi([[Int]])

        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let single = try? container.decode([Int].self) {
                self = .single(single)
            } else {
                self = .multi(try container.decode([[Int]].self))
            }
        }
    }

    struct Averages: Decodable {
        var precision: Double
        var recall: Double
        var f1: Double
    }

    struct Expected: Decodable {
        var precision: [Double]
        var recall: [Double]
        var f1: [Double]
        var support: [Int]
        var confusion: [[Int]]?
        var accuracy: Double
        var ap: [Double?]
        var auroc: [Double?]
        var averages: [String: Averages]
    }

    func loadFixture() throws -> Fixture {
        let url = try XCTUnwrap(Bundle.module.resourceURL?.appendingPathComponent("Fixtures/metrics_sklearn.json"))
        return try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
    }

    func assertClasses(_ perClass: [ClassMetrics], _ expected: Expected, _ name: String) {
        XCTAssertEqual(perClass.map(\.support), expected.support, name)
        for (c, m) in perClass.enumerated() {
            XCTAssertEqual(m.precision, expected.precision[c], accuracy: tolerance, "\(name) precision[\(c)]")
            XCTAssertEqual(m.recall, expected.recall[c], accuracy: tolerance, "\(name) recall[\(c)]")
            XCTAssertEqual(m.f1, expected.f1[c], accuracy: tolerance, "\(name) f1[\(c)]")
            assertOptional(m.averagePrecision, expected.ap[c], "\(name) ap[\(c)]")
            assertOptional(m.rocAUC, expected.auroc[c], "\(name) auroc[\(c)]")
        }
    }

    func assertOptional(_ actual: Double?, _ expected: Double?, _ message: String) {
        switch (actual, expected) {
        case (nil, nil): break
        case let (a?, e?): XCTAssertEqual(a, e, accuracy: tolerance, message)
        default: XCTFail("\(message): \(String(describing: actual)) vs \(String(describing: expected))")
        }
    }

    func assertAverages(_ actual: [String: AveragedMetrics], _ expected: [String: Averages], _ name: String) {
        for (key, e) in expected {
            let a = actual[key]!
            XCTAssertEqual(a.precision, e.precision, accuracy: tolerance, "\(name) \(key) precision")
            XCTAssertEqual(a.recall, e.recall, accuracy: tolerance, "\(name) \(key) recall")
            XCTAssertEqual(a.f1, e.f1, accuracy: tolerance, "\(name) \(key) f1")
        }
    }

    func testMultiClassAgreesWithSklearn() throws {
        let fixture = try loadFixture()
        let cases = fixture.cases.filter { $0.kind == "multiclass" }
        XCTAssertEqual(cases.count, 3)
        for test in cases {
            guard case .single(let truth) = test.truth else { return XCTFail("\(test.name): truth shape") }
            let scores = test.scores.map { $0.map(Float.init) }
            let metrics = ClassificationMetrics(classCount: test.classes, truth: truth, scores: scores)
            assertClasses(metrics.perClass, test.expected, test.name)
            XCTAssertEqual(metrics.accuracy, test.expected.accuracy, accuracy: tolerance, test.name)
            XCTAssertEqual(metrics.confusion.counts, test.expected.confusion?.flatMap { $0 }, test.name)
            assertAverages(["macro": metrics.macro, "micro": metrics.micro, "weighted": metrics.weighted],
                           test.expected.averages, test.name)
        }
    }

    func testMultiLabelAgreesWithSklearn() throws {
        let fixture = try loadFixture()
        let test = try XCTUnwrap(fixture.cases.first { $0.kind == "multilabel" })
        guard case .multi(let truth) = test.truth else { return XCTFail("multilabel truth shape") }
        let metrics = MultiLabelMetrics(
            truth: truth.map { $0.map { $0 == 1 } }, scores: test.scores.map { $0.map(Float.init) },
            thresholds: try XCTUnwrap(test.thresholds).map(Float.init))
        assertClasses(metrics.perClass, test.expected, test.name)
        XCTAssertEqual(metrics.subsetAccuracy, test.expected.accuracy, accuracy: tolerance)
        assertAverages(["macro": metrics.macro, "micro": metrics.micro, "weighted": metrics.weighted],
                       test.expected.averages, test.name)
    }
}
