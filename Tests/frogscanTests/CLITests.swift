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

final class BenchProfileTests: XCTestCase {
    /// `--profile` prints a row per model stage and the step, and its shares add up to 100 %.
    func testProfilePrintsEveryStageOfTheCNN() throws {
        let result = try CLI.run(["bench", "cnn-infer", "--profile"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        // The first line names the GEMM kernels, which decide these figures.
        XCTAssertTrue(lines.first?.hasPrefix("OpenBLAS kernels: ") ?? false, result.stdout)
        XCTAssertEqual(lines.filter { $0.contains("(fused)") }.count, 4, result.stdout)
        XCTAssertTrue(lines.contains { $0.hasPrefix("step") && $0.contains("ms per batch of 64") }, result.stdout)
        let shares = lines.compactMap { line -> Double? in
            guard line.hasSuffix("%"), let field = line.split(separator: " ").last else { return nil }
            return Double(field.dropLast())
        }
        XCTAssertEqual(shares.reduce(0, +), 100, accuracy: 0.5, result.stdout)
    }

    /// `--json` lines stay pure JSON: the kernel line is left out.
    func testJSONLinesAreOnlyJSON() throws {
        let result = try CLI.run(["bench", "spectrogram-10min", "--json"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let lines = result.stdout.split(separator: "\n")
        XCTAssertEqual(lines.count, 1, result.stdout)
        let object = try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any]
        XCTAssertEqual(object?["workload"] as? String, "spectrogram-10min", result.stdout)
    }

    func testProfileWithJSONIsRefused() throws {
        let result = try CLI.run(["bench", "cnn-infer", "--profile", "--json"])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("--profile"), result.stderr)
    }
}
