import Foundation
import FrogSurvey
import FrogTestSupport
import XCTest

/// `survey report --truth`: presence per site × night × species against a truth table, on a
/// hand-made survey (the stand-in analyser of `SurveyTests`) whose outcomes are known.
final class SurveyTruthTests: XCTestCase {
    private var work: URL!
    private var root: URL { work.appendingPathComponent("cards") }

    override func setUpWithError() throws { work = SharedData.temporaryDirectory("survey-truth") }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: work) }

    private func add(_ site: String, _ name: String, _ events: String) throws {
        let url = root.appendingPathComponent(site).appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(events.utf8).write(to: url)
    }

    /// pond: night of 1 Oct crinia at 20:00, litoria after midnight; 2 Oct recorded, silent.
    /// creek: night of 1 Oct both species; 2 Oct not recorded.
    private func survey() throws -> SurveyReports {
        try add("pond", "20241001_200000.wav", "crinia 1 2")
        try add("pond", "20241002_013000.wav", "litoria 3 4")
        try add("pond", "20241002_200000.wav", "")
        try add("creek", "20241001_210000.wav", "crinia 0 1;litoria 5 6")
        let db = try SurveyDatabase(path: work.appendingPathComponent("s.sqlite").path)
        let runner = SurveyRunner(
            database: db, model: .init(id: "m1", classes: ["crinia", "litoria"], thresholds: [0.5, 0.6], description: "test"),
            makeAnalyser: { _ in SurveyTests.analyse }, describe: SurveyTests.describe)
        let files = try FileManager.default.subpathsOfDirectory(atPath: root.path).filter { $0.hasSuffix(".wav") }.sorted()
        _ = try runner.run(root: root, files: files.map { root.appendingPathComponent($0) }, shard: nil, arguments: "test")
        return SurveyReports(database: db, time: SurveyTime(siteZone: TimeZone(identifier: "UTC")!))
    }

    private func truth(_ lines: [String]) throws -> String {
        let path = work.appendingPathComponent("truth.csv").path
        try (["site,night,species,calls,present"] + lines).joined(separator: "\n").appending("\n")
            .write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func testPrecisionAndRecallOverRecordedSiteNights() throws {
        let reports = try survey()
        let path = try truth([
            "pond,2024-10-01,crinia,4,1",    // detected: tp
            "pond,2024-10-01,litoria,0,0",   // detected after midnight, not there: fp
            "pond,2024-10-02,crinia,2,1",    // missed: fn
            "pond,2024-10-02,litoria,0,0",   // tn
            "creek,2024-10-01,crinia,1,1",   // tp
            "creek,2024-10-01,litoria,9,1",  // tp
            "creek,2024-10-02,crinia,3,1",   // creek not recorded on 2 Oct: not covered, not a miss
            "creek,2024-10-02,litoria,0,0",
        ])
        let result = try reports.compare(truthPath: path)
        XCTAssertEqual(result.overall, .init(truePositives: 3, falsePositives: 1, falseNegatives: 1, trueNegatives: 1))
        XCTAssertEqual(result.notCoveredSiteNights, 1)
        XCTAssertEqual(result.summaryLines, [
            "presence vs truth, crinia: precision 1.00 (2/2), recall 0.67 (2/3) over 3 site-nights",
            "presence vs truth, litoria: precision 0.50 (1/2), recall 1.00 (1/1) over 3 site-nights",
            "presence vs truth: precision 0.75 (3/4), recall 0.75 (3/4) over 6 site-nights × species",
            "presence vs truth: 1 site-night(s) of the truth have no analysed recordings (not covered; listed as not_covered, not counted as misses)",
        ])
        XCTAssertEqual(result.csv, """
            site,night,species,detected,true,outcome
            creek,2024-10-01,crinia,1,1,tp
            creek,2024-10-01,litoria,1,1,tp
            creek,2024-10-02,crinia,NA,1,not_covered
            creek,2024-10-02,litoria,NA,0,not_covered
            pond,2024-10-01,crinia,1,1,tp
            pond,2024-10-01,litoria,1,0,fp
            pond,2024-10-02,crinia,0,1,fn
            pond,2024-10-02,litoria,0,0,tn

            """)
        // --night limits the comparison as it limits the reports.
        let one = try reports.compare(truthPath: path, options: .init(night: "2024-10-02"))
        XCTAssertEqual(one.overall, .init(truePositives: 0, falsePositives: 0, falseNegatives: 1, trueNegatives: 1))
        XCTAssertEqual(one.summaryLines[2], "presence vs truth: precision NA (0/0), recall 0.00 (0/1) over 2 site-nights × species")
        let out = work.appendingPathComponent("reports")
        let url = try SurveyReports.write(result, to: out)
        XCTAssertEqual(try String(contentsOf: url, encoding: .utf8), result.csv)
    }

    func testBadTruthLinesNameFileAndLine() throws {
        let reports = try survey()
        let cases: [([String], String)] = [
            (["pond,2024-10-01,crinia,1,1", "pond,2024-10-01,bufo,1,1"], ":3: species 'bufo' is not one the model knows"),
            (["pond,2024-10-01,crinia,1,yes"], ":2: present must be 0 or 1"),
            (["pond,2024-10-01,crinia,1"], ":2: 4 field(s) where the header has 5"),
            (["pond,1 Oct,crinia,1,1"], ":2: night '1 Oct' is not a date"),
            (["pond,2024-10-01,crinia,1,1", "pond,2024-10-01,crinia,1,1"], ":3: pond, 2024-10-01, crinia was already given on line 2"),
        ]
        for (lines, expected) in cases {
            let path = try truth(lines)
            XCTAssertThrowsError(try reports.compare(truthPath: path), "\(lines)") { error in
                XCTAssertTrue("\(error)".contains(path + expected), "\(error)")
            }
        }
        let headerless = work.appendingPathComponent("header.csv").path
        try "site,date,species,present\n".write(toFile: headerless, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try reports.compare(truthPath: headerless)) { XCTAssertTrue("\($0)".contains(headerless + ":1: the header needs"), "\($0)") }
        XCTAssertThrowsError(try reports.compare(truthPath: work.appendingPathComponent("none.csv").path)) {
            XCTAssertTrue("\($0)".contains("none.csv: cannot read"), "\($0)")
        }
    }
}
