import FrogTestSupport
import Foundation
import XCTest

/// `frogscan plot bars`: a CSV summary becomes a PNG; a wrong column is exit 1 naming the file.
final class PlotCommandTests: XCTestCase {
    func testDrawsASummaryAndNamesAMissingColumn() throws {
        let folder = SharedData.temporaryDirectory("frogscan-plot")
        defer { try? FileManager.default.removeItem(at: folder) }
        let csv = folder.appendingPathComponent("summary.csv")
        try "k,method,f1,f1_sd\n1,scratch,0.4,0.05\n1,transfer,0.6,0.04\n2,scratch,0.5,0.1\n2,transfer,0.7,0.02\n"
            .write(to: csv, atomically: true, encoding: .utf8)
        let png = folder.appendingPathComponent("out/plot.png")
        try FileManager.default.createDirectory(at: png.deletingLastPathComponent(), withIntermediateDirectories: true)
        let ok = try CLI.run(["plot", "bars", "--csv", csv.path, "--category", "k", "--series", "method",
                              "--y", "f1", "--error-suffix", "_sd", "--y-max", "1", "--title", "t", "-o", png.path])
        XCTAssertEqual(ok.status, 0, ok.stderr)
        let bytes = try Data(contentsOf: png)
        XCTAssertEqual(Array(bytes.prefix(4)), [0x89, 0x50, 0x4E, 0x47], "a PNG")
        // IHDR width (big-endian, bytes 16–19): two panels need more than one panel's 560 px.
        let width = bytes[16..<20].reduce(0) { $0 << 8 | Int($1) }
        XCTAssertGreaterThan(width, 500)

        let bad = try CLI.run(["plot", "bars", "--csv", csv.path, "--category", "k", "--y", "recall", "-o", png.path])
        XCTAssertEqual(bad.status, 1)
        XCTAssertTrue(bad.stderr.contains("\(csv.path):1: no 'recall' column"), bad.stderr)
        let none = try CLI.run(["plot", "bars", "--csv", csv.path, "--category", "k"])
        XCTAssertNotEqual(none.status, 0)
        XCTAssertTrue(none.stderr.contains("--y"), none.stderr)
    }
}
