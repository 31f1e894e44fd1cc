import Foundation
import FrogTestSupport
import GRDB
import XCTest

/// `frogscan survey run` killed with SIGKILL part-way through, then run again, must leave the
/// same database and reports as one uninterrupted run: the real executable, the bundled model
/// and the bundled survey tree, and a real `kill -9` of the child process.
final class SurveyCrashTests: XCTestCase {
    var work: URL!
    var root: URL!

    override func setUpWithError() throws {
        work = SharedData.temporaryDirectory("survey-crash")
        root = work.appendingPathComponent("cards")
        try makeTree()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: work)
    }

    var model: String { SharedData.repositoryRoot.appendingPathComponent("models/default.safetensors").path }

    /// The bundled 2 sites × 3 nights (10 s each), copied under four site names: 12 recordings,
    /// enough that the run cannot finish between two polls of the database.
    func makeTree() throws {
        let bundled = SharedData.repositoryRoot.appendingPathComponent("recordings/survey")
        for (copy, source) in [("pond", "pond"), ("creek", "creek"), ("dam", "pond"), ("swamp", "creek")] {
            let folder = root.appendingPathComponent(copy)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for name in try FileManager.default.contentsOfDirectory(atPath: bundled.appendingPathComponent(source).path) {
                try FileManager.default.copyItem(
                    at: bundled.appendingPathComponent(source).appendingPathComponent(name),
                    to: folder.appendingPathComponent(name))
            }
        }
    }

    func surveyRun(_ db: URL) -> [String] {
        ["survey", "run", root.path, "--db", db.path, "--model", model]
    }

    /// Recordings finished (ok or failed) so far, read from another process's live database;
    /// nil while the child has not created its tables yet.
    func finishedCount(_ db: URL) -> Int? {
        guard FileManager.default.fileExists(atPath: db.path) else { return nil }
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(1)
        do {
            return try DatabaseQueue(path: db.path, configuration: configuration).read { db in
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM processings")
            }
        } catch {
            return nil
        }
    }

    /// Spawns `survey run` and kills it with SIGKILL once at least one recording is committed
    /// and not all are. Returns false if the child finished before it could be caught (then the
    /// caller tries again on a fresh database).
    func runAndKill(_ db: URL, total: Int) throws -> Bool {
        let process = Process()
        process.executableURL = CLI.executable
        process.arguments = surveyRun(db)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        while process.isRunning {
            if let done = finishedCount(db), done >= 1, done < total {
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                XCTAssertEqual(process.terminationReason, .uncaughtSignal)
                XCTAssertEqual(process.terminationStatus, SIGKILL)
                return true
            }
            usleep(2_000)
        }
        process.waitUntilExit()
        return false
    }

    /// Everything a survey stores except run bookkeeping (run ids, times, arguments): recordings,
    /// the processing ledger and detections, keyed by path so row ids do not matter.
    func content(_ path: URL) throws -> [String] {
        try DatabaseQueue(path: path.path).read { db in
            let recordings = try Row.fetchAll(db, sql: """
                SELECT path, size, mtime, content_hash, site, start_time, duration_s, sample_rate, channels, status, error
                FROM recordings ORDER BY path
                """).map { "recording \($0)" }
            let processings = try Row.fetchAll(db, sql: """
                SELECT r.path, p.model_id, p.content_hash, p.status, p.error
                FROM processings p JOIN recordings r ON r.id = p.recording_id ORDER BY r.path, p.model_id
                """).map { "processing \($0)" }
            let detections = try Row.fetchAll(db, sql: """
                SELECT r.path, d.model_id, d.channel, d.start_s, d.end_s, d.species, d.confidence, d.mean_confidence
                FROM detections d JOIN recordings r ON r.id = d.recording_id
                ORDER BY r.path, d.model_id, d.channel, d.species, d.start_s
                """).map { "detection \($0)" }
            let models = try Row.fetchAll(db, sql: "SELECT * FROM models ORDER BY id").map { "model \($0)" }
            return recordings + processings + detections + models
        }
    }

    /// `survey report` into a fresh folder; every file's bytes by name.
    func report(_ db: URL, _ name: String) throws -> [String: Data] {
        let out = work.appendingPathComponent(name)
        let result = try CLI.run(["survey", "report", "--db", db.path, "--out", out.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        var files: [String: Data] = [:]
        for file in try FileManager.default.contentsOfDirectory(atPath: out.path) {
            files[file] = try Data(contentsOf: out.appendingPathComponent(file))
        }
        return files
    }

    func testKilledRunResumesToTheSameDatabaseAndReports() throws {
        let total = 12
        let whole = work.appendingPathComponent("whole.sqlite")
        let uninterrupted = try CLI.run(surveyRun(whole))
        XCTAssertEqual(uninterrupted.status, 0, uninterrupted.stderr)
        XCTAssertTrue(uninterrupted.stdout.contains("\(total) analysed, 0 already done"), uninterrupted.stdout)

        var killed: URL?
        for attempt in 1...3 where killed == nil {
            let db = work.appendingPathComponent("killed-\(attempt).sqlite")
            if try runAndKill(db, total: total) { killed = db }
        }
        let db = try XCTUnwrap(killed, "survey run finished three times before it could be killed")
        let before = try XCTUnwrap(finishedCount(db))
        XCTAssertTrue((1..<total).contains(before), "killed after \(before) of \(total)")

        let resumed = try CLI.run(surveyRun(db))
        XCTAssertEqual(resumed.status, 0, resumed.stderr)
        XCTAssertTrue(resumed.stdout.contains("\(total - before) analysed, \(before) already done"), resumed.stdout)

        let expected = try content(whole)
        XCTAssertGreaterThan(expected.filter { $0.hasPrefix("detection") }.count, 0, "the model finds calls in the tree")
        XCTAssertEqual(try content(db), expected)
        let reference = try report(whole, "reports-whole")
        XCTAssertEqual(Set(reference.keys), [
            "nightly_summary.csv", "hourly_activity.csv", "detection_history.csv", "coverage.csv", "recordings.csv",
            "activity.png",
        ])
        XCTAssertEqual(try report(db, "reports-resumed"), reference)
    }
}
