import FrogTestSupport
import Foundation
import XCTest

/// `benchmarks/spread.py`, the summary of `make bench`'s repeated rounds: min / median / max per
/// side, ratios of medians and of minimums, per-round ratios and 2-thread scaling.
final class SpreadScriptTests: XCTestCase {
    func testSummarisesRoundsAndRatios() throws {
        guard let python = Script.find(onPath: "python3") else { throw XCTSkip("python3 is not on PATH") }
        let folder = SharedData.temporaryDirectory("frogscan-spread")
        defer { try? FileManager.default.removeItem(at: folder) }
        // frogscan 200/300/250 and the peer 100/150/200 samples/s at 1 thread; 2 threads once.
        let rows = [
            ("frogscan", 1, 1, 200.0), ("frogscan", 1, 2, 300), ("frogscan", 1, 3, 250),
            ("peer", 1, 1, 100), ("peer", 1, 2, 150), ("peer", 1, 3, 200),
            ("frogscan", 2, 1, 360), ("peer", 2, 1, 120), ("other", 1, 1, 50),
        ]
        let tsv = folder.appendingPathComponent("rounds.tsv")
        try rows.map { "\($0.0)\tcnn-train\t\($0.1)\t\($0.2)\t\($0.3)" }.joined(separator: "\n")
            .appending("\n").write(to: tsv, atomically: true, encoding: .utf8)
        let csv = folder.appendingPathComponent("spread.csv")
        let (status, text) = try Script.run(python, [
            SharedData.repositoryRoot.appendingPathComponent("benchmarks/spread.py").path,
            tsv.path, "--versus", "peer", "--csv", csv.path])
        XCTAssertEqual(status, 0, text)
        // Medians 250 / 150 → 1.67×; minimums 200 / 100 → 2.00×; per round 2.00, 2.00, 1.25.
        XCTAssertTrue(text.contains("1.67x") && text.contains("2.00x") && text.contains("1.25–2.00x"), text)
        XCTAssertTrue(text.contains("2 threads / 1 thread, frogscan cnn-train: min 1.80x"), text)
        XCTAssertTrue(text.contains("also other, cnn-train 1 thr"), text)
        let table = try String(contentsOf: csv, encoding: .utf8)
        XCTAssertTrue(table.hasPrefix("workload,threads,rounds,frogscan_min,frogscan_median,frogscan_max"), table)
        XCTAssertTrue(table.contains("cnn-train,1,3,200.0,250.0,300.0,peer,100.0,150.0,200.0"), table)
    }
}
