import Foundation
import FrogNN

/// One reference workload of `frogscan bench`: a name, a unit and a function that measures it.
package struct BenchWorkload: Sendable {
    /// Stable name used on the command line and in `--json` output, e.g. `spectrogram-10min`.
    package var name: String
    /// Unit of the measured value: `s`, `samples/s`, `x_realtime`, `MB` …
    package var unit: String
    /// One-line description for `frogscan bench --list`.
    package var summary: String
    /// Runs the workload at the given thread count and returns the value (median of repeats
    /// where the workload repeats itself).
    package var run: @Sendable (_ threads: Int) throws -> Double
    /// The same measurement with a `StageProfile` attached to the model after the warm-up (NN
    /// workloads only): the value, and per stage the summed forward and backward seconds.
    package var profiled: (@Sendable (_ threads: Int) throws -> BenchProfile)?

    package init(
        name: String, unit: String, summary: String, run: @escaping @Sendable (Int) throws -> Double,
        profiled: (@Sendable (Int) throws -> BenchProfile)? = nil
    ) {
        self.name = name
        self.unit = unit
        self.summary = summary
        self.run = run
        self.profiled = profiled
    }
}

/// One measured figure, as printed by `frogscan bench --json`.
package struct BenchResult: Codable, Equatable, Sendable {
    package var workload: String
    package var threads: Int
    package var value: Double
    package var unit: String

    package init(workload: String, threads: Int, value: Double, unit: String) {
        self.workload = workload
        self.threads = threads
        self.value = value
        self.unit = unit
    }
}

/// A workload's figure with where its time went: per model stage, forward and backward seconds
/// summed over the timed batches (`frogscan bench --profile`).
package struct BenchProfile: Sendable {
    package var value: Double
    /// Samples per batch, so per-call times can be set against the whole step (1 / rate).
    package var batchSize: Int
    package var stages: [StageProfile.Entry]

    /// The printed table: per stage ms per batch forward and backward and its share of the
    /// step; the rest of the step (loss, optimizer, batch copies) as "outside the model". Stage
    /// times are means over the timed batches and the step is the workload's median, so the
    /// step is taken as at least the stages' sum (a slow repeat can lift the means above it).
    package var table: String {
        let stageSum = stages.reduce(0.0) { $0 + $1.forwardMilliseconds + $1.backwardMilliseconds }
        let step = max(Double(batchSize) / value * 1000, stageSum)
        let width = max(44, stages.map(\.name.count).max() ?? 0)
        func name(_ text: String) -> String { text.padding(toLength: width, withPad: " ", startingAt: 0) }
        var lines = [name("stage") + "     fwd ms     bwd ms   share"]
        for entry in stages {
            let (forward, backward) = (entry.forwardMilliseconds, entry.backwardMilliseconds)
            lines.append(name(entry.name) + String(format: " %10.3f %10.3f %6.1f%%", forward, backward, (forward + backward) / step * 100))
        }
        lines.append(name("outside the model (loss, optimizer, copies)") + String(format: " %21.3f %6.1f%%", step - stageSum, (step - stageSum) / step * 100))
        lines.append(name("step") + String(format: " %21.3f ms per batch of %d (%.4g samples/s)", step, batchSize, value))
        return lines.joined(separator: "\n")
    }
}
