import Foundation
import FrogData
import XCTest

/// Faulty label files (issue 16, items 5 and 14): every fault is reported with its file (and
/// line), none drops a file silently.
final class LabelFaultTests: XCTestCase {
    private var root: URL!
    private var recordings: URL!
    private var labels: URL!

    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("label-faults-\(UUID().uuidString)")
        recordings = root.appendingPathComponent("rec")
        labels = root.appendingPathComponent("labels")
        for folder in [recordings!, labels!] { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }
        // The loader matches names only; the recordings' contents are not read here.
        for name in ["a", "b", "c"] {
            try Data([0]).write(to: recordings.appendingPathComponent("\(name).wav"))
        }
    }

    override func tearDown() { try? FileManager.default.removeItem(at: root) }

    private func label(_ name: String, _ text: String) throws {
        try text.write(to: labels.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }

    private func load() throws -> AnnotationSet {
        try AnnotationSet.load(recordings: recordings.path, labels: labels.path)
    }

    /// Item 5: the first line of an Audacity track is damaged (spaces for tabs); the file was
    /// skipped whole and `check` only said the recording had no labels.
    func testMalformedFirstAudacityLineIsReportedWithItsLine() throws {
        try label("a.txt", "1.0 2.0 frog\n3.0\t4.0\tfrog\n5.0\t6.0\tfrog\n")
        let set = try load()
        let file = labels.appendingPathComponent("a.txt").path
        XCTAssertEqual(set.problems.map(\.location), ["\(file):1"])
        XCTAssertEqual(set.problems.map(\.kind), [.malformed])
    }

    func testMalformedLaterAudacityLineIsReportedWithItsLine() throws {
        try label("a.labels.txt", "1.0\t2.0\tfrog\n3.0\tfour\tfrog\n")
        let set = try load()
        XCTAssertEqual(set.problems.map(\.location), [labels.appendingPathComponent("a.labels.txt").path + ":2"])
    }

    func testAudacityFrequencyLineWithLowAboveHighIsAnError() throws {
        try label("a.txt", "1.0\t2.0\tfrog\n\\\t5000\t2000\n")
        let set = try load()
        XCTAssertEqual(set.problems.map(\.location), [labels.appendingPathComponent("a.txt").path + ":2"])
        XCTAssertTrue(set.problems[0].message.contains("low"), set.problems[0].message)
        // Audacity's open-ended range (-1) stays accepted.
        try label("a.txt", "1.0\t2.0\tfrog\n\\\t5000\t-1\n")
        XCTAssertEqual(try load().problems, [])
    }

    /// A Raven table full of binary garbage was skipped without a word.
    func testBinaryGarbageRavenTableIsReported() throws {
        var generator = SystemRandomNumberGenerator()
        let garbage = Data((0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) })
        try garbage.write(to: labels.appendingPathComponent("b.Table.1.selections.txt"))
        let set = try load()
        XCTAssertEqual(set.problems.map(\.location), [labels.appendingPathComponent("b.Table.1.selections.txt").path])
        XCTAssertEqual(set.problems.map(\.kind), [.malformed])
    }

    /// A notes file that is no label file at all is still skipped quietly.
    func testUnrelatedTextFileIsStillSkipped() throws {
        try label("README.txt", "These are the labels of the 2024 season.\n")
        XCTAssertEqual(try load().problems, [])
    }

    /// Empty label files and huge label texts passed `check`.
    func testEmptyFileAndOverlongLabelAreFlaggedByCheck() throws {
        try label("a.txt", "")
        try label("b.txt", "1.0\t2.0\t" + String(repeating: "x", count: 1_000_000) + "\n")
        try label("c.txt", "1.0\t2.0\t\n")
        let set = try load()
        let issues = DatasetCheck.run(set, classes: nil) { _ in 10 }
        let kinds = Dictionary(grouping: issues, by: \.kind).mapValues { $0.map(\.location) }
        XCTAssertEqual(kinds[.emptyLabelFile], [labels.appendingPathComponent("a.txt").path])
        XCTAssertEqual(kinds[.labelTooLong], [labels.appendingPathComponent("b.txt").path + ":1"])
        XCTAssertEqual(kinds[.emptyLabel], [labels.appendingPathComponent("c.txt").path + ":1"])
        XCTAssertTrue(issues.allSatisfy { $0.message.count < 300 }, "messages stay short")
    }

    /// Item 13: recordings reached through a symbolic link, and a CSV manifest naming them
    /// through the real folder (or the link): every row is found.
    func testManifestThroughSymlinkedRecordingsFolderFindsEveryRow() throws {
        let link = root.appendingPathComponent("link")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: recordings)
        let manifest = recordings.appendingPathComponent("manifest.csv")
        try "file,label\na.wav,frog\nb.wav,toad\nc.wav,frog\n".write(to: manifest, atomically: true, encoding: .utf8)
        for (recordingsPath, labelsPath) in [
            (link.path, manifest.path), (recordings.path, link.appendingPathComponent("manifest.csv").path),
            (link.path, link.appendingPathComponent("manifest.csv").path),
        ] {
            let set = try AnnotationSet.load(recordings: recordingsPath, labels: labelsPath)
            XCTAssertEqual(set.recordings.count, 3, recordingsPath)
            XCTAssertEqual(set.problems, [], "\(recordingsPath) \(labelsPath)")
            XCTAssertEqual(set.annotations.count, 3, "\(recordingsPath) \(labelsPath)")
        }
    }
}
