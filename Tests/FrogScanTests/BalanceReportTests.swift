@testable import FrogTrain
import XCTest

final class BalanceReportTests: XCTestCase {
    /// Class 0 keeps a quarter of its windows: oversampling evens the draws of an epoch out,
    /// and the report shows both counts.
    func testReportsCountsBeforeAndAfterBalancing() throws {
        var data = TrainSyntheticData.data()
        var dropped = 0
        data.train.removeAll { example in
            guard example.classIndex == 0, dropped < 24 else { return false }
            dropped += 1
            return true
        }
        var config = try TrainSyntheticData.config(.cnn, epochs: 1)
        config.train.stepsPerEpoch = 6
        config.train.batchSize = 16
        let report = try Trainer(config: config, data: data, log: { _ in }).balanceReport()
        let lines = report.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 1 + 3 + 1, report)
        XCTAssertTrue(lines[0].contains("oversample"), report)
        // 8 recordings × 4 windows per class; class 0 lost 24.
        XCTAssertTrue(lines[1].contains("species_0") && lines[1].contains(" 8 → "), report)
        XCTAssertTrue(lines[2].contains(" 32 → "), report)
        let after = lines[1...3].map { Int($0.split(separator: "→")[1].trimmingCharacters(in: .whitespaces))! }
        XCTAssertEqual(after.reduce(0, +), 96)
        XCTAssertLessThanOrEqual(after.max()! - after.min()!, 2, report)
        XCTAssertTrue(lines[4].contains("4.0 before"), report)

        // species_2 as the background class with half of every epoch's draws.
        var exposed = config
        exposed.data.backgroundClasses = ["species_2"]
        exposed.balance.backgroundShare = 0.5
        let shared = try Trainer(config: exposed, data: data, log: { _ in }).balanceReport()
        let draws = shared.split(separator: "\n").dropFirst().prefix(3).map {
            Int($0.split(separator: "→")[1].trimmingCharacters(in: .whitespaces))!
        }
        XCTAssertEqual(draws.reduce(0, +), 96, shared)
        XCTAssertEqual(Double(draws[2]), 48, accuracy: 4, shared)
        XCTAssertLessThanOrEqual(abs(draws[0] - draws[1]), 3, shared)

        config.balance.mode = .class_weights
        let weighted = try Trainer(config: config, data: data, log: { _ in }).balanceReport()
        XCTAssertTrue(weighted.contains("loss weight"), weighted)
    }
}
