import ArgumentParser
import Foundation
import FrogCore
import FrogDetect
import FrogModel
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

        @OptionGroup var models: ModelOptions

        @OptionGroup var scan: ScanOptions

        @Option(help: "Per-recording outputs, comma-separated.")
        var format = OutputFormatList(OutputFormat.allCases)

        @Option(name: [.customShort("o"), .customLong("out")], help: "Output folder.")
        var out: String = "detections"

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

        // The scan options check themselves (ScanOptions.validate); these are detect's own.
        func validate() throws {
            guard snippets >= 0 else { throw ValidationError("--snippets must be 0 or more") }
            guard batchSize >= 1 else { throw ValidationError("--batch-size must be at least 1") }
            if let timestampPattern { _ = try FileNameTimestamp(pattern: timestampPattern) }
        }

        func run() throws {
            // Resolved once; every worker then loads its own networks from the files.
            let source = try models.source()
            let settings = scan.settings(
                species: species.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } },
                formats: format.formats, batchSize: batchSize)
            let options = DetectionRun.Options(
                inputs: inputs, outputFolder: URL(fileURLWithPath: out), settings: settings, threads: scan.threads,
                resume: resume, combined: combined, snippets: snippets,
                timestamps: try timestampPattern.map(FileNameTimestamp.init(pattern:)) ?? FileNameTimestamp())
            let logger = Logger(label: "frogscan.detect") { StreamLogHandler.standardError(label: $0) }
            let display = ProgressDisplay(isTerminal: isatty(STDERR_FILENO) == 1, logger: logger)
            let run = DetectionRun(
                options: options, makeClassifier: { try ModelEnsemble.load(source) }, display: display)
            let result = try run.run()
            let detections = result.outcomes.reduce(0) { $0 + $1.records.count }
            print("\(detections) detection(s) in \(result.outcomes.count) recording(s)"
                  + (result.resumed > 0 ? " (\(result.resumed) resumed)" : "") + "; \(result.progress.line)")
            print("wrote \(result.layout.detectionsCSV.path)")
        }
    }
}
