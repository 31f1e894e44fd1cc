import FrogData
import XCTest

final class AnnotationSetTests: XCTestCase {
    let config = LabelConfig(
        aliases: [
            "C. signifera": "crinia_signifera", "Common Eastern Froglet": "crinia_signifera", "L. fallax": "litoria_fallax",
        ],
        ignore: ["point label"],
        classes: ["crinia_signifera", "litoria_fallax", "limnodynastes_tasmaniensis"])

    func testAliasesIgnoreAndClassSpellings() {
        XCTAssertEqual(config.resolve(" c. SIGNIFERA "), "crinia_signifera")
        XCTAssertEqual(config.resolve("Common Eastern Froglet"), "crinia_signifera")
        XCTAssertEqual(config.resolve("Litoria fallax"), "litoria_fallax", "space vs underscore and case")
        XCTAssertNil(config.resolve("Point Label"))
        XCTAssertEqual(config.resolve("cricket"), "cricket")
        XCTAssertFalse(config.isKnown("cricket"))
    }

    func testRecordingNamesOfLabelFiles() {
        XCTAssertEqual(AnnotationSet.recordingName(ofLabelFile: "/l/REC.Table.1.selections.txt"), "REC")
        XCTAssertEqual(AnnotationSet.recordingName(ofLabelFile: "REC.selections.txt"), "REC")
        XCTAssertEqual(AnnotationSet.recordingName(ofLabelFile: "REC.wav.Table.12.selections.txt"), "REC")
        XCTAssertEqual(AnnotationSet.recordingName(ofLabelFile: "REC.labels.txt"), "REC")
        XCTAssertEqual(AnnotationSet.recordingName(ofLabelFile: "REC.2023.txt"), "REC.2023")
        XCTAssertEqual(AnnotationSet.recordingName(ofLabelFile: "REC.csv"), "REC")
    }

    func testFolderOfMixedLabelFilesMatchedByName() throws {
        let recordings = FixtureFiles.folder(with: ["site1_20231012.wav", "sub/site2_20231013.flac", "night_a.wav", "lonely.wav"])
        defer { try? FileManager.default.removeItem(at: recordings) }
        let labels = FixtureFiles.folder(with: [])
        defer { try? FileManager.default.removeItem(at: labels) }
        for name in ["site1_20231012.Table.1.selections.txt", "site2_20231013.txt", "filelist.Table.1.selections.txt"] {
            try FileManager.default.copyItem(atPath: try FixtureFiles.path("labels/" + name), toPath: labels.appendingPathComponent(name).path)
        }
        try "This folder holds labels.\n".write(to: labels.appendingPathComponent("README.txt"), atomically: true, encoding: .utf8)
        let set = try AnnotationSet.load(recordings: recordings.path, labels: labels.path, config: config)
        XCTAssertEqual(set.recordings.count, 4)
        XCTAssertEqual(set.labelFiles.count, 3, "README.txt is skipped in a folder")
        XCTAssertEqual(set.ignoredCount, 1)
        let byRecording = set.annotationsByRecording.mapValues { $0.map(\.label) }
        let root = recordings.standardizedFileURL.path
        XCTAssertEqual(byRecording[root + "/site1_20231012.wav"], ["crinia_signifera", "litoria_fallax", "crinia_signifera"])
        XCTAssertEqual(byRecording[root + "/sub/site2_20231013.flac"], ["litoria_fallax", "Crinia signifera"].map { config.resolve($0)! })
        XCTAssertEqual(byRecording[root + "/night_a.wav"], ["litoria_fallax"])
        // night_b.wav is named by the file-list table but absent.
        XCTAssertEqual(set.problems.map(\.kind), [.missingRecording])
        XCTAssertTrue(set.problems[0].location.hasSuffix("filelist.Table.1.selections.txt:3"), set.problems[0].location)
    }

    func testLabelFileWithoutRecordingAndMalformedFileAreProblemsNotCrashes() throws {
        let recordings = FixtureFiles.folder(with: ["a.wav"])
        defer { try? FileManager.default.removeItem(at: recordings) }
        let labels = FixtureFiles.folder(with: [])
        defer { try? FileManager.default.removeItem(at: labels) }
        try FileManager.default.copyItem(
            atPath: try FixtureFiles.path("labels/broken.Table.1.selections.txt"),
            toPath: labels.appendingPathComponent("a.Table.1.selections.txt").path)
        try "1\t2\tfrog\n".write(to: labels.appendingPathComponent("b.txt"), atomically: true, encoding: .utf8)
        let set = try AnnotationSet.load(recordings: recordings.path, labels: labels.path)
        XCTAssertEqual(set.problems.map(\.kind), [.malformed, .labelFileWithoutRecording])
        XCTAssertTrue(set.problems[0].location.hasSuffix("a.Table.1.selections.txt:3"))
        XCTAssertTrue(set.annotations.isEmpty)
    }

    func testCSVFileColumnMatchesRecordings() throws {
        let recordings = FixtureFiles.folder(with: ["audio/site1_20231012.wav", "audio/site2_20231013.wav"])
        defer { try? FileManager.default.removeItem(at: recordings) }
        let csv = recordings.appendingPathComponent("labels.csv").path
        try FileManager.default.copyItem(atPath: try FixtureFiles.path("labels/quoted.csv"), toPath: csv)
        let set = try AnnotationSet.load(recordings: recordings.path, labels: csv, config: config)
        XCTAssertEqual(set.problems, [])
        XCTAssertEqual(set.annotations.map(\.label), ["limnodynastes_tasmaniensis", "litoria_fallax", "crinia_signifera"])
        XCTAssertEqual(AnnotationSet.group(of: set.annotations[0], column: "site"), "Dam 3, north")
        XCTAssertEqual(AnnotationSet.group(of: set.annotations[0], column: nil), "site1_20231012")
    }

    // ribbid-xenocanto's layout: manifest.csv and metadata.csv both list every recording.
    func testTwoCSVsListingTheSameRecordingsAreMergedNotCounted() throws {
        let folder = FixtureFiles.folder(with: ["audio/a.wav", "audio/b.wav"])
        defer { try? FileManager.default.removeItem(at: folder) }
        try "file,label,start_s,end_s,license\naudio/a.wav,L. fallax,,,CC-BY\naudio/b.wav,C. signifera,1.0,2.0,CC0\n"
            .write(to: folder.appendingPathComponent("manifest.csv"), atomically: true, encoding: .utf8)
        try "file,label,group_id\naudio/a.wav,L. fallax,G1\naudio/b.wav,C. signifera,G2\n"
            .write(to: folder.appendingPathComponent("metadata.csv"), atomically: true, encoding: .utf8)
        let set = try AnnotationSet.load(recordings: folder.path, labels: folder.path, config: config)
        XCTAssertEqual(set.problems, [])
        // a.wav's weak label appears in both files: one annotation with both files' columns.
        let a = set.annotations.filter { $0.file.hasSuffix("a.wav") }
        XCTAssertEqual(a.count, 1)
        XCTAssertEqual(a.first?.attributes["license"], "CC-BY")
        XCTAssertEqual(a.first?.attributes["group_id"], "G1")
        // b.wav: a call box in one file and a weak label in the other are different facts.
        XCTAssertEqual(set.annotations.filter { $0.file.hasSuffix("b.wav") }.count, 2)
    }
}
