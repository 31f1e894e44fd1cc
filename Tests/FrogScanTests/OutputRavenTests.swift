import Foundation
import FrogData
import FrogDetect
import FrogTestSupport
import XCTest

final class OutputRavenTests: XCTestCase {
    private func record(_ file: String, _ species: String, _ start: Double, _ end: Double, channel: Int? = nil) -> DetectionRecord {
        DetectionRecord(
            detection: Detection(file: file, channel: channel, start: start, end: end, species: species,
                                 confidence: 0.9, meanConfidence: 0.7),
            site: "pond", startTime: nil, modelID: "m1", threshold: 0.5, windowSeconds: 1.486, overlap: 0.5)
    }

    private let bands = FrequencyBands(bySpecies: ["crinia": 2000...4000], fallback: 100...11_025)

    func testRecordingTablesParseBackWithFrogDataReaders() throws {
        let folder = SharedData.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let records = [record("/r/a.wav", "crinia", 1.25, 2.5), record("/r/a.wav", "litoria", 3, 4.125, channel: 2)]
        let raven = folder.appendingPathComponent("a.selections.txt")
        try RavenOutput.write(RavenOutput.selections(records, bands: bands), to: raven)
        let rows = try RavenTable.readSelections(path: raven.path).map(\.selection)
        XCTAssertEqual(rows.map(\.selection), [1, 2])
        XCTAssertEqual(rows.map(\.channel), [1, 2])
        XCTAssertEqual(rows.map(\.beginSeconds), [1.25, 3])
        XCTAssertEqual(rows.map(\.endSeconds), [2.5, 4.125])
        XCTAssertEqual(rows.map(\.lowHz), [2000, 100], "species band, else the feature range")
        XCTAssertEqual(rows.map(\.highHz), [4000, 11_025])
        XCTAssertEqual(rows.map { $0.values["Species"] }, ["crinia", "litoria"])
        XCTAssertEqual(rows.first?.values["Begin File"], "a.wav")
        XCTAssertEqual(rows.first?.values["Begin Path"], "/r/a.wav")
        XCTAssertEqual(rows.first?.values["Model ID"], "m1")
        // Raven's own column order leads the header.
        let header = try String(contentsOf: raven, encoding: .utf8).split(separator: "\n")[0]
        XCTAssertTrue(header.hasPrefix("Selection\tView\tChannel\tBegin Time (s)\tEnd Time (s)\tLow Freq (Hz)\tHigh Freq (Hz)\tBegin File\tBegin Path\tFile Offset (s)\tSpecies\tConfidence"), String(header))

        let labels = folder.appendingPathComponent("a.labels.txt")
        try AudacityOutput.write(records, bands: bands, to: labels)
        let back = try AudacityLabels.readLabels(path: labels.path).map(\.label)
        XCTAssertEqual(back.map(\.label), ["crinia", "litoria"])
        XCTAssertEqual(back.map(\.startSeconds), [1.25, 3])
        XCTAssertEqual(back.map(\.endSeconds), [2.5, 4.125])
        XCTAssertEqual(back.first?.lowHz, 2000)
    }

    func testCombinedTableCountsTimeOverTheSequence() {
        let outcomes = [
            RecordingOutcome(file: "/r/1.wav", durationSeconds: 60, channels: 1, records: [record("/r/1.wav", "crinia", 10, 11)]),
            RecordingOutcome(file: "/r/2.wav", durationSeconds: 30, channels: 1, records: []),
            RecordingOutcome(file: "/r/3.wav", durationSeconds: 60, channels: 1, records: [record("/r/3.wav", "crinia", 5, 6)]),
        ]
        let rows = RavenOutput.combinedSelections(outcomes, bands: bands)
        XCTAssertEqual(rows.map(\.selection), [1, 2], "no placeholder row for the empty recording")
        XCTAssertEqual(rows.map(\.beginSeconds), [10, 95])
        XCTAssertEqual(rows.map(\.endSeconds), [11, 96])
        XCTAssertEqual(rows.map { $0.values["Begin File"] }, ["1.wav", "3.wav"])
        XCTAssertEqual(rows.map { $0.values["File Offset (s)"] }, ["10.000000", "5.000000"])
    }
}
