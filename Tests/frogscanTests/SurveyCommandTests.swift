import Foundation
import FrogTestSupport
import XCTest

/// `frogscan survey` usage and configuration errors (exit code 1, message naming the problem).
final class SurveyCommandTests: XCTestCase {
    func testUnknownKeyInSurveySectionIsAConfigurationError() throws {
        let folder = SharedData.temporaryDirectory("survey-cli")
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = folder.appendingPathComponent("survey.yaml")
        try "survey:\n  site_dept: 2\n".write(to: config, atomically: true, encoding: .utf8)
        for args in [
            ["survey", "report", "--db", folder.appendingPathComponent("s.sqlite").path, "--out", folder.path],
            ["survey", "run", folder.path, "--db", folder.appendingPathComponent("s.sqlite").path, "--model", "m"],
        ] {
            let result = try CLI.run(args + ["--config", config.path])
            XCTAssertEqual(result.status, 1, "\(args): \(result.stderr)")
            XCTAssertTrue(result.stderr.contains("unknown configuration key 'survey.site_dept' in \(config.path)"), result.stderr)
        }
    }
}
