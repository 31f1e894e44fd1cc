@testable import FrogConfig
import FrogTestSupport
@testable import FrogTrain
import XCTest

final class RunsTests: XCTestCase {
    func testSweepGridIsTheCartesianProduct() throws {
        let grid = try SweepGrid.combinations(["model.conv_layers=2,3", "model.kernel_sizes=[5,3],[3]"])
        XCTAssertEqual(grid, [
            ["model.conv_layers=2", "model.kernel_sizes=[5,3]"], ["model.conv_layers=2", "model.kernel_sizes=[3]"],
            ["model.conv_layers=3", "model.kernel_sizes=[5,3]"], ["model.conv_layers=3", "model.kernel_sizes=[3]"],
        ])
        XCTAssertThrowsError(try SweepGrid.combinations(["novalues"]))
    }

    func testRunFolderNamesAndListing() throws {
        let root = SharedData.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let date = Date(timeIntervalSince1970: 1_795_000_000)  // 2026-11-18 11:06:40 UTC
        let first = try RunFolder.create(in: root.path, name: "cnn", date: date)
        let second = try RunFolder.create(in: root.path, name: "cnn", date: date)
        XCTAssertEqual(first.name, "20261118-110640-cnn")
        XCTAssertEqual(second.name, "20261118-110640-cnn-2")
        try ConfigLoader.yaml(RunConfig()).write(toFile: first.configPath, atomically: true, encoding: .utf8)
        try RunSummary(
            name: "cnn", family: "cnn", flags: ["train.epochs=3"], bestEpoch: 2, epochs: 3, stoppedEarly: false,
            validationAccuracy: 0.9, validationMacroF1: 0.85, testMacroF1: 0.8, validationRecordingMacroF1: 1,
            testRecordingMacroF1: 0.9, generalizationGap: 0.05, seconds: 12
        ).write(to: first.summaryPath)
        let table = RunTable.list(root: root.path)
        XCTAssertTrue(table.contains("20261118-110640-cnn "), table)
        XCTAssertTrue(table.contains("0.850"), table)
        XCTAssertTrue(table.contains("train.epochs=3"), table)
        XCTAssertFalse(table.contains("cnn-2"), "folders without config.yaml are not runs: \(table)")
    }

    func testEpochRecordCSVRoundTrip() {
        let record = EpochRecord(
            epoch: 3, loss: 0.5, accuracy: 0.75, validationLoss: 0.625, validationAccuracy: 0.5,
            validationMacroF1: 0.25, learningRate: 0.001, seconds: 1.5)
        XCTAssertEqual(EpochRecord(csvRow: record.csvRow), record)
        XCTAssertEqual(EpochRecord.csvHeader.split(separator: ",").count, record.csvRow.split(separator: ",").count)
    }
}
