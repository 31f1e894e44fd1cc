import ArgumentParser
import Foundation
import FrogScan

extension Frogscan {
    /// `frogscan evaluate`: scores annotated recordings with a trained model and writes metrics.
    struct Evaluate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Evaluate a trained model on annotated recordings (window and recording level).",
            discussion: """
                Uses the model's own preprocessing and thresholds. Writes per_species_metrics.csv, \
                confusion_matrix.csv, confusion.png, metrics.json and predictions.csv into --out.
                With --split, only the recordings that the model's run assigned to that split \
                (its split.csv) are scored.

                Examples:
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

                With --noise, every window gets a stretch of one of those recordings mixed in at \
                --snr-db (power domain, seeded): how much does unseen background noise cost?
                """)

        @Option(help: "Model file (.safetensors written by frogscan train), run folder, or cross-validation folder (train --folds: its models as an ensemble); repeat for an ensemble.")
        var model: [String]

        @Option(help: "Folder of recordings.")
        var recordings: String

        @Option(help: "Labels: a folder of Raven/Audacity tables or CSVs, or one CSV.")
        var labels: String

        @Option(help: "Only recordings of this split (train, validation, test) in the model's split.csv.")
        var split: String?

        @Option(name: [.customShort("o"), .customLong("out")], help: "Output folder for the report.")
        var out = "evaluation"

        @Option(help: "Choose thresholds on this data reaching this precision (0–1) instead of the model's.")
        var targetPrecision: Double?

        @Option(help: "Recording-level pooling of window scores: mean or max.")
        var pooling = "mean"

        @Option(help: "Window overlap fraction in [0, 1), as in detect: more overlap scores more windows per recording.")
        var overlap: Double = 0.5

        @Option(help: "Frog-free audio for the presence figures: a file, a folder or a manifest (repeatable).")
        var background: [String] = []

        @Option(help: "Background recording mixed into every window (repeatable): a robustness check.")
        var noise: [String] = []

        @Option(help: "Signal-to-noise ratio for --noise, in dB.")
        var snrDb: Float = 10

        @Option(help: "Seed for choosing and placing the --noise stretches.")
        var seed: UInt64 = 1

        func validate() throws {
            if model.isEmpty { throw ValidationError("--model is required (a .safetensors file written by frogscan train, or its run folder)") }
            if let targetPrecision, !(targetPrecision > 0 && targetPrecision <= 1) {
                throw ValidationError("--target-precision must be in (0, 1]")
            }
            if let split, !["train", "validation", "test"].contains(split) {
                throw ValidationError("--split must be train, validation or test")
            }
            guard (0..<1).contains(overlap) else { throw ValidationError("--overlap must be in [0, 1)") }
            guard RunConfig.EvaluateSection.Pooling(rawValue: pooling) != nil else {
                throw ValidationError("--pooling must be mean or max")
            }
        }

        func run() throws {
            let source = try ModelSource.resolve(model)
            let bundle = try ModelEnsemble.load(source)
            let files = source.files
            if files.count > 1 { print("ensemble of \(files.count) models: mean of their probabilities") }
            var windows = try ModelEvaluation.windows(
                for: bundle, recordings: recordings, labels: labels, overlap: overlap, log: { print($0) })
            if let split {
                for path in files {
                    let splitFile = ((path as NSString).deletingLastPathComponent as NSString).appendingPathComponent("split.csv")
                    windows = try ModelEvaluation.filter(windows, split: split, splitFile: splitFile)
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
                model: bundle, windows: windows, pooling: RunConfig.EvaluateSection.Pooling(rawValue: pooling)!,
                targetPrecision: targetPrecision, directory: out, presenceScans: scans)
            print(report.summaryTable())
            if let presence = report.presence { print("\npresence (as detect decides, per file):\n" + presence.summaryTable()) }
            print("wrote \(out)/")
        }
    }
}
