import ArgumentParser
import Foundation
import FrogScan
import Logging

#if canImport(Glibc)
import Glibc
#endif

extension Frogscan {
    /// `frogscan detect`: finds calls in folders of recordings and writes detection tables.
    struct Detect: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Find frog calls in folders of recordings.",
            discussion: """
                Walks the folders recursively (wav, flac, ogg, mp3, aif … in any letter case), \
                scans every recording with the model's own preprocessing, and writes to --out:
                  detections.csv         file,start_s,end_s,species,confidence,mean_confidence,channel,
                                         site,start_time,model_id,threshold,window_s,overlap
                  NAME.selections.txt    Raven Pro selection table per recording
                  NAME.labels.txt        Audacity label track per recording
                  summary.csv            per recording: duration, detections and seconds per species
                  errors.csv             recordings that could not be read (exit code 2 if any)
                  combined.selections.txt  with --combined: one Raven table over all recordings
                  snippets/SPECIES/*.png with --snippets N

                Examples:
                  frogscan detect recordings/
                  frogscan detect /cards/2024-03-* --model runs/20240301-cnn/model.safetensors \\
                      --out survey-march --threads 2 --format csv,raven
                  frogscan detect night/ --channels each --min-confidence 0.7 --species crinia_signifera
                  frogscan detect night/ --resume        # after an interruption
                  frogscan detect night/ --model runs/A/model.safetensors --model runs/B/model.safetensors
                """)

        @Argument(help: "Folders (searched recursively) and audio files.")
        var inputs: [String]

        @Option(help: "Model file (.safetensors), run folder, or cross-validation folder (train --folds: its models with the out-of-fold thresholds); repeat for an ensemble (mean of the models' scores, thresholds averaged). Default: the newest runs/*/model.safetensors, else models/default.safetensors.")
        var model: [String] = []

        @Option(help: "One score threshold for every species (default: the model's per-species thresholds).")
        var minConfidence: Float?

        @Option(help: "Positive windows a detection needs (default: the model's decision rule, stored with its thresholds).")
        var minWindows: Int?

        @Option(help: "Window overlap fraction in [0, 1); the hop is window × (1 − overlap).")
        var overlap: Double = 0.5

        @Option(help: "Per-recording outputs, comma-separated: csv, raven, audacity.")
        var format: String = "csv,raven,audacity"

        @Option(help: "mix (phase-safe mix of all channels), each (every channel on its own), or a channel number from 1.")
        var channels: String = "mix"

        @Option(name: [.customShort("o"), .customLong("out")], help: "Output folder.")
        var out: String = "detections"

        @Option(help: "Recordings processed in parallel.")
        var threads: Int = 1

        @Flag(help: "Skip recordings whose outputs are complete from an earlier run with the same settings.")
        var resume = false

        @Option(help: "Report only these species (comma-separated class names).")
        var species: String?

        @Option(help: "Write spectrogram PNGs of the N most confident detections per species.")
        var snippets: Int = 0

        @Flag(help: "Also write combined.selections.txt: one Raven table with times running on over all recordings.")
        var combined = false

        @Option(help: "File-name pattern for site and start time, e.g. '{site}_{YYYY}{MM}{DD}_{hh}{mm}{ss}' (default: AudioMoth / Song Meter names, site = parent folder).")
        var timestampPattern: String?

        @Option(help: "Windows scored per model call.")
        var batchSize: Int = 32

        func validate() throws {
            guard (0..<1).contains(overlap) else { throw ValidationError("--overlap must be in [0, 1), got \(overlap)") }
            guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
            guard snippets >= 0 else { throw ValidationError("--snippets must be 0 or more") }
            guard batchSize >= 1 else { throw ValidationError("--batch-size must be at least 1") }
            if let minWindows, minWindows < 1 { throw ValidationError("--min-windows must be at least 1, got \(minWindows)") }
            if let minConfidence, !(0...1).contains(minConfidence) {
                throw ValidationError("--min-confidence must be in [0, 1], got \(minConfidence)")
            }
            guard ChannelMode(argument: channels) != nil else {
                throw ValidationError("--channels must be mix, each or a channel number from 1, got '\(channels)'")
            }
            _ = try formats()
            if let timestampPattern { _ = try FileNameTimestamp(pattern: timestampPattern) }
        }

        private func formats() throws -> [OutputFormat] {
            try format.split(separator: ",").map { name in
                let trimmed = name.trimmingCharacters(in: .whitespaces).lowercased()
                guard let format = OutputFormat(rawValue: trimmed) else {
                    throw ValidationError("--format: unknown '\(trimmed)'; use csv, raven, audacity")
                }
                return format
            }
        }

        func run() throws {
            // Resolved once; every worker then loads its own networks from the files.
            let source = try ModelSource.resolve(model.isEmpty ? [try ModelLocation.resolveDefault()] : model)
            let settings = DetectionSettings(
                overlap: overlap, minConfidence: minConfidence, channels: ChannelMode(argument: channels)!,
                species: species.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } },
                formats: try formats(), batchSize: batchSize, minWindows: minWindows)
            let options = DetectionRun.Options(
                inputs: inputs, outputFolder: URL(fileURLWithPath: out), settings: settings, threads: threads,
                resume: resume, combined: combined, snippets: snippets,
                timestamps: try timestampPattern.map(FileNameTimestamp.init(pattern:)) ?? FileNameTimestamp())
            let logger = Logger(label: "frogscan.detect") { StreamLogHandler.standardError(label: $0) }
            let display = ProgressDisplay(isTerminal: isatty(STDERR_FILENO) == 1, logger: logger)
            let run = DetectionRun(
                options: options, makeClassifier: { try ModelEnsemble.load(source, threads: $0) }, display: display)
            let result = try run.run()
            let detections = result.outcomes.reduce(0) { $0 + $1.records.count }
            print("\(detections) detection(s) in \(result.outcomes.count) recording(s)"
                  + (result.resumed > 0 ? " (\(result.resumed) resumed)" : "") + "; \(result.progress.line)")
            print("wrote \(result.layout.detectionsCSV.path)")
        }
    }
}
