import Foundation
import FrogCore
import FrogTestSupport
import XCTest

final class FilesTests: XCTestCase {
    func testAtomicWriteReplacesAndLeavesNoTemporaryFiles() throws {
        let dir = SharedData.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("sub/out.csv")
        try AtomicFile.write("a\n", to: url)
        try AtomicFile.write("b\n", to: url)
        XCTAssertEqual(try String(contentsOf: url, encoding: .utf8), "b\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("sub").path), ["out.csv"])
    }

    func testAtomicWriteErrorNamesThePath() throws {
        let dir = SharedData.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let blocker = dir.appendingPathComponent("file")
        try AtomicFile.write("x", to: blocker)
        let url = blocker.appendingPathComponent("child.csv")  // parent is a file
        XCTAssertThrowsError(try AtomicFile.write("y", to: url)) { error in
            XCTAssertTrue("\(error)".contains(url.path), "\(error)")
        }
    }

    func testCSVQuotingAndNumberFormat() {
        var table = CSVTable(columns: ["file", "note"])
        table.append(["a,b.wav", "say \"hi\""])
        table.append(["c.wav", "plain"])
        XCTAssertEqual(table.text, "file,note\n\"a,b.wav\",\"say \"\"hi\"\"\"\nc.wav,plain\n")
        XCTAssertEqual(table.rowCount, 2)
        XCTAssertEqual(CSVTable.format(-0.0001), "0.000")
        XCTAssertEqual(CSVTable.format(2.5, decimals: 1), "2.5")
        XCTAssertEqual(CSVTable.format(.nan), "NA")
    }

    func testContentHashChangesWithContentAndIsStable() throws {
        let dir = SharedData.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("a.bin")
        let bytes = Data((0..<3_000_001).map { UInt8(truncatingIfNeeded: $0 &* 7) })
        try bytes.write(to: url)
        let first = try ContentHash.ofFile(at: url)
        XCTAssertEqual(first, try ContentHash.ofFile(at: url))
        XCTAssertEqual(first, ContentHash.of(bytes), "chunked file hash equals in-memory hash")
        XCTAssertEqual(first.count, 16)
        var changed = bytes
        changed[1_500_000] ^= 1
        XCTAssertNotEqual(first, ContentHash.of(changed))
        XCTAssertNotEqual(ContentHash.of(Data([0])), ContentHash.of(Data([0, 0])), "length matters")
    }
}
