import FrogTestSupport
import Foundation
import XCTest

/// `benchmarks/adapt_loop.sh --tiny`: the whole adaptation loop (synth → train → detect →
/// review sample answered from the truth → retrain with data.reviews, from scratch and
/// fine-tuned, and a fine-tuned control without the review → score held-out nights) runs with the built binary and writes its table. Whether
/// the model improves is not asserted: on a few ten-second files after two epochs it is noise.
final class AdaptLoopScriptTests: XCTestCase {
    func testTinyLoopRunsAndWritesTheTable() throws {
        guard Script.find(onPath: "python3") != nil else { throw XCTSkip("python3 is not on PATH") }
        let out = SharedData.temporaryDirectory("frogscan-adapt-loop")
        defer { try? FileManager.default.removeItem(at: out) }
        let script = SharedData.repositoryRoot.appendingPathComponent("benchmarks/adapt_loop.sh")

        let (status, text) = try Script.run("/bin/bash", [script.path, CLI.executable.path, out.path, "--tiny"])
        XCTAssertEqual(status, 0, text)

        let csv = try String(contentsOf: out.appendingPathComponent("adapt_loop.csv"), encoding: .utf8)
        let lines = csv.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.first, "model,presence_macro_f1,false_detections_per_hour,detections,false_detections,files,hours")
        XCTAssertTrue(lines.contains { $0.hasPrefix("before (first model),") }, csv)
        XCTAssertTrue(lines.contains { $0.hasPrefix("after: from scratch + reviews,") }, csv)
        XCTAssertTrue(lines.contains { $0.hasPrefix("after: fine-tuned + reviews,") }, csv)
        XCTAssertTrue(lines.contains { $0.hasPrefix("control: fine-tuned without reviews,") }, csv)
        XCTAssertTrue(text.contains("answered"), "the review was answered from the truth: \(text)")
        let table = try String(
            contentsOf: out.appendingPathComponent("review/review.selections.txt"), encoding: .utf8)
        let rows = table.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false) }
        let verdict = try XCTUnwrap(rows.first?.firstIndex(of: "Verdict"), table)
        XCTAssertTrue(rows.dropFirst().contains { $0.count > verdict && !$0[verdict].isEmpty }, "verdicts written: \(table)")
    }
}
