import FrogData
import XCTest

final class AnnotationCSVTests: XCTestCase {
    func testQuotedFieldsWeakLabelsAndRelativeFiles() throws {
        let path = try FixtureFiles.path("labels/quoted.csv")
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let annotations = try AnnotationCSV.read(path: path)
        XCTAssertEqual(annotations.count, 3)
        XCTAssertEqual(annotations[0].file, folder + "/audio/site1_20231012.wav")
        XCTAssertEqual(annotations[0].label, "Limnodynastes tasmaniensis")
        XCTAssertEqual(annotations[0].attributes["site"], "Dam 3, north")
        XCTAssertEqual(annotations[0].attributes["notes"], "said \"pobble\"")
        XCTAssertNil(annotations[0].lowHz)
        XCTAssertEqual(annotations[1].highHz, 2600)
        XCTAssertEqual(annotations[1].attributes["notes"], "two\r\nlines")
        XCTAssertTrue(annotations[2].isWholeRecording)
        // The third record starts on line 5: the quoted line break in record 2 takes a line.
        XCTAssertTrue(annotations[2].source.hasSuffix("quoted.csv:5"), annotations[2].source)
    }

    func testRFC4180Parser() throws {
        let records = try CSVRecords.parse("a,\"b,c\",\"d\"\"e\"\n\n,\"\"\r\nlast", source: "t.csv")
        XCTAssertEqual(records.map(\.fields), [["a", "b,c", "d\"e"], ["", ""], ["last"]])
        XCTAssertEqual(records.map(\.line), [1, 3, 4])
        XCTAssertThrowsError(try CSVRecords.parse("a\n\"open,b\n", source: "t.csv")) { error in
            XCTAssertEqual("\(error)", "t.csv:2: a quoted field is never closed")
        }
    }

    func testBadNumberNamesFileAndLine() throws {
        let folder = FixtureFiles.folder(with: [])
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("a.csv").path
        try "file,start_s,end_s,label\nx.wav,1,two,frog\n".write(toFile: path, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try AnnotationCSV.read(path: path)) { error in
            XCTAssertEqual("\(error)", "\(path):2: end_s 'two' is not a number")
        }
    }

    func testWriteThenReadRoundTrips() throws {
        let folder = FixtureFiles.folder(with: [])
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("labels.csv").path
        let annotations = [
            Annotation(file: folder.path + "/a b.wav", start: 1, end: 2.5, label: "x, \"quoted\"", attributes: ["site": "N"]),
            Annotation(file: folder.path + "/c.wav", start: nil, end: nil, label: "y", lowHz: 100, highHz: 900),
        ]
        try AnnotationCSV.write(annotations, extraColumns: ["site"], relativeTo: folder.path, to: path)
        XCTAssertTrue(try String(contentsOfFile: path, encoding: .utf8).contains("\na b.wav,"))
        let back = try AnnotationCSV.read(path: path)
        XCTAssertEqual(back.map(\.file), annotations.map(\.file))
        XCTAssertEqual(back.map(\.label), annotations.map(\.label))
        XCTAssertEqual(back.map(\.start), annotations.map(\.start))
        XCTAssertEqual(back.map(\.highHz), annotations.map(\.highHz))
        XCTAssertEqual(back[0].attributes, ["site": "N"])
    }
}
