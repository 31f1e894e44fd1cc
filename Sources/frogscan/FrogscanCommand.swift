import ArgumentParser
import Foundation
import FrogCore
import FrogNN

/// The `frogscan` command line: one subcommand per task, each in its own file.
@main
struct Frogscan: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "frogscan",
        abstract: "Find frog calls in field recordings: spectrograms, training, detection, surveys.",
        discussion: """
            Exit codes: 0 all good, 1 usage or configuration error, 2 finished but some inputs \
            failed (listed in errors.csv).
            """,
        version: BuildInfo.versionLine,
        subcommands: [
            Info.self,
            Spectrogram.self,
            Synth.self,
            Dataset.self,
            Train.self,
            Evaluate.self,
            Calibrate.self,
            Runs.self,
            Detect.self,
            EvaluateDetections.self,
            Survey.self,
            Review.self,
            Plot.self,
            Bench.self,
        ])

    /// Runs the command and maps errors to the exit-code contract (0 / 1 / 2) instead of
    /// ArgumentParser's EX_USAGE (64).
    static func main() {
        // Line-buffered stdout: progress must reach a log file (cron, Slurm) as it happens.
        StandardOutput.lineBuffered()
        // Every parallel loop is frogscan's own (layers split batches, detect and survey split
        // files), each worker running whole GEMMs on its core. OpenBLAS threads on top of that
        // oversubscribe the cores and spin in sched_yield: a third of detect-1h's time was the
        // kernel scheduling those spinning threads.
        Threads.setBLASThreads(1)
        // OpenBLAS's kernels for this CPU, chosen now while the process has one thread (the
        // choice may set an environment variable): see BLASKernels.
        _ = BLASKernels.selection
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let failure as PartialFailure {
            FileHandle.standardError.write(Data("frogscan: \(failure)\n".utf8))
            Foundation.exit(2)
        } catch {
            let code = exitCode(for: error)
            if code == .success { exit(withError: error) }  // --help, --version
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(code == ExitCode(2) ? 2 : 1)
        }
    }
}
