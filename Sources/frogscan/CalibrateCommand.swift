import ArgumentParser
import Foundation
import FrogConfig
import FrogEvaluate
import FrogModel

extension Frogscan {
    /// `frogscan calibrate`: raise a model's thresholds to a false-positive budget on the user's
    /// own frog-free recordings.
    struct Calibrate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Raise a model's thresholds so it stays within a false-detection budget on your own frog-free audio.",
            discussion: """
                Scans frog-free recordings from your own site (daytime, off-season, a dry pond: \
                anything known to hold no frog) as detect would, and raises each species' \
                threshold to the lowest value at which it makes at most --max-false-per-hour \
                false detections per hour there, under the model's decision rule. Thresholds are \
                never lowered. Writes a new model file (--out) recording the budget, the audio it \
                was checked on and the original model's id; detect, survey run and evaluate use \
                it like any model.

                Examples:
                  frogscan calibrate --model runs/X --background site-A/daytime/ --max-false-per-hour 10 --out site-A.safetensors
                  frogscan calibrate --model models/default.safetensors --background empty.csv --min-windows 2 --out calibrated.safetensors
                """)

        // One model, required, not ModelOptions: calibrate rewrites a single model's thresholds,
        // so neither an ensemble nor an implicit default makes sense here.
        @Option(help: "Model file (.safetensors) or run folder.")
        var model: String

        @Option(help: "Frog-free audio: a file, a folder or a manifest (.csv with a file column, .txt one path per line); repeatable.")
        var background: [String] = []

        @Option(help: "Budget: false detections per hour of frog-free audio, per species.")
        var maxFalsePerHour: Double

        @Option(help: "Also set the decision rule's minimum positive windows per detection.")
        var minWindows: Int?

        @OptionGroup var window: WindowOptions

        @Option(name: [.customShort("o"), .customLong("out")], help: "The calibrated model file to write.")
        var out: String

        func validate() throws {
            guard !background.isEmpty else { throw ValidationError("--background is required: frog-free recordings from your site") }
            guard maxFalsePerHour >= 0, maxFalsePerHour.isFinite else { throw ValidationError("--max-false-per-hour must be ≥ 0") }
            try DecisionOptions.check(minWindows: minWindows)
        }

        func run() throws {
            let source = try ModelSource.resolve(model)
            guard source.files.count == 1 else {
                throw ValidationError("calibrate takes one model file or run folder; \(model) holds \(source.files.count) models (calibrate a member, or each)")
            }
            let input = URL(fileURLWithPath: source.files[0]).standardizedFileURL.path
            guard URL(fileURLWithPath: out).standardizedFileURL.path != input else {
                throw ValidationError("--out must be a new file: the original model stays as it is")
            }
            let bundle = try ModelBundle.load(path: source.files[0])
            let files = try AudioSources.expand(background, what: "--background")
            let outcome = try Calibration.run(
                model: bundle, backgrounds: files, maxFalsePerHour: maxFalsePerHour, minWindows: minWindows, overlap: window.overlap,
                log: { FileHandle.standardError.write(Data("frogscan: \($0)\n".utf8)) })
            try outcome.model.save(to: out)
            print(Calibration.table(outcome))
            print("rule: \(outcome.model.decision.description)")
            print("wrote \(out)")
        }
    }
}
