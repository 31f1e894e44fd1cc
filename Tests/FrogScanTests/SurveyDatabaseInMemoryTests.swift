import Foundation
import GRDB
import XCTest

@testable import FrogDetect
@testable import FrogSurvey

/// `SurveyDatabase(_:)` over an in-memory `DatabaseQueue` (issue 20, item 5): the same schema
/// setup as a file, `RecordingStatus` stored as the strings existing databases hold, and the
/// report, review and merge queries without touching the disk.
final class SurveyDatabaseInMemoryTests: XCTestCase {
    private let hash = String(repeating: "ab", count: 32)
    private let evening = Date(timeIntervalSince1970: 1_727_812_800)  // 2024-10-01 20:00 UTC

    /// An in-memory survey database and the connection under it, to check what is stored.
    private func makeDatabase() throws -> (SurveyDatabase, DatabaseQueue) {
        let queue = try DatabaseQueue()
        return (try SurveyDatabase(queue), queue)
    }

    private func register(_ db: SurveyDatabase, _ path: String, hash: String? = nil, minutesAfterEvening: Double = 0) throws -> Int64 {
        try db.upsertRecording(SurveyRecording(
            path: path, size: 1, mtime: 0, contentHash: hash ?? self.hash, site: String(path.split(separator: "/")[0]),
            startTime: evening.addingTimeInterval(minutesAfterEvening * 60)))
    }

    private func analysed(_ events: [(String, Double)], _ status: RecordingStatus = .done) -> SurveyOutcome {
        .analysed(
            SurveyAudioFacts(duration: 600, sampleRate: 22_050, channels: 1, status: status, warning: status == .done ? nil : "warned"),
            events.map { Detection(file: "x.wav", start: $0.1, end: $0.1 + 1, species: $0.0, confidence: 0.9, meanConfidence: 0.8) })
    }

    /// A run of `model`: registers it and opens a run row (the latest run's model is the reports' default).
    private func startRun(_ db: SurveyDatabase, _ model: String, arguments: String = "test") throws -> Int64 {
        try db.registerModel(id: model, classes: ["crinia", "litoria"], thresholds: [0.5, 0.6], description: "test")
        return try db.beginRun(arguments: arguments, modelID: model, shard: nil, startedAt: Date())
    }

    private func statuses(_ queue: DatabaseQueue, _ table: String) throws -> [String] {
        try queue.read { db in try String.fetchAll(db, sql: "SELECT status FROM \(table) ORDER BY rowid") }
    }

    func testInMemoryDatabaseGetsTheSameSchemaAsAFile() throws {
        let (_, queue) = try makeDatabase()
        try queue.read { db in
            XCTAssertEqual(try Int32.fetchOne(db, sql: "PRAGMA application_id"), SurveyDatabase.Schema.applicationID)
            XCTAssertEqual(try Int32.fetchOne(db, sql: "PRAGMA user_version"), SurveyDatabase.Schema.userVersion)
            let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
            XCTAssertEqual(Set(tables), SurveyDatabase.Schema.ownTables)
            XCTAssertTrue(try db.columns(in: "recordings").map(\.name).contains("declared_duration_s"), "migration v2 ran")
        }
        // Opening the same connection again migrates nothing twice.
        XCTAssertNoThrow(try SurveyDatabase(queue))
        // Another program's database is refused whatever the connection.
        let foreign = try DatabaseQueue()
        try foreign.write { db in try db.execute(sql: "CREATE TABLE birds (id INTEGER PRIMARY KEY)") }
        XCTAssertThrowsError(try SurveyDatabase(foreign)) { error in
            XCTAssertTrue("\(error)".contains("not a frogscan survey database"), "\(error)")
        }
    }

