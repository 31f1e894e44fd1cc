import ArgumentParser
import Foundation
import FrogDetect
import FrogModel

// Option groups that several commands take. Each option is declared once here, so its name,
// default, help text and range check cannot drift apart between commands.

/// `--model`, repeatable, for `detect`, `survey run` and `evaluate`.
struct ModelOptions: ParsableArguments {
    @Option(help: "Model file (.safetensors), run folder, or ensemble folder (train --folds or --seeds: its models with the thresholds chosen for them); repeat for an ensemble (mean of the models' scores, thresholds averaged). Default: the newest run (runs/*/model.safetensors or ensemble folder), else models/default.safetensors.")
    var model: [String] = []

    /// The models named, or the default model seen from the working directory.
    func source() throws -> ModelSource { try ModelLocation.source(model) }
}

/// `--overlap`: how far consecutive windows overlap when a recording is scanned.
struct WindowOptions: ParsableArguments {
    @Option(help: "Window overlap fraction in [0, 1); the hop is window × (1 − overlap).")
    var overlap: Double = 0.5

    func validate() throws {
        guard (0..<1).contains(overlap) else { throw ValidationError("--overlap must be in [0, 1), got \(overlap)") }
    }
}

/// Overrides of the model's decision rule for one run: `detect`, `survey run` and `evaluate`
/// (so a rule can be evaluated before it is run).
struct DecisionOptions: ParsableArguments {
    @Option(help: "One score threshold for every species, in [0, 1] (default: the model's per-species thresholds).")
    var minConfidence: Float?

    @Option(help: "Positive windows a detection needs (default: the model's decision rule, stored with its thresholds).")
    var minWindows: Int?

    func validate() throws {
        if let minConfidence, !(0...1).contains(minConfidence) {
            throw ValidationError("--min-confidence must be in [0, 1], got \(minConfidence)")
        }
        try Self.check(minWindows: minWindows)
    }

    /// The range check of `--min-windows`, also used by `calibrate`, whose option says more.
    static func check(minWindows: Int?) throws {
        if let minWindows, minWindows < 1 { throw ValidationError("--min-windows must be at least 1, got \(minWindows)") }
    }
}

/// How `detect` and `survey run` scan recordings and decide detections: the window overlap,
/// overrides of the model's decision rule, channels and parallel workers.
struct ScanOptions: ParsableArguments {
    @OptionGroup var window: WindowOptions

    @OptionGroup var decision: DecisionOptions

    @Option(help: "mix (phase-safe mix of all channels), each (every channel on its own), or a channel number from 1.")
    var channels: ChannelMode = .mix

    @Option(help: "Threads: recordings processed in parallel, one each; with fewer recordings than threads, the spare ones score a recording's windows.")
    var threads: Int = 1

    // --overlap and the rule's overrides check themselves (WindowOptions, DecisionOptions).
    func validate() throws {
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1, got \(threads)") }
    }

    /// The detection settings these options choose; the rest are the command's own.
    func settings(
        species: [String]? = nil, formats: [OutputFormat] = OutputFormat.allCases, batchSize: Int = 32
    ) -> DetectionSettings {
        DetectionSettings(
            overlap: window.overlap, minConfidence: decision.minConfidence, channels: channels, species: species,
            formats: formats, batchSize: batchSize, minWindows: decision.minWindows)
    }
}
