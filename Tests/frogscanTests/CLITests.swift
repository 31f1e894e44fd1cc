import FrogTestSupport
import Foundation
import XCTest

/// Runs the built `frogscan` executable and checks its output and exit codes.
final class CLITests: XCTestCase {
    func testHelpListsCommands() throws {
        let result = try CLI.run(["--help"])
        XCTAssertEqual(result.status, 0)
        XCTAssertTrue(result.stdout.contains("frogscan"), result.stdout)
    }
}

final class ExitCodeContractTests: XCTestCase {
    func testUnknownOptionIsUsageErrorOne() throws {
        let result = try CLI.run(["bench", "--no-such-option"])
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertTrue(result.stderr.contains("no-such-option"), result.stderr)
    }

    func testUnknownWorkloadNamesIt() throws {
        let result = try CLI.run(["bench", "not-a-workload"])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("not-a-workload"), result.stderr)
    }
}
