import FrogData
import XCTest

final class RavenTableTests: XCTestCase {
    func testBothViewsBOMAndCRLFCountEachSelectionOnce() throws {
        let path = try FixtureFiles.path("labels/site1_20231012.Table.1.selections.txt")
        let annotations = try RavenTable.read(path: path, recording: "site1_20231012")
        XCTAssertEqual(annotations.count, 3)
        XCTAssertEqual(annotations.map(\.label), ["C. signifera", "Litoria fallax", "Common Eastern Froglet"])
        XCTAssertEqual(annotations.map(\.start), [1.25, 3.5, 10])
        XCTAssertEqual(annotations.map(\.end), [2, 4.25, 11.5])
        // Selection 2's waveform row comes first; the spectrogram row's box must win.
        XCTAssertEqual(annotations[1].lowHz, 800)
        XCTAssertEqual(annotations[1].highHz, 2500)
        XCTAssertEqual(annotations[1].channel, 2)
        XCTAssertEqual(annotations[1].attributes["Notes"], "faint, with crickets")
        XCTAssertEqual(annotations[2].attributes["Notes"], "grenouille à l'étang")
        XCTAssertNil(annotations[0].attributes["Species"], "the label column is not an attribute")
        XCTAssertTrue(annotations[0].source.hasSuffix("site1_20231012.Table.1.selections.txt:2"), annotations[0].source)
    }

    func testBeginFileAndFileOffsetGiveTimesWithinThatFile() throws {
        let path = try FixtureFiles.path("labels/filelist.Table.1.selections.txt")
        let annotations = try RavenTable.read(path: path, recording: "filelist")
        XCTAssertEqual(annotations.map(\.file), ["night_a.wav", "night_b.wav"])
        XCTAssertEqual(annotations.map(\.start), [5, 5])
        XCTAssertEqual(annotations.map(\.end), [6, 6.5])
        XCTAssertEqual(annotations.map(\.label), ["L. fallax", "L. fallax"])
    }

    func testErrorNamesFileLineAndColumn() throws {
        let path = try FixtureFiles.path("labels/broken.Table.1.selections.txt")
        XCTAssertThrowsError(try RavenTable.read(path: path, recording: "broken")) { error in
            XCTAssertEqual("\(error)", "\(path):3: Begin Time (s) 'abc' is not a number")
        }
    }

    /// Found by the FuzzRaven target: a whole number too large for an Int trapped.
    func testSelectionOrChannelBeyondIntIsReportedNotATrap() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("raven-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let header = "Selection\tView\tChannel\tBegin Time (s)\tEnd Time (s)\tSpecies\n"
        for (row, message) in [
            ("1e300\tSpectrogram 1\t1\t0.5\t1\tfrog", "Selection '1e300' is not a whole number"),
            ("1\tSpectrogram 1\t-9.3e18\t0.5\t1\tfrog", "Channel '-9.3e18' is not a whole number"),
            ("1\tSpectrogram 1\t1.5\t0.5\t1\tfrog", "Channel '1.5' is not a whole number"),
        ] {
            let path = folder.appendingPathComponent("x.Table.1.selections.txt").path
            try (header + row + "\n").write(toFile: path, atomically: true, encoding: .utf8)
            XCTAssertThrowsError(try RavenTable.read(path: path, recording: "x")) { error in
                XCTAssertEqual("\(error)", "\(path):2: \(message)")
            }
        }
    }

    func testMissingLabelColumnIsReported() throws {
        let path = try FixtureFiles.path("labels/site1_20231012.Table.1.selections.txt")
        XCTAssertThrowsError(try RavenTable.read(path: path, recording: "x", labelColumn: "Call Type")) { error in
            XCTAssertTrue("\(error)".contains("'Call Type'"), "\(error)")
        }
    }

    func testWriteThenReadRoundTrips() throws {
        let folder = FixtureFiles.folder(with: [])
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("out/rec.selections.txt").path
        let rows = [
            RavenSelection(
                selection: 1, beginSeconds: 0.5, endSeconds: 2.25, lowHz: 300, highHz: 4000,
                values: ["Species": "litoria_fallax", "Confidence": "0.913", "Begin File": "rec.wav"]),
            RavenSelection(
                selection: 2, channel: 2, beginSeconds: 10, endSeconds: 11.5,
                values: ["Species": "tab\there", "Begin File": "rec.wav"]),
        ]
        try RavenTable.write(rows, extraColumns: ["Begin File", "File Offset (s)", "Species", "Confidence"], to: path)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertTrue(text.hasPrefix(
            "Selection\tView\tChannel\tBegin Time (s)\tEnd Time (s)\tLow Freq (Hz)\tHigh Freq (Hz)\tBegin File\t"))
        let back = try RavenTable.readSelections(path: path).map(\.selection)
        XCTAssertEqual(back.count, 2)
        XCTAssertEqual(back[0].beginSeconds, 0.5)
        XCTAssertEqual(back[0].endSeconds, 2.25)
        XCTAssertEqual(back[0].highHz, 4000)
        XCTAssertEqual(back[0].values["Confidence"], "0.913")
        XCTAssertEqual(back[1].channel, 2)
        XCTAssertEqual(back[1].values["Species"], "tab here", "a tab inside a value must not shift columns")
        // No temporary file left behind by the atomic write.
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("out").path)
        XCTAssertEqual(left, ["rec.selections.txt"])
    }
}
