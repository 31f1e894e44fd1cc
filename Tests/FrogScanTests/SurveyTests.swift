import Foundation
import FrogDetect
import FrogImage
import FrogSurvey
import FrogTestSupport
import XCTest

/// Survey logic with a deterministic stand-in analyser: each recording file holds a text line
/// "species start end;…" (or "BAD"), so the tests control exactly what is "detected" and can
/// check incrementality, crash-safety bookkeeping, sharding, merging and reports.
final class SurveyTests: XCTestCase {
    var root: URL!
    var work: URL!

    override func setUpWithError() throws {
        work = SharedData.temporaryDirectory("survey")
        root = work.appendingPathComponent("cards")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: work)
    }

    // MARK: - Fixture

    /// Writes `root/site/name` with the given events (600 s recordings).
    func addRecording(_ site: String, _ name: String, _ events: String) throws {
        let url = root.appendingPathComponent(site).appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(events.utf8).write(to: url)
    }

    static let analyse: @Sendable (URL) -> SurveyOutcome = { url in
        guard let text = try? String(contentsOf: url, encoding: .utf8), text != "BAD" else {
            return .failed("\(url.lastPathComponent): not audio")
        }
        let detections = text.split(separator: ";").compactMap { item -> Detection? in
            let f = item.split(separator: " ")
            guard f.count == 3, let s = Double(f[1]), let e = Double(f[2]) else { return nil }
            return Detection(file: url.path, start: s, end: e, species: String(f[0]), confidence: 0.9, meanConfidence: 0.8)
        }
        return .analysed(SurveyAudioFacts(duration: 600, sampleRate: 22_050, channels: 1), detections)
    }

    static let describe: @Sendable (String) -> (site: String, startTime: Date?) = { path in
        let name = (path as NSString).lastPathComponent
        let digits = name.prefix(15)  // YYYYMMDD_HHMMSS
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyyMMdd_HHmmss"
        formatter.timeZone = TimeZone(identifier: "UTC")
        return (SurveyPaths.site(ofRelativePath: path), formatter.date(from: String(digits)))
    }

    func runner(_ db: SurveyDatabase, model: String = "m1") -> SurveyRunner {
        SurveyRunner(
            database: db,
            model: .init(id: model, classes: ["crinia", "litoria"], thresholds: [0.5, 0.6], description: "test"),
            makeAnalyser: { _ in Self.analyse }, describe: Self.describe)
    }

    func files() -> [URL] {
        let e = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)!
        return e.compactMap { $0 as? URL }.filter { $0.pathExtension == "wav" }.sorted { $0.path < $1.path }
    }

    func makeTree() throws {
        try addRecording("pond", "20241001_200000.wav", "crinia 10 12;crinia 70 75;litoria 300 301")
        try addRecording("pond", "20241001_230000.wav", "crinia 5 6")
        try addRecording("pond", "20241003_210000.wav", "litoria 1 2")  // 2 Oct not recorded → NA
        try addRecording("creek", "20241001_210000.wav", "")
        try addRecording("creek", "20241002_013000.wav", "crinia 0 3")  // after midnight: night of 1 Oct
        try addRecording("creek", "20241003_210000.wav", "BAD")
    }

    func reportText(_ db: SurveyDatabase, _ name: String) throws -> String {
        let out = work.appendingPathComponent("reports-\(UUID().uuidString)")
        try SurveyReports(database: db, time: SurveyTime(siteZone: TimeZone(identifier: "UTC")!)).write(to: out)
        return try String(contentsOf: out.appendingPathComponent(name), encoding: .utf8)
    }

    // MARK: - Tests

    func testSecondRunProcessesNothingAndChangesNothing() throws {
        try makeTree()
        let db = try SurveyDatabase(path: work.appendingPathComponent("s.sqlite").path)
        let first = try runner(db).run(root: root, files: files(), shard: nil, arguments: "test")
        XCTAssertEqual(first.processed, 5)
        XCTAssertEqual(first.failed, 1)
        XCTAssertEqual(first.failures.first?.path, "creek/20241003_210000.wav")
        let before = try reportText(db, "nightly_summary.csv")
        let second = try runner(db).run(root: root, files: files(), shard: nil, arguments: "test")
        XCTAssertEqual(second.processed, 0)
        XCTAssertEqual(second.skipped, 6, "failed files are not retried unless they change")
        XCTAssertEqual(try reportText(db, "nightly_summary.csv"), before)
    }

    func testNewAndChangedFilesAreTheOnlyWork() throws {
        try makeTree()
        let db = try SurveyDatabase(path: work.appendingPathComponent("s.sqlite").path)
        _ = try runner(db).run(root: root, files: files(), shard: nil, arguments: "a")
        try addRecording("pond", "20241004_200000.wav", "crinia 1 2")
        try addRecording("pond", "20241001_230000.wav", "crinia 5 6;litoria 8 9")  // changed content
        let next = try runner(db).run(root: root, files: files(), shard: nil, arguments: "b")
        XCTAssertEqual(next.processed, 2)
        let recordings = try reportText(db, "recordings.csv")
        XCTAssertTrue(recordings.contains("pond/20241001_230000.wav,pond,2024-10-01 23:00:00,2024-10-01,600.000,done,,2,m1"), recordings)
        // A new model version analyses everything again, kept apart from the first model.
        let other = try runner(db, model: "m2").run(root: root, files: files(), shard: nil, arguments: "c")
        XCTAssertEqual(other.processed + other.failed, 7)
    }

    func testReportsCountNightsAcrossMidnightAndShowUnrecordedNightsAsNA() throws {
        try makeTree()
        let db = try SurveyDatabase(path: work.appendingPathComponent("s.sqlite").path)
        _ = try runner(db).run(root: root, files: files(), shard: nil, arguments: "a")
        let nightly = try reportText(db, "nightly_summary.csv")
        // pond, night of 1 Oct: crinia 3 events; 10–12 s and 70–75 s after 20:00 → minutes 20:00 and 20:01;
        // 23:00:05 → one more minute. Recorded 2 × 600 s = 0.333 h.
        XCTAssertTrue(nightly.contains("pond,2024-10-01,crinia,3,3,2024-10-01 20:00:10,2024-10-01 23:00:06,0.900,0.333,m1,0.500"), nightly)
        XCTAssertTrue(nightly.contains("creek,2024-10-01,crinia,1,1,2024-10-02 01:30:00,2024-10-02 01:30:03,0.900,0.333,m1,0.500"), nightly)
        XCTAssertTrue(nightly.contains("creek,2024-10-01,litoria,0,0,,,,0.333,m1,0.600"), nightly)
        XCTAssertFalse(nightly.contains("pond,2024-10-02"), "an unrecorded night has no zero rows")
        let history = try reportText(db, "detection_history.csv")
        XCTAssertTrue(history.hasPrefix("species,site,2024-10-01,2024-10-02,2024-10-03,model_id\n"), history)
        XCTAssertTrue(history.contains("crinia,pond,1,NA,0,m1"), history)
        XCTAssertTrue(history.contains("litoria,pond,1,NA,1,m1"), history)
        XCTAssertTrue(history.contains("crinia,creek,1,NA,NA,m1"), "the failed recording covers nothing: \(history)")
        let hourly = try reportText(db, "hourly_activity.csv")
        XCTAssertTrue(hourly.contains("pond,crinia,20,2,0.167,m1"), hourly)
        XCTAssertTrue(hourly.contains("pond,crinia,23,1,0.167,m1"), hourly)
    }

    func testShardsMergedEqualOneUnshardedRun() throws {
        try makeTree()
        try addRecording("lake", "20241001_220000.wav", "litoria 3 4")
        try addRecording("lake", "20241002_220000.wav", "crinia 3 4")
        let whole = try SurveyDatabase(path: work.appendingPathComponent("whole.sqlite").path)
        _ = try runner(whole).run(root: root, files: files(), shard: nil, arguments: "all")
        var shardPaths: [String] = []
        var owned = 0
        for i in 0..<3 {
            let path = work.appendingPathComponent("shard\(i).sqlite").path
            let summary = try runner(SurveyDatabase(path: path)).run(root: root, files: files(), shard: SurveyShard(index: i, count: 3), arguments: "s")
            owned += summary.inShard
            shardPaths.append(path)
        }
        XCTAssertEqual(owned, 8, "every recording in exactly one shard")
        let merged = try SurveyDatabase(path: work.appendingPathComponent("merged.sqlite").path)
        _ = try SurveyMerge.merge(sources: shardPaths, into: merged)
        let again = try SurveyMerge.merge(sources: shardPaths, into: merged)
        XCTAssertEqual(again, SurveyMerge.Summary(), "merging twice adds nothing")
        for name in ["nightly_summary.csv", "hourly_activity.csv", "detection_history.csv", "coverage.csv", "recordings.csv"] {
            XCTAssertEqual(try reportText(merged, name), try reportText(whole, name), name)
        }
    }

    func testActivityPlotIsAValidPNGWithTheSameBytesEveryTime() throws {
        try makeTree()
        let db = try SurveyDatabase(path: work.appendingPathComponent("s.sqlite").path)
        _ = try runner(db).run(root: root, files: files(), shard: nil, arguments: "a")
        let time = SurveyTime(siteZone: TimeZone(identifier: "UTC")!)
        var images: [Data] = []
        for name in ["r1", "r2"] {
            let out = work.appendingPathComponent(name)
            let written = try SurveyReports(database: db, time: time).write(to: out)
            let plot = out.appendingPathComponent("activity.png")
            XCTAssertTrue(written.contains(plot), "\(written)")
            images.append(try Data(contentsOf: plot))
            // Two sites: an all-sites panel and one per site, two panels a row.
            let raster = try PNGDecoder.read(plot.path)
            XCTAssertEqual(raster.width, 2 * 720 + 3 * 8)
            XCTAssertGreaterThan(raster.height, 2 * 320)
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.hasPrefix(".") }
            XCTAssertEqual(leftovers, [], "no temporary files left behind")
        }
        XCTAssertEqual(Array(images[0].prefix(8)), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        XCTAssertEqual(images[0], images[1])
    }

    func testUnknownSurveyConfigKeyIsAnErrorNamingKeyAndFile() throws {
        let file = work.appendingPathComponent("survey.yaml")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        try "features:\n  n_fft: 1024\nsurvey:\n  site_depth: 2\n  night_start_hours: 18\n"
            .write(to: file, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try SurveyConfigFile.load(path: file.path)) { error in
            let message = "\(error)"
            XCTAssertTrue(message.contains("'survey.night_start_hours'"), message)
            XCTAssertTrue(message.contains(file.path), message)
            XCTAssertTrue(message.contains("allowed here: site_depth, file_name_pattern"), message)
        }
        try "features:\n  n_fft: 1024\nsurvey:\n  site_depth: 2\n  night_start_hour: 18\n"
            .write(to: file, atomically: true, encoding: .utf8)
        let config = try SurveyConfigFile.load(path: file.path)
        XCTAssertEqual(config.siteDepth, 2)
        XCTAssertEqual(config.nightStartHour, 18)
        XCTAssertEqual(try SurveyConfigFile.decode(yaml: "# nothing here\n", path: "x.yaml"), SurveyConfig())
        XCTAssertThrowsError(try SurveyConfigFile.decode(yaml: "survey:\n  site_depth: deep\n", path: "x.yaml")) { error in
            XCTAssertTrue("\(error)".contains("survey.site_depth"), "\(error)")
        }
    }

    func testShardParsing() throws {
        XCTAssertEqual(try SurveyShard(parsing: "2/5"), try SurveyShard(index: 2, count: 5))
        for bad in ["5/5", "-1/3", "a/b", "3"] {
            XCTAssertThrowsError(try SurveyShard(parsing: bad)) { XCTAssertTrue("\($0)".contains(bad)) }
        }
    }

    func testNightNamingAndSiteZone() throws {
        let sydney = SurveyTime(siteZone: TimeZone(identifier: "Australia/Sydney")!)
        // 2024-10-01 10:00 UTC = 20:00 AEST (UTC+10) on 1 Oct → night of 2024-10-01.
        XCTAssertEqual(sydney.night(of: Date(timeIntervalSince1970: 1_727_776_800)), "2024-10-01")
        // 2024-10-01 16:00 UTC = 02:00 local on 2 Oct → still the night of 1 Oct.
        XCTAssertEqual(sydney.night(of: Date(timeIntervalSince1970: 1_727_798_400)), "2024-10-01")
        XCTAssertEqual(sydney.hour(of: Date(timeIntervalSince1970: 1_727_798_400)), 2)
    }
}
