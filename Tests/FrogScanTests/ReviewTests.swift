import FrogAudio
import FrogData
@testable import FrogDetect
@testable import FrogReview
import FrogTestSupport
import XCTest

/// `review sample` / `review summary`: bins, the stratified seeded draw, verdicts, the table's
/// round trip through the Raven reader, the files written, and precision with Wilson intervals.
final class ReviewTests: XCTestCase {
    private var root: URL!

    override func setUpWithError() throws {
        root = SharedData.temporaryDirectory("frogscan-review")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: root)
    }

    private func candidate(
        _ species: String, _ confidence: Float, file: String = "a.wav", start: Double, site: String? = nil, night: String? = nil
    ) -> ReviewCandidate {
        ReviewCandidate(
            record: DetectionRecord(
                detection: Detection(file: file, start: start, end: start + 0.5, species: species, confidence: confidence, meanConfidence: confidence),
                site: site, startTime: nil, modelID: "m", threshold: 0.5, windowSeconds: 1.5, overlap: 0.5),
            night: night)
    }

    func testBinsAreHalfOpenExceptTheLast() throws {
        let bins = try ConfidenceBins.parse("0.5, 0.7,0.9,1.0")
        XCTAssertEqual(bins.count, 3)
        XCTAssertNil(bins.index(of: 0.49))
        XCTAssertEqual(bins.index(of: 0.5), 0)
        XCTAssertEqual(bins.index(of: 0.6999), 0)
        XCTAssertEqual(bins.index(of: 0.7), 1)
        XCTAssertEqual(bins.index(of: 0.95), 2)
        XCTAssertEqual(bins.index(of: 1.0), 2)
        XCTAssertEqual(bins.label(1), "0.70-0.90")
        for bad in ["0.7,0.5", "0.5", "0.5,x", "0.5,1.5", "0.5,0.5"] {
            XCTAssertThrowsError(try ConfidenceBins.parse(bad), bad)
        }
    }

    /// 25 A in the lowest bin, 3 A in the highest, 12 B in the middle, 2 below every bin.
    private func pool() -> [ReviewCandidate] {
        (0..<25).map { candidate("A", 0.5 + Float($0 % 10) * 0.01, start: Double($0)) }
            + (0..<3).map { candidate("A", 0.95, file: "b.wav", start: Double($0)) }
            + (0..<12).map { candidate("B", 0.8, file: "c.wav", start: Double($0)) }
            + (0..<2).map { candidate("B", 0.3, file: "c.wav", start: 100 + Double($0)) }
    }

    func testSampleIsStratifiedCappedPerCellAndTakesAllOfSmallCells() throws {
        let sampler = ReviewSampler(bins: try ConfidenceBins.parse("0.5,0.7,0.9,1.0"), perCell: 5, seed: 1)
        let (items, cells) = sampler.sample(pool())
        XCTAssertEqual(cells.map { "\($0.cell.species)\($0.cell.bin):\($0.drawn)/\($0.available)" }, ["A0:5/25", "A2:3/3", "B1:5/12"])
        XCTAssertEqual(items.count, 13)
        for item in items {
            XCTAssertEqual(sampler.cell(of: item.candidate), item.cell, "every item is in the cell it is listed under")
        }
        XCTAssertEqual(Set(items.filter { $0.cell.bin == 2 }.map(\.candidate.record.detection.start)), [0, 1, 2])
        XCTAssertFalse(items.contains { $0.candidate.record.detection.confidence < 0.5 }, "below the bins: never drawn")
    }

    func testSameSeedSameSampleWhateverTheInputOrder() throws {
        let sampler = ReviewSampler(bins: try ConfidenceBins.parse("0.5,0.7,0.9,1.0"), perCell: 5, seed: 42)
        var random = SystemRandomNumberGenerator()
        let first = sampler.sample(pool()).items
        let again = sampler.sample(pool().shuffled(using: &random)).items
        XCTAssertEqual(first, again)
        var other = sampler
        other.seed = 43
        let starts = { (items: [ReviewSampler.Item]) in items.filter { $0.cell.species == "A" && $0.cell.bin == 0 }.map(\.candidate.record.detection.start) }
        XCTAssertNotEqual(starts(first), starts(other.sample(pool()).items), "another seed draws another 5 of the 25")
    }

    func testSiteAndNightSplitCells() throws {
        let candidates = (0..<8).map { candidate("A", 0.8, start: Double($0), site: $0 < 4 ? "north" : "south", night: $0 % 2 == 0 ? "2024-10-01" : nil) }
        let sampler = ReviewSampler(bins: try ConfidenceBins.parse("0.5,1"), perCell: 1, seed: 1, bySite: true, byNight: true)
        let (items, cells) = sampler.sample(candidates)
        XCTAssertEqual(cells.map { "\($0.cell.site)/\($0.cell.night):\($0.available)" },
                       ["north/2024-10-01:2", "north/unknown:2", "south/2024-10-01:2", "south/unknown:2"])
        XCTAssertEqual(items.count, 4)
    }

    func testNightOfAWallClockTimeFollowsTheNightStart() {
        XCTAssertEqual(ReviewCandidate.night(ofWallTime: "2024-10-02T03:10:00.000", startHour: 12), "2024-10-01")
        XCTAssertEqual(ReviewCandidate.night(ofWallTime: "2024-10-01T19:00:00.000", startHour: 12), "2024-10-01")
        XCTAssertEqual(ReviewCandidate.night(ofWallTime: "2024-03-01T01:00:00", startHour: 12), "2024-02-29")
        XCTAssertNil(ReviewCandidate.night(ofWallTime: "", startHour: 12))
    }

    func testVerdictParsing() throws {
        let classes = ["Crinia signifera", "Litoria fallax", "noise"]
        func parse(_ text: String, _ species: String = "Litoria fallax") throws -> ReviewVerdict {
            try ReviewVerdict.parse(text, itemSpecies: species, classes: classes, location: "t.txt:7")
        }
        XCTAssertEqual(try parse("YES"), .yes)
        XCTAssertEqual(try parse(" No "), .no)
        XCTAssertEqual(try parse("Unsure"), .unsure)
        XCTAssertEqual(try parse(""), .notReviewed)
        XCTAssertEqual(try parse("   "), .notReviewed)
        XCTAssertEqual(try parse("crinia SIGNIFERA"), .species("Crinia signifera"))
        XCTAssertEqual(try parse("litoria fallax"), .yes, "naming its own species is a yes")
        XCTAssertThrowsError(try parse("maybe")) { error in
            XCTAssertTrue("\(error)".contains("t.txt:7") && "\(error)".contains("maybe"), "\(error)")
        }
    }

    // MARK: - Files

    /// Two 8 s recordings (16 kHz) with tones at the detections' times, one missing recording.
    private func detectionsAndRecordings() throws -> [ReviewCandidate] {
        let a = root.appendingPathComponent("site1/a.wav").path
        let b = root.appendingPathComponent("site2/b.wav").path
        try FileManager.default.createDirectory(at: root.appendingPathComponent("site1"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("site2"), withIntermediateDirectories: true)
        try SyntheticRecording.write(to: a, seconds: 8, rate: 16_000, calls: [.init(hz: 800, start: 1, end: 1.5), .init(hz: 800, start: 6, end: 6.5)])
        try SyntheticRecording.write(to: b, seconds: 8, rate: 16_000, calls: [.init(hz: 3500, start: 3, end: 3.4)])
        return [
            candidate("low", 0.8, file: a, start: 1, site: "site1"),
            candidate("low", 0.95, file: a, start: 6, site: "site1"),
            candidate("high", 0.75, file: b, start: 3, site: "site2"),
            candidate("high", 0.6, file: root.appendingPathComponent("gone.wav").path, start: 2, site: "site3"),
        ]
    }

    func testSampleWritesTableClipsAndPicturesAndReportsUnreadableRecordings() throws {
        let candidates = try detectionsAndRecordings()
        var job = ReviewSample(sampler: ReviewSampler(bins: try ConfidenceBins.parse("0.5,0.7,0.9,1.0"), perCell: 10, seed: 1))
        job.contextSeconds = 2
        let out = root.appendingPathComponent("review")
        let outcome = try job.run(candidates: candidates, to: out)
        XCTAssertEqual(outcome.failures.map { URL(fileURLWithPath: $0.file).lastPathComponent }, ["gone.wav"])
        XCTAssertTrue(try String(contentsOf: outcome.errorsFile, encoding: .utf8).contains("gone.wav"))
        XCTAssertEqual(outcome.entries.count, 3)
        for entry in outcome.entries {
            let clip = try AudioFile.info(path: out.appendingPathComponent(entry.clip).path)
            let d = entry.item.candidate.record.detection
            // ±2 s around a 0.5 s detection, cut at the recording's end (8 s).
            let expected = min(8, d.end + 2) - max(0, d.start - 2)
            XCTAssertEqual(clip.duration, expected, accuracy: 1.0 / 16_000, entry.clip)
            XCTAssertEqual(clip.sampleRate, 16_000)
            XCTAssertEqual(entry.clipOffset, d.start - max(0, d.start - 2), accuracy: 1e-9)
            let png = try Data(contentsOf: out.appendingPathComponent(entry.image))
            XCTAssertEqual(Array(png.prefix(4)), [0x89, 0x50, 0x4E, 0x47], entry.image)
        }
        // Numbers stay those of the sample: the missing recording's item leaves a gap.
        let rows = try RavenTable.readSelections(path: outcome.table.path)
        XCTAssertEqual(rows.count, 3)
        XCTAssertTrue(rows.allSatisfy { $0.selection.values["Verdict"] == "" })
    }

    func testReviewTableRoundTripsThroughTheRavenReader() throws {
        let candidates = try detectionsAndRecordings().dropLast()
        let out = root.appendingPathComponent("review")
        let outcome = try ReviewSample(sampler: ReviewSampler(bins: try ConfidenceBins.parse("0.5,1"), perCell: 10, seed: 1))
            .run(candidates: Array(candidates), to: out)
        // As a labels file: Begin File + File Offset give each detection's own file and times.
        let annotations = try RavenTable.read(path: outcome.table.path, recording: "ignored.wav", labelColumn: "Species")
        XCTAssertEqual(annotations.count, 3)
        for (annotation, candidate) in zip(annotations.sorted { ($0.file, $0.start!) < ($1.file, $1.start!) }, candidates) {
            let d = candidate.record.detection
            XCTAssertEqual(annotation.file, URL(fileURLWithPath: d.file).lastPathComponent)
            XCTAssertEqual(annotation.start!, d.start, accuracy: 1e-6)
            XCTAssertEqual(annotation.end!, d.end, accuracy: 1e-6)
            XCTAssertEqual(annotation.label, d.species)
        }
        // Raven's sequence: b.wav's rows start after a.wav's 8 s.
        let rows = try RavenTable.readSelections(path: outcome.table.path)
        let b = try XCTUnwrap(rows.first { $0.selection.values["Begin File"] == "b.wav" })
        XCTAssertEqual(b.selection.beginSeconds, 8 + 3, accuracy: 1e-6)

        // Filled in (with Raven's CRLF), it reads back with the verdicts.
        try fill(outcome.table, verdicts: ["YES", "", "High"])
        let filled = try ReviewTable.read(paths: [outcome.table.path], classes: ["high", "low", "noise"])
        XCTAssertEqual(filled.map(\.verdict), [.yes, .notReviewed, .species("high")])
        // Rows are in cell order (species, bin), the table's order.
        XCTAssertEqual(filled.map(\.species), ["high", "low", "low"])
        XCTAssertEqual(filled.map(\.file), outcome.entries.map(\.item.candidate.record.detection.file))
        XCTAssertEqual(filled.map(\.bin), ["0.50-1.00", "0.50-1.00", "0.50-1.00"])
        try fill(outcome.table, verdicts: ["yes", "perhaps", "no"])
        XCTAssertThrowsError(try ReviewTable.read(paths: [outcome.table.path], classes: ["high", "low"])) { error in
            XCTAssertTrue("\(error)".contains("\(outcome.table.path):3") && "\(error)".contains("perhaps"), "\(error)")
        }
    }

    /// Writes `verdicts` into the table's rows, in row order, with CRLF line ends.
    private func fill(_ table: URL, verdicts: [String]) throws {
        var lines = try String(contentsOf: table, encoding: .utf8).components(separatedBy: .newlines).map { $0.replacingOccurrences(of: "\r", with: "") }.filter { !$0.isEmpty }
        let column = try XCTUnwrap(lines[0].components(separatedBy: "\t").firstIndex(of: "Verdict"))
        for (i, verdict) in verdicts.enumerated() {
            var fields = lines[i + 1].components(separatedBy: "\t")
            fields[column] = verdict
            lines[i + 1] = fields.joined(separator: "\t")
        }
        try (lines.joined(separator: "\r\n") + "\r\n").write(to: table, atomically: true, encoding: .utf8)
    }

    // MARK: - Summary

    private func row(_ species: String, _ bin: String, _ verdict: ReviewVerdict) -> ReviewTable.Row {
        ReviewTable.Row(file: "a.wav", start: 0, end: 1, species: species, confidence: 0.6, bin: bin, site: "", night: "", verdict: verdict, location: "t:2")
    }

    func testSummaryPrecisionAndWilsonIntervals() throws {
        let rows = Array(repeating: row("A", "0.50-0.70", .yes), count: 8) + Array(repeating: row("A", "0.50-0.70", .no), count: 2)
            + [row("A", "0.50-0.70", .unsure), row("A", "0.50-0.70", .notReviewed)]
            + Array(repeating: row("A", "0.90-1.00", .no), count: 5)
            + Array(repeating: row("B", "0.50-0.70", .yes), count: 3) + [row("B", "0.50-0.70", .species("A"))]
        let summary = ReviewSummary(rows: rows)
        XCTAssertEqual(summary.cells.map { "\($0.species) \($0.bin)" }, ["A 0.50-0.70", "A 0.90-1.00", "B 0.50-0.70"])
        let a = summary.cells[0]
        XCTAssertEqual([a.reviewed, a.correct, a.wrong, a.unsure, a.notReviewed], [10, 8, 2, 1, 1])
        XCTAssertEqual(a.precision, 0.8, accuracy: 1e-12)
        // Reference values: statsmodels proportion_confint(8, 10, method="wilson") and (0, 5),
        // (3, 4); 1e-9 leaves room only for floating-point rounding.
        let i = try XCTUnwrap(a.interval)
        XCTAssertEqual(i.lowerBound, 0.49016247153664183, accuracy: 1e-9)
        XCTAssertEqual(i.upperBound, 0.9433178485456247, accuracy: 1e-9)
        let none = try XCTUnwrap(summary.cells[1].interval)
        XCTAssertEqual(none.lowerBound, 0, accuracy: 1e-9)
        XCTAssertEqual(none.upperBound, 0.43448246478317476, accuracy: 1e-9)
        let b = try XCTUnwrap(summary.cells[2].interval)
        XCTAssertEqual(summary.cells[2].otherSpecies, 1)
        XCTAssertEqual(b.lowerBound, 0.30064184258240184, accuracy: 1e-9)
        XCTAssertEqual(b.upperBound, 0.9544127391902995, accuracy: 1e-9)
        XCTAssertNil(ReviewSummary.wilson(successes: 0, trials: 0))

        let csv = summary.csv.components(separatedBy: "\n")
        XCTAssertEqual(csv[0], ReviewSummary.csvColumns.joined(separator: ","))
        XCTAssertEqual(csv[1], "A,0.50-0.70,10,8,2,0,1,1,0.800,0.490,0.943")
        let files = try summary.write(to: root)
        XCTAssertEqual(files.map(\.lastPathComponent), ["precision.csv", "precision.png"])
        XCTAssertTrue(summary.consoleTable.contains("[0.49, 0.94]"), summary.consoleTable)
    }
}
