import ArgumentParser
import Foundation
import FrogTrain

extension Frogscan {
    /// `frogscan runs`: lists and compares training runs.
    struct Runs: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List and compare training runs.",
            discussion: """
                Examples:
                  frogscan runs list
                  frogscan runs compare runs/20261123-171500-cnn runs/20261123-173000-birnn
                """,
            subcommands: [List.self, Compare.self], defaultSubcommand: List.self)

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "One row per run: family, best epoch, val/test metrics, time, non-default flags.")

            @Option(help: "Folder holding run folders.")
            var dir = "runs"

            func run() throws { print(RunTable.list(root: dir), terminator: "") }
        }

        struct Compare: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Show two runs' differing flags and per-species metrics side by side.")

            @Argument(help: "First run (a path, or a folder name under --dir).")
            var first: String
            @Argument(help: "Second run.")
            var second: String
            @Option(help: "Folder holding run folders.")
            var dir = "runs"

            func run() throws {
                func folder(_ name: String) throws -> RunFolder {
                    FileManager.default.fileExists(atPath: name)
                        ? try RunFolder(existing: name) : try RunFolder(existing: (dir as NSString).appendingPathComponent(name))
                }
                print(try RunTable.compare(folder(first), folder(second)), terminator: "")
            }
        }
    }
}
