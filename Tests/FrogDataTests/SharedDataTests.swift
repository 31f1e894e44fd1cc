import FrogAudio
import FrogData
import FrogTestSupport
import XCTest

/// The real recordings in ../shared/data: labels load, counts match the manifest, and the
/// check finds no false problems.
final class SharedDataTests: XCTestCase {
    func ribbid() throws -> URL {
        guard let root = SharedData.root else { throw XCTSkip("../shared/data is absent: real-data checks skipped") }
        let folder = root.appendingPathComponent("ribbid-xenocanto")
        guard FileManager.default.fileExists(atPath: folder.appendingPathComponent("manifest.csv").path) else {
            throw XCTSkip("ribbid-xenocanto/manifest.csv is absent")
        }
        return folder
    }

    // From the data's README (independent of our CSV reader): recordings per species.
    let expected = [
        "Hyla_meridionalis": 32, "Alytes_obstetricans": 22, "Epidalea_calamita": 19, "Bufo_bufo": 18,
        "Pelodytes_punctatus": 17, "Pelophylax_perezi": 14, "Pelobates_cultripes": 1,
    ]

    func testManifestCountsAndCleanCheck() throws {
        let folder = try ribbid()
        let set = try AnnotationSet.load(recordings: folder.path, labels: folder.appendingPathComponent("manifest.csv").path)
        XCTAssertEqual(set.recordings.count, 123)
        XCTAssertEqual(set.problems, [])
        let summary = DatasetSummary(set, groupColumn: nil) { try AudioFile.info(path: $0).duration }
        XCTAssertEqual(Dictionary(uniqueKeysWithValues: summary.rows.map { ($0.label, $0.annotations) }), expected)
        XCTAssertEqual(Dictionary(uniqueKeysWithValues: summary.rows.map { ($0.label, $0.recordings) }), expected)
        // ≈ 88 minutes in all, per the README; decoded MP3 lengths differ from the listed ones
        // by well under a second per file.
        XCTAssertEqual(summary.rows.map(\.seconds).reduce(0, +) / 60, 88, accuracy: 1)
        let issues = DatasetCheck.run(set, classes: Array(expected.keys)) { try AudioFile.info(path: $0).duration }
        XCTAssertEqual(issues, [], DatasetCheck.table(issues))
    }

    func testMetadataGroupsNeverShareASplit() throws {
        let folder = try ribbid()
        let set = try AnnotationSet.load(recordings: folder.path, labels: folder.appendingPathComponent("metadata.csv").path)
        let summary = DatasetSummary(set, groupColumn: "group_id", duration: nil)
        XCTAssertEqual(summary.rows.first { $0.label == "Hyla_meridionalis" }?.groups, 18)
        XCTAssertEqual(summary.rows.first { $0.label == "Pelobates_cultripes" }?.groups, 1)
        // The data's own suggested_split keeps whole sites together; so must ours.
        var groupsOfRecording: [String: Set<String>] = [:]
        for a in set.annotations { groupsOfRecording[a.file, default: []].insert(a.attributes["group_id"] ?? "") }
        XCTAssertTrue(groupsOfRecording.values.allSatisfy { $0.count == 1 })
        let counts = Dictionary(grouping: set.annotations) { $0.attributes["group_id"]! }.map { name, rows in
            GroupedSplit.Group(name: name, labelCounts: Dictionary(rows.map { ($0.label, 1) }, uniquingKeysWith: +))
        }
        let assignment = GroupedSplit(validationFraction: 0.2, testFraction: 0.2, seed: 1).assign(counts)
        XCTAssertEqual(assignment.count, counts.count)
    }
}
