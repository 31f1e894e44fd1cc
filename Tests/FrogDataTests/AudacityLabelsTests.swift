import FrogData
import XCTest

final class AudacityLabelsTests: XCTestCase {
    func testReadsLabelsWithFrequencyLines() throws {
        let path = try FixtureFiles.path("labels/site2_20231013.txt")
        let annotations = try AudacityLabels.read(path: path, recording: "site2_20231013")
        XCTAssertEqual(annotations.map(\.label), ["Litoria fallax", "point label", "Crinia signifera"])
        XCTAssertEqual(annotations[0].lowHz, 900)
        XCTAssertEqual(annotations[0].highHz, 2600)
        XCTAssertNil(annotations[2].lowHz)
        XCTAssertEqual(annotations[2].start, 5.25)
        XCTAssertEqual(annotations[2].end, 7.5)
        XCTAssertTrue(annotations[2].source.hasSuffix(":4"), annotations[2].source)
    }

    func testWriteThenReadRoundTrips() throws {
        let folder = FixtureFiles.folder(with: [])
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("rec.labels.txt").path
        let labels = [
            AudacityLabel(startSeconds: 1.5, endSeconds: 3, label: "crinia_signifera 0.87", lowHz: 2000, highHz: 4500),
            AudacityLabel(startSeconds: 4, endSeconds: 4.000001, label: "litoria_fallax"),
        ]
        try AudacityLabels.write(labels, to: path)
        XCTAssertEqual(try AudacityLabels.readLabels(path: path).map(\.label), labels)
    }

    func testFrequencyLineFirstIsAnError() throws {
        let folder = FixtureFiles.folder(with: [])
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("bad.txt").path
        try "\\\t1\t2\n".write(toFile: path, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try AudacityLabels.readLabels(path: path)) { error in
            XCTAssertEqual("\(error)", "\(path):1: frequency line before any label")
        }
    }
}