    func testStatusesAreStoredAsTheStringsExistingDatabasesHold() throws {
        XCTAssertEqual(RecordingStatus.allCases.map(\.rawValue), ["new", "done", "truncated", "damaged", "failed", "pending"])
        for status in RecordingStatus.allCases {
            XCTAssertEqual(status.databaseValue, status.rawValue.databaseValue)
            XCTAssertEqual(RecordingStatus.fromDatabaseValue(status.databaseValue), status)
        }
        XCTAssertEqual(RecordingStatus.allCases.filter(\.isAnalysed), [.done, .truncated, .damaged])

        let (db, queue) = try makeDatabase()
        let run = try startRun(db, "m1")
        let good = try register(db, "pond/a.wav")
        let bad = try register(db, "pond/b.wav")
        let cut = try register(db, "pond/c.wav")
        XCTAssertEqual(try statuses(queue, "recordings"), ["new", "new", "new"])
        try db.commit(recordingID: good, modelID: "m1", contentHash: hash, runID: run, outcome: analysed([]))
        try db.commit(recordingID: bad, modelID: "m1", contentHash: hash, runID: run, outcome: .failed("b.wav: not audio"))
        try db.commit(recordingID: cut, modelID: "m1", contentHash: hash, runID: run, outcome: analysed([], .truncated))
        XCTAssertEqual(try statuses(queue, "recordings"), ["done", "failed", "truncated"])
        XCTAssertEqual(try statuses(queue, "processings"), ["done", "failed", "truncated"])
        // New content resets the recording to `new`.
        _ = try register(db, "pond/a.wav", hash: String(repeating: "cd", count: 32))
        XCTAssertEqual(try statuses(queue, "recordings"), ["new", "failed", "truncated"])

        // A ledger row written as plain text (as by earlier versions) reads back as the enum.
        try queue.write { db in
            try db.execute(sql: "UPDATE processings SET status = 'failed' WHERE recording_id = ?", arguments: [cut])
        }
        XCTAssertTrue(try db.isProcessed(recordingID: cut, modelID: "m1", contentHash: hash, retryFailed: false))
        XCTAssertFalse(try db.isProcessed(recordingID: cut, modelID: "m1", contentHash: hash, retryFailed: true))
    }

    func testAnUnknownStatusIsAnErrorNotACrash() throws {
        let (db, queue) = try makeDatabase()
        let run = try startRun(db, "m1")
        let id = try register(db, "pond/a.wav")
        try db.commit(recordingID: id, modelID: "m1", contentHash: hash, runID: run, outcome: analysed([]))
        try queue.write { db in try db.execute(sql: "UPDATE processings SET status = 'paused'") }
        XCTAssertThrowsError(try db.isProcessed(recordingID: id, modelID: "m1", contentHash: hash, retryFailed: false)) { error in
            XCTAssertTrue("\(error)".contains("cannot read"), "\(error)")
            XCTAssertTrue("\(error)".contains("paused"), "\(error)")
        }
        XCTAssertThrowsError(try db.reportData(modelID: nil))
    }

