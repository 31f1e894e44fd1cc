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
