import ArgumentParser
import Foundation
import FrogBench
import FrogNN

extension Frogscan {
    /// `frogscan bench`: runs the reference workloads and prints their figures.
    struct Bench: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run reference benchmark workloads.",
            discussion: """
                Examples:
                  frogscan bench --list
                  frogscan bench spectrogram-10min --threads 1
                  frogscan bench --threads 2 --json
                  frogscan bench cnn-train --threads 2 --profile   # time per model stage
                """)

        @Argument(help: "Workloads to run (default: all). See --list.")
        var workloads: [String] = []

        @Option(help: "Threads (OpenBLAS and worker threads).")
        var threads: Int = 1

        @Flag(help: "Print one JSON object per line: {\"workload\", \"threads\", \"value\", \"unit\"}.")
        var json = false

        @Flag(help: "List the workloads and exit.")
        var list = false

        @Flag(help: "Also print where the time goes, per model stage (NN workloads).")
        var profile = false

        func validate() throws {
            guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
            guard !(profile && json) else { throw ValidationError("--profile prints a table: leave out --json") }
            for name in workloads where BenchRegistry.workload(named: name) == nil {
                let known = BenchRegistry.all.map(\.name).joined(separator: ", ")
                throw ValidationError("unknown workload '\(name)'; known: \(known)")
            }
        }

        func run() throws {
            if list {
                for w in BenchRegistry.all { print("\(w.name)\t\(w.unit)\t\(w.summary)") }
                return
            }
            let chosen = workloads.isEmpty ? BenchRegistry.all : workloads.compactMap(BenchRegistry.workload(named:))
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            // Which GEMM kernels ran decides the NN figures more than anything else does.
            if !json { print(BLASKernels.selection.summary) }
            for w in chosen {
                if profile, let profiled = w.profiled {
                    let result = try profiled(threads)
                    print("\(w.name)\t\(threads) thread(s)\t\(String(format: "%.4g", result.value)) \(w.unit)")
                    print(result.table + "\n")
                    continue
                }
                let value = try w.run(threads)
                let result = BenchResult(workload: w.name, threads: threads, value: value, unit: w.unit)
                if json {
                    print(String(decoding: try encoder.encode(result), as: UTF8.self))
                } else {
                    print("\(w.name)\t\(threads) thread(s)\t\(String(format: "%.4g", value)) \(w.unit)")
                }
                StandardOutput.flush()
            }
        }
    }
}