    func testReportAndReviewQueriesOnAnInMemoryDatabase() throws {
        let (db, _) = try makeDatabase()
        let first = try startRun(db, "m1")
        let a = try register(db, "pond/a.wav")
        let b = try register(db, "pond/b.wav", minutesAfterEvening: 10)
        let c = try register(db, "creek/c.wav", minutesAfterEvening: 20)
        _ = try register(db, "creek/d.wav", minutesAfterEvening: 30)
        try db.commit(recordingID: a, modelID: "m1", contentHash: hash, runID: first, outcome: analysed([("crinia", 5), ("litoria", 2)]))
        try db.commit(recordingID: b, modelID: "m1", contentHash: hash, runID: first, outcome: .failed("b.wav: not audio"))
        try db.commit(recordingID: c, modelID: "m1", contentHash: hash, runID: first, outcome: analysed([("crinia", 1)], .damaged))
        // A second model has analysed only a.wav so far, and is the latest run's.
        let second = try startRun(db, "m2")
        try db.commit(recordingID: a, modelID: "m2", contentHash: hash, runID: second, outcome: analysed([("litoria", 3)]))
        XCTAssertEqual(try db.latestModelID(), "m2")

        let latest = try db.reportData(modelID: nil)
        XCTAssertEqual(latest.modelID, "m2")
        XCTAssertEqual(latest.species, ["crinia", "litoria"])
        XCTAssertEqual(latest.thresholds, [0.5, Double(Float(0.6))], "stored from the model's Float thresholds")
        XCTAssertEqual(latest.recordings.map(\.path), ["creek/c.wav", "creek/d.wav", "pond/a.wav", "pond/b.wav"])
        XCTAssertEqual(latest.recordings.map(\.status), [.pending, .pending, .done, .failed], "a failed read fails for every model")
        XCTAssertEqual(latest.detections.map(\.species), ["litoria"])

        let m1 = try db.reportData(modelID: "m1")
        XCTAssertEqual(m1.recordings.map(\.status), [.damaged, .pending, .done, .failed])
        XCTAssertEqual(m1.recordings.map(\.error), ["warned", nil, nil, "b.wav: not audio"])
        XCTAssertEqual(m1.detections.map { "\($0.recordingID) \($0.species) \($0.start)" }, ["\(a) litoria 2.0", "\(a) crinia 5.0", "\(c) crinia 1.0"])
        let coverage = try Coverage(recordings: m1.recordings, time: SurveyTime(siteZone: TimeZone(identifier: "UTC")!))
        XCTAssertEqual(coverage.count(site: "creek", night: "2024-10-01"), 1, "damaged audio was analysed; pending was not")
        XCTAssertEqual(coverage.count(site: "pond", night: "2024-10-01"), 1, "failed audio covers nothing")

        let review = try db.reviewDetections(modelID: "m1")
        XCTAssertEqual(review.modelID, "m1")
        XCTAssertEqual(review.detections.map { "\($0.path) \($0.site) \($0.species) \($0.start)" },
                       ["creek/c.wav creek crinia 1.0", "pond/a.wav pond litoria 2.0", "pond/a.wav pond crinia 5.0"])
        XCTAssertEqual(review.detections.first?.recordingStart, evening.addingTimeInterval(20 * 60))
        XCTAssertEqual(try db.reviewDetections(modelID: nil).modelID, "m2")

        let empty = try makeDatabase().0
        XCTAssertThrowsError(try empty.reportData(modelID: nil)) { error in
            XCTAssertEqual(error as? SurveyError, .noModelInDatabase(empty.path))
        }
    }

    func testMergeBetweenInMemoryDatabases() throws {
        let (source, _) = try makeDatabase()
        let run = try startRun(source, "m1", arguments: "source")
        let a = try register(source, "pond/a.wav")
        let b = try register(source, "pond/b.wav", minutesAfterEvening: 10)
        let c = try register(source, "pond/c.wav", minutesAfterEvening: 20)
        try source.commit(recordingID: a, modelID: "m1", contentHash: hash, runID: run, outcome: analysed([("crinia", 5), ("litoria", 2)]))
        try source.commit(recordingID: b, modelID: "m1", contentHash: hash, runID: run, outcome: analysed([("crinia", 1)]))
        try source.commit(recordingID: c, modelID: "m1", contentHash: hash, runID: run, outcome: .failed("c.wav: not audio"))

        // The destination registered b.wav without analysing it, and found c.wav truncated.
        let (destination, queue) = try makeDatabase()
        let own = try startRun(destination, "m1", arguments: "destination")
        _ = try register(destination, "pond/b.wav", minutesAfterEvening: 10)
        let cut = try register(destination, "pond/c.wav", minutesAfterEvening: 20)
        try destination.commit(recordingID: cut, modelID: "m1", contentHash: hash, runID: own, outcome: analysed([("litoria", 4)], .truncated))

        let summary = try destination.merge(from: source)
        XCTAssertEqual(summary.recordings, 1, "a.wav is new; b.wav and c.wav are matched by path")
        XCTAssertEqual(summary.detections, 3)
        XCTAssertEqual(try destination.merge(from: source), SurveyMerge.Summary(), "merging twice adds nothing")

        let merged = try destination.reportData(modelID: "m1")
        XCTAssertEqual(merged.recordings.map(\.path), ["pond/a.wav", "pond/b.wav", "pond/c.wav"])
        XCTAssertEqual(merged.recordings.map(\.status), [.done, .done, .truncated], "an analysed result is not replaced by a failure")
        // Destination ids: b.wav 1, c.wav 2, a.wav 3 (detections are ordered by recording id).
        XCTAssertEqual(merged.detections.map(\.species), ["crinia", "litoria", "litoria", "crinia"])
        XCTAssertEqual(try queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM runs") }, 2)
    }
}
