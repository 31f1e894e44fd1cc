import Foundation
import FrogTestSupport
import XCTest

/// `frogscan … --help` of every command and subcommand, word for word, against the texts in
/// Golden/help/ (issue 20): a changed option name, default, choice list or help line shows up
/// as a diff to review. The commands are found by walking the SUBCOMMANDS sections, so a new
/// command without a golden file fails too.
final class HelpGoldenTests: XCTestCase {
    /// Golden/help beside this file, wherever the tests are run from.
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/help")
    /// Help is wrapped to the terminal's width; COLUMNS fixes it.
    static let columns = "100"
    static let regenerate = """
        if the change is intended, regenerate the files with
          FROGSCAN_UPDATE_GOLDEN=1 swift test -c release -Xswiftc -enable-testing --skip-build --filter HelpGoldenTests
        and review `git diff Tests/frogscanTests/Golden`
        """

    private var updating: Bool { ProcessInfo.processInfo.environment["FROGSCAN_UPDATE_GOLDEN"] == "1" }

    func testEveryCommandsHelpMatchesItsGoldenFile() throws {
        let helps = try Self.allHelps()
        XCTAssertGreaterThanOrEqual(helps.count, 25, "commands found: \(helps.keys.sorted())")
        if updating { try FileManager.default.createDirectory(at: Self.folder, withIntermediateDirectories: true) }
        for (name, entry) in helps.sorted(by: { $0.key < $1.key }) {
            let help = entry.help
            let command = (["frogscan"] + entry.path).joined(separator: " ")
            let url = Self.folder.appendingPathComponent(name + ".txt")
            if updating {
                try help.write(to: url, atomically: true, encoding: .utf8)
                continue
            }
            guard let golden = try? String(contentsOf: url, encoding: .utf8) else {
                XCTFail("no golden help for `\(command) --help` at \(url.path);\n\(Self.regenerate)")
                continue
            }
            if golden != help {
                XCTFail("`\(command) --help` differs from \(url.path):\n\(Self.firstDifference(golden, help))\n\(Self.regenerate)")
            }
        }
        // A golden file whose command is gone would otherwise pass silently.
        let files = (try? FileManager.default.contentsOfDirectory(atPath: Self.folder.path)) ?? []
        for file in files where file.hasSuffix(".txt") && helps[String(file.dropLast(4))] == nil {
            if updating {
                try FileManager.default.removeItem(at: Self.folder.appendingPathComponent(file))
            } else {
                XCTFail("\(Self.folder.path)/\(file) is the help of no command;\n\(Self.regenerate)")
            }
        }
    }

    /// The walk itself: it must find the nested commands and default subcommands.
    func testDiscoveryFindsNestedCommands() throws {
        let names = Set(try Self.allHelps().keys)
        for name in ["frogscan", "frogscan-detect", "frogscan-survey-run", "frogscan-dataset-preview", "frogscan-runs-list",
                     "frogscan-plot-bars", "frogscan-evaluate-detections"] {
            XCTAssertTrue(names.contains(name), "\(name) not found in \(names.sorted())")
        }
    }

    // MARK: - Walking the commands

    /// File name (`frogscan-survey-run`) → the command's path under `frogscan` and its help
    /// text, for the root and every subcommand.
    static func allHelps() throws -> [String: (path: [String], help: String)] {
        var result: [String: (path: [String], help: String)] = [:]
        var pending: [[String]] = [[]]
        while let path = pending.popLast() {
            let help = try self.help(path)
            result[(["frogscan"] + path).joined(separator: "-")] = (path, help)
            pending += subcommands(in: help).map { path + [$0] }
        }
        return result
    }

    static func help(_ path: [String]) throws -> String {
        let result = try CLI.run(path + ["--help"], environment: ["COLUMNS": columns])
        guard result.status == 0 else {
            throw NSError(domain: "HelpGoldenTests", code: Int(result.status), userInfo: [
                NSLocalizedDescriptionKey: "`frogscan \(path.joined(separator: " ")) --help` exited \(result.status): \(result.stderr)"])
        }
        return result.stdout
    }

    /// The names in a help text's SUBCOMMANDS section: lines indented by exactly two spaces
    /// (wrapped abstracts are indented further), up to the first blank line.
    static func subcommands(in help: String) -> [String] {
        let lines = help.components(separatedBy: "\n")
        guard let start = lines.firstIndex(of: "SUBCOMMANDS:") else { return [] }
        var names: [String] = []
        for line in lines[(start + 1)...] {
            if line.trimmingCharacters(in: .whitespaces).isEmpty { break }
            guard line.hasPrefix("  "), !line.hasPrefix("   ") else { continue }
            let name = line.dropFirst(2).prefix { $0 != " " }
            if name != "help" { names.append(String(name)) }
        }
        return names
    }

    /// The first line that differs, with its number, for the failure message.
    static func firstDifference(_ expected: String, _ actual: String) -> String {
        let a = expected.components(separatedBy: "\n")
        let b = actual.components(separatedBy: "\n")
        for i in 0..<max(a.count, b.count) where (i < a.count ? a[i] : nil) != (i < b.count ? b[i] : nil) {
            return "line \(i + 1):\n  expected: \(i < a.count ? a[i] : "<end of file>")\n  actual:   \(i < b.count ? b[i] : "<end of output>")"
        }
        return "(no line differs)"
    }
}
