import FrogTestSupport
import Foundation
import XCTest

/// The habits users bring from other command-line tools: `-o` for the output of every command
/// that writes, `--version` with the commit, shell completions and `make install`.
final class EcosystemHabitsTests: XCTestCase {
    /// Every command that writes files takes `-o` as the short form of `--out`.
    func testEveryWritingCommandTakesDashO() throws {
        let writers: [[String]] = [
            ["spectrogram"], ["synth"], ["train"], ["evaluate"], ["calibrate"], ["detect"],
            ["evaluate-detections"], ["survey", "report"], ["dataset", "summary"], ["dataset", "split"],
            ["dataset", "preview"], ["review", "sample"], ["review", "summary"],
        ]
        for command in writers {
            let help = try CLI.run(command + ["--help"])
            XCTAssertEqual(help.status, 0, "\(command) --help: \(help.stderr)")
            XCTAssertTrue(help.stdout.contains("-o, --out"), "\(command.joined(separator: " ")) has no -o: \(help.stdout)")
        }
    }

    func testHelpListsEverySubcommand() throws {
        let help = try CLI.run(["--help"])
        XCTAssertEqual(help.status, 0)
        for name in ["info", "spectrogram", "synth", "dataset", "train", "evaluate", "calibrate", "runs", "detect",
                     "evaluate-detections", "survey", "review", "bench"] {
            XCTAssertTrue(help.stdout.contains("  \(name)"), "\(name) missing from --help: \(help.stdout)")
        }
    }

    /// `make install-files` puts the binary, its commit and the bash/zsh/fish completions under
    /// PREFIX, and the installed binary's --version names the commit.
    func testMakeInstallIntoATemporaryPrefix() throws {
        let prefix = SharedData.temporaryDirectory("install")
        defer { try? FileManager.default.removeItem(at: prefix) }
        let (status, output) = try Script.run("/usr/bin/env", [
            "make", "-s", "-C", SharedData.repositoryRoot.path, "install-files",
            "PREFIX=\(prefix.path)", "BIN=\(CLI.executable.path)"])
        XCTAssertEqual(status, 0, output)
        let installed = prefix.appendingPathComponent("bin/frogscan")
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: installed.path))
        for completion in ["share/bash-completion/completions/frogscan", "share/zsh/site-functions/_frogscan",
                           "share/fish/vendor_completions.d/frogscan.fish"] {
            let text = try String(contentsOf: prefix.appendingPathComponent(completion), encoding: .utf8)
            XCTAssertTrue(text.contains("survey"), "\(completion) lists the subcommands")
        }
        let commit = try String(contentsOf: prefix.appendingPathComponent("share/frogscan/commit"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let (_, printed) = try Script.run(installed.path, ["--version"])
        XCTAssertTrue(printed.hasPrefix("0."), printed)
        if !commit.isEmpty { XCTAssertTrue(printed.contains("(commit \(commit))"), printed) }
    }
}
