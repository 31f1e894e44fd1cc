import FrogData
import XCTest

final class DatasetCheckTests: XCTestCase {
    struct Unreadable: Error, CustomStringConvertible { var description: String { "truncated header" } }

    func testReportsEachKindOfProblem() {
        let set = AnnotationSet(
            recordings: ["/d/a.wav", "/d/b.wav", "/d/c.wav", "/d/bad.wav", "/d/empty.wav"],
            annotations: [
                Annotation(file: "/d/a.wav", start: 2, end: 1, label: "frog", source: "l/a.txt:1"),
                Annotation(file: "/d/a.wav", start: 8, end: 10.05, label: "frog", source: "l/a.txt:2"),
                Annotation(file: "/d/a.wav", start: 9, end: 10.5, label: "frog", source: "l/a.txt:3"),
                Annotation(file: "/d/b.wav", start: nil, end: nil, label: "toad", source: "l.csv:2"),
            ],
            problems: [DatasetIssue(location: "l/x.txt", kind: .labelFileWithoutRecording, message: "no recording named 'x'")],
            labelledRecordings: ["/d/empty.wav"])
        let issues = DatasetCheck.run(set, classes: ["frog"]) { path in
            if path == "/d/bad.wav" { throw Unreadable() }
            return 10
        }
        XCTAssertEqual(issues.map(\.kind), [
            .labelFileWithoutRecording, .unreadableRecording, .endBeforeStart, .beyondDuration, .unknownLabel,
            .recordingWithoutLabels, .recordingWithoutLabels,
        ])
        XCTAssertEqual(issues[3].location, "l/a.txt:3", "10.05 s is within the decoder tolerance; 10.5 s is not")
        XCTAssertEqual(issues[1].message, "truncated header")
        XCTAssertEqual(issues.suffix(2).map(\.location), ["/d/c.wav", "/d/bad.wav"])
        let table = DatasetCheck.table(issues)
        XCTAssertTrue(table.hasPrefix("location    kind "), table)
        XCTAssertTrue(table.contains("l/a.txt:1   end_before_start "), table)
    }

    func testCleanSetHasNoIssues() {
        let set = AnnotationSet(recordings: ["/d/a.wav"], annotations: [Annotation(file: "/d/a.wav", start: 0, end: 1, label: "frog")])
        XCTAssertEqual(DatasetCheck.run(set, classes: nil) { _ in 1 }, [])
    }

    func testSummaryCountsAndCSV() throws {
        let set = AnnotationSet(
            recordings: ["/d/a.wav", "/d/b.wav", "/d/c.wav"],
            annotations: [
                Annotation(file: "/d/a.wav", start: 1, end: 2.5, label: "frog", attributes: ["site": "N"]),
                Annotation(file: "/d/a.wav", start: 4, end: 5, label: "frog", attributes: ["site": "N"]),
                Annotation(file: "/d/b.wav", start: 0, end: 1, label: "frog", attributes: ["site": "S"]),
                Annotation(file: "/d/c.wav", start: nil, end: nil, label: "toad", attributes: ["site": "S"]),
            ])
        let summary = DatasetSummary(set, groupColumn: "site") { _ in 30 }
        XCTAssertEqual(summary.csv, "label,annotations,recordings,seconds,groups\nfrog,3,2,3.500,2\ntoad,1,1,30.000,1\n")
        XCTAssertEqual(summary.imbalanceRatio, 3)
        XCTAssertEqual(DatasetSummary(set, groupColumn: nil, duration: nil).rows[1].seconds, 0)
        XCTAssertTrue(summary.table.contains("imbalance ratio 3.0"), summary.table)
    }
}
