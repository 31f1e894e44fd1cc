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
                  frogscan evaluate --model runs/X/model.safetensors --recordings recordings --labels labels --split test \
                    --noise storm.ogg --noise wind.ogg --snr-db 10 --out eval-noisy/

                With --noise, every window gets a stretch of one of those recordings mixed in at \
                --snr-db (power domain, seeded): how much does unseen background noise cost?
                """)

        @Option(help: "Model file (.safetensors written by frogscan train).")
        var model: String

        @Option(help: "Folder of recordings.")
        var recordings: String

        @Option(help: "Labels: a folder of Raven/Audacity tables or CSVs, or one CSV.")
        var labels: String

        @Option(help: "Only recordings of this split (train, validation, test) in the model's split.csv.")
        var split: String?

        @Option(help: "Output folder for the report.")
        var out = "evaluation"

        @Option(help: "Choose thresholds on this data reaching this precision (0–1) instead of the model's.")
        var targetPrecision: Double?

        @Option(help: "Recording-level pooling of window scores: mean or max.")
        var pooling = "mean"

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
            if let split, !["train", "validation", "test"].contains(split) {
                throw ValidationError("--split must be train, validation or test")
            }
            guard RunConfig.EvaluateSection.Pooling(rawValue: pooling) != nil else {
                throw ValidationError("--pooling must be mean or max")
            }
        }

        func run() throws {
            let bundle = try ModelBundle.load(path: model)
            var windows = try ModelEvaluation.windows(
                for: bundle, recordings: recordings, labels: labels, log: { print($0) })
            if let split {
                let splitFile = ((model as NSString).deletingLastPathComponent as NSString).appendingPathComponent("split.csv")
                windows = try ModelEvaluation.filter(windows, split: split, splitFile: splitFile)
            }
            if !noise.isEmpty {
                windows = try ModelEvaluation.withNoise(
                    windows, features: bundle.featureConfig, noiseFiles: noise, snrDB: snrDb, seed: seed)
                print("mixed \(noise.count) background recording(s) into \(windows.count) windows at \(snrDb) dB SNR")
            }
            let report = try ModelEvaluation.run(
                model: bundle, windows: windows, pooling: RunConfig.EvaluateSection.Pooling(rawValue: pooling)!,
                targetPrecision: targetPrecision, directory: out)
            print(report.summaryTable())
            print("wrote \(out)/")
        }
    }
}
