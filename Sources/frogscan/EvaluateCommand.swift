import ArgumentParser
import Foundation
import FrogConfig
import FrogData
import FrogEvaluate
import FrogModel
import FrogTrain

extension Frogscan {
    /// `frogscan evaluate`: scores annotated recordings with a trained model and writes metrics.
    struct Evaluate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Evaluate a trained model on annotated recordings (window and recording level).",
            discussion: """
                Uses the model's own preprocessing and thresholds. Writes per_species_metrics.csv, \
                confusion_matrix.csv, confusion.png, metrics.json and predictions.csv into --out.
                With --split, only the recordings that the model's run assigned to that split \
                (its split.csv) are scored. Without --model, the model detect would use is \
                evaluated (the newest runs/*/model.safetensors, else models/default.safetensors).

                Examples:
                  frogscan evaluate --recordings recordings --labels labels --split test    # the newest run's model
                  frogscan evaluate --model runs/20261123-171500-cnn/model.safetensors --recordings recordings --labels labels
                  frogscan evaluate --model runs/X/model.safetensors --recordings recordings --labels labels --split test --out eval/
                  frogscan evaluate --model runs/A/model.safetensors --model runs/B/model.safetensors \
                    --recordings recordings --labels labels --split test --out eval-ensemble/
                  frogscan evaluate --model runs/X/model.safetensors --recordings recordings --labels labels --split test \
                    --noise storm.ogg --noise wind.ogg --snr-db 10 --out eval-noisy/

                Several --model files are evaluated as an ensemble: their probabilities are \
                averaged window by window (models trained with different seeds; they must share \
                classes and preprocessing). With --split, a recording is used when every \
                model's split.csv puts it in that split.

                Presence (the survey figure): every recording is also scanned as detect scans \
                it, with the model's decision rule; a species is present in a file when it gets a \
                detection there. --background adds frog-free audio (files, folders or manifests), \
                so the report counts false detections per hour and the share of frog-free files \
                with any detection (presence_per_species.csv, presence_files.csv, metrics.json's \
                "presence").

                  frogscan evaluate --model runs/X --recordings rec/ --labels labels.csv --background empty-nights/

                --min-confidence and --min-windows replace the model's thresholds and rule as \
                they do in detect, so a rule can be measured before a survey runs with it.

                With --noise, every window gets a stretch of one of those recordings mixed in at \
                --snr-db (power domain, seeded): how much does unseen background noise cost?
                """)

        @OptionGroup var models: ModelOptions

        @Option(help: "Folder of recordings.")
        var recordings: String

        @Option(help: "Labels: a folder of Raven/Audacity tables or CSVs, or one CSV.")
        var labels: String

        @Option(help: "Only recordings of this split in the model's split.csv.")
        var split: SplitName?

        @Option(name: [.customShort("o"), .customLong("out")], help: "Output folder for the report.")
        var out = "evaluation"

        @Option(help: "Choose thresholds on this data reaching this precision (0–1) instead of the model's.")
        var targetPrecision: Double?

        @Option(help: "Recording-level pooling of window scores.")
        var pooling = RunConfig.EvaluateSection.Pooling.mean

        @OptionGroup var window: WindowOptions

        @OptionGroup var decision: DecisionOptions

        @Option(help: "Frog-free audio for the presence figures: a file, a folder or a manifest (repeatable).")
        var background: [String] = []

        @Option(help: "Background recording mixed into every window (repeatable): a robustness check.")
        var noise: [String] = []

        @Option(help: "Signal-to-noise ratio for --noise, in dB.")
        var snrDb: Float = 10

        @Option(help: "Seed for choosing and placing the --noise stretches.")
        var seed: UInt64 = 1

        func validate() throws {
            if let targetPrecision, !(targetPrecision > 0 && targetPrecision <= 1) {
                throw ValidationError("--target-precision must be in (0, 1]")
            }
            if targetPrecision != nil && decision.minConfidence != nil {
                throw ValidationError("give --target-precision (thresholds chosen on this data) or --min-confidence (one threshold), not both")
            }
        }

        func run() throws {
            let overlap = window.overlap
            let source = try models.source()
            let bundle = try ModelEnsemble.load(source)
            let files = source.files
            if files.count > 1 { print("ensemble of \(files.count) models: mean of their probabilities") }
            var windows = try ModelEvaluation.windows(
                for: bundle, recordings: recordings, labels: labels, overlap: overlap, log: { print($0) })
            if let split {
                for path in files {
                    let splitFile = ((path as NSString).deletingLastPathComponent as NSString).appendingPathComponent("split.csv")
                    windows = try ModelEvaluation.filter(windows, split: split.rawValue, splitFile: splitFile)
                }
            }
            // Presence on the clean recordings (--noise mixes windows, not files).
            let frogFree = try AudioSources.expand(background, what: "--background")
            let scans = try PresenceEvaluation.scan(
                classifier: bundle,
                files: PresenceEvaluation.truth(of: windows, classes: bundle.classes, background: bundle.backgroundClasses),
                backgrounds: frogFree, overlap: overlap, log: { print($0) })
            if !noise.isEmpty {
                windows = try ModelEvaluation.withNoise(
                    windows, features: bundle.featureConfig, noiseFiles: noise, snrDB: snrDb, seed: seed)
                print("mixed \(noise.count) background recording(s) into \(windows.count) windows at \(snrDb) dB SNR")
            }
            let report = try ModelEvaluation.run(
                model: bundle, windows: windows, pooling: pooling,
                targetPrecision: targetPrecision, directory: out, presenceScans: scans,
                minConfidence: decision.minConfidence, minWindows: decision.minWindows)
            print(report.summaryTable())
            if let presence = report.presence { print("\npresence (as detect decides, per file):\n" + presence.summaryTable()) }
            print("wrote \(out)/")
        }
    }
}
