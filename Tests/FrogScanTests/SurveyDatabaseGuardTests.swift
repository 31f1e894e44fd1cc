import Foundation
import FrogDetect
import FrogSurvey
import FrogTestSupport
import XCTest

/// The survey database is frogscan's own (issue 16, items 7, 10, 11, and the survey part of 6):
/// foreign databases are refused untouched, reports only read, every SQLite failure names the
/// file, and a truncated recording is stored as `truncated` with both lengths.
final class SurveyDatabaseGuardTests: XCTestCase {
    var work: URL!

    override func setUpWithError() throws { work = SharedData.temporaryDirectory("survey-guard") }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: work) }

    private func sqlite(_ path: String, _ sql: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [path, sql]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        process.waitUntilExit()
        return String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private func expectNamed(_ path: String, containing words: String, _ body: () throws -> Void, line: UInt = #line) {
        XCTAssertThrowsError(try body(), line: line) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains(path), "does not name the file: \(text)", line: line)
            XCTAssertTrue(text.contains(words), "expected '\(words)' in: \(text)", line: line)
        }
    }

    func testNewDatabaseIsStampedAsFrogscans() throws {
        let path = work.appendingPathComponent("s.sqlite").path
        _ = try SurveyDatabase(path: path)
        XCTAssertEqual(try sqlite(path, "PRAGMA application_id"), String(0x4652_4F47))
        XCTAssertEqual(try sqlite(path, "PRAGMA user_version"), "2")
    }

    /// Item 7: frogscan's tables were added to another program's database, exit 0.
    func testForeignDatabaseIsRefusedUntouched() throws {
        let path = work.appendingPathComponent("other.sqlite").path
        _ = try sqlite(path, "CREATE TABLE birds (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO birds (name) VALUES ('wren');")
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        expectNamed(path, containing: "not a frogscan survey database") { _ = try SurveyDatabase(path: path) }
        expectNamed(path, containing: "not a frogscan survey database") { _ = try SurveyDatabase.openForReading(path: path) }
        XCTAssertEqual(try sqlite(path, "SELECT group_concat(name) FROM sqlite_master WHERE type = 'table'"), "birds")
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), before)
        // Another program's application id, even with our table names, is not ours either.
        let marked = work.appendingPathComponent("marked.sqlite").path
        _ = try sqlite(marked, "PRAGMA application_id = 42; CREATE TABLE recordings (id INTEGER);")
        expectNamed(marked, containing: "application_id 42") { _ = try SurveyDatabase(path: marked) }
    }

    /// Databases of earlier frogscan versions (application id 0, frogscan's tables) still open
    /// and are stamped.
    func testEarlierFrogscanDatabaseIsAcceptedAndStamped() throws {
        let path = work.appendingPathComponent("old.sqlite").path
        _ = try SurveyDatabase(path: path)
        _ = try sqlite(path, "PRAGMA application_id = 0; PRAGMA user_version = 0;")
        _ = try SurveyDatabase.openForReading(path: path)
        XCTAssertEqual(try sqlite(path, "PRAGMA application_id"), "0", "reading never writes")
        _ = try SurveyDatabase(path: path)
        XCTAssertEqual(try sqlite(path, "PRAGMA application_id"), String(0x4652_4F47))
    }

    /// Item 10: reports open the database read-only (it tried CREATE TABLE on a database the
    /// user may only read).
    func testReportsOpenTheDatabaseReadOnly() throws {
        let path = work.appendingPathComponent("s.sqlite").path
        _ = try SurveyDatabase(path: path)
        let reading = try SurveyDatabase.openForReading(path: path)
        XCTAssertTrue(reading.isReadOnly)
        expectNamed(path, containing: "cannot be written") {
            try reading.registerModel(id: "m", classes: ["a"], thresholds: [0.5], description: "")
        }
    }

    /// Item 11: garbage, a truncated database and a folder are each named, with what to do.
    func testSQLiteErrorsNameTheDatabase() throws {
        let garbage = work.appendingPathComponent("garbage.sqlite").path
        try Data((0..<8192).map { UInt8(truncatingIfNeeded: $0 &* 7919) }).write(to: URL(fileURLWithPath: garbage))
        expectNamed(garbage, containing: "not an SQLite database") { _ = try SurveyDatabase(path: garbage) }

        let good = work.appendingPathComponent("good.sqlite").path
        let database = try SurveyDatabase(path: good)
        for i in 0..<200 {
            try database.upsertRecording(SurveyRecording(
                path: "site/\(i).wav", size: 1, mtime: 0, contentHash: String(repeating: "ab", count: 40), site: "site", startTime: nil))
        }
        _ = try sqlite(good, "PRAGMA wal_checkpoint(TRUNCATE)")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: good))
        let truncated = work.appendingPathComponent("truncated.sqlite").path
        try bytes.prefix(bytes.count / 3).write(to: URL(fileURLWithPath: truncated))
        XCTAssertThrowsError(try {
            let opened = try SurveyDatabase(path: truncated)
            _ = try opened.recording(path: "site/199.wav")
        }()) { error in
            XCTAssertTrue("\(error)".contains(truncated), "\(error)")
            XCTAssertTrue("\(error)".contains("damaged") || "\(error)".contains("not an SQLite"), "\(error)")
        }

        expectNamed(work.path, containing: "is a folder") { _ = try SurveyDatabase(path: work.path) }
    }

    /// Item 6 (survey): a truncated recording is stored as `truncated` with both lengths, shown
    /// in recordings.csv, and is not analysed again on the next run.
    func testTruncatedRecordingIsStoredAsTruncated() throws {
        let root = work.appendingPathComponent("cards")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("pond"), withIntermediateDirectories: true)
        let file = root.appendingPathComponent("pond/20241001_200000.wav")
        try Data("x".utf8).write(to: file)
        let database = try SurveyDatabase(path: work.appendingPathComponent("s.sqlite").path)
        let runner = SurveyRunner(
            database: database, model: .init(id: "m", classes: ["crinia"], thresholds: [0.5], description: ""),
            makeAnalyser: { _ in
                { url in
                    .analysed(
                        SurveyAudioFacts(
                            duration: 20, sampleRate: 22_050, channels: 1, status: .truncated, declaredDuration: 60,
                            warning: "\(url.path): truncated: header declares 60.000 s, file holds 20.000 s"),
                        [Detection(file: url.path, start: 1, end: 2, species: "crinia", confidence: 0.9, meanConfidence: 0.8)])
                }
            },
            describe: { _ in ("pond", Date(timeIntervalSince1970: 1_727_812_800)) })
        let summary = try runner.run(root: root, files: [file], shard: nil, arguments: "t")
        XCTAssertEqual(summary.processed, 1)
        XCTAssertEqual(summary.warned, 1)
        XCTAssertEqual(try runner.run(root: root, files: [file], shard: nil, arguments: "t").skipped, 1)

        let out = work.appendingPathComponent("reports")
        try SurveyReports(database: try SurveyDatabase.openForReading(path: database.path), time: SurveyTime(siteZone: TimeZone(identifier: "UTC")!))
            .write(to: out)
        let csv = try String(contentsOf: out.appendingPathComponent("recordings.csv"), encoding: .utf8)
        let lines = csv.split(separator: "\n").map(String.init)
        let header = lines[0].split(separator: ",").map(String.init)
        XCTAssertTrue(header.contains("declared_duration_s"), lines[0])
        let row = lines[1]
        XCTAssertTrue(row.contains(",truncated,"), row)
        XCTAssertTrue(row.contains("header declares 60.000 s"), row)
        XCTAssertTrue(row.hasSuffix(",60") || row.hasSuffix(",60.000") || row.hasSuffix(",60.0"), row)
    }
}
