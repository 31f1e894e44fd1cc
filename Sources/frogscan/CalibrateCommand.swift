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
                it like any model. An ensemble folder (train --seeds or --folds) is calibrated as \
                one model, and --out is then a new folder listing the same member files with the \
                calibrated thresholds (models.txt, thresholds.csv, decision.json).

                Examples:
                  frogscan calibrate --model runs/X --background site-A/daytime/ --max-false-per-hour 10 --out site-A.safetensors
                  frogscan calibrate --model models/default.safetensors --background empty.csv --min-windows 2 --out calibrated.safetensors
                  frogscan calibrate --model runs/X-ensemble --background site-A/daytime/ --max-false-per-hour 10 --out site-A-ensemble/
                """)

        // One model, required, not ModelOptions: calibrate rewrites one model's thresholds (a
        // file's, or an ensemble folder's), so neither --model twice nor an implicit default.
        @Option(help: "Model file (.safetensors), run folder, or ensemble folder (train --seeds or --folds).")
        var model: String

        @Option(help: "Frog-free audio: a file, a folder or a manifest (.csv with a file column, .txt one path per line); repeatable.")
        var background: [String] = []

        @Option(help: "Budget: false detections per hour of frog-free audio, per species.")
        var maxFalsePerHour: Double

        @Option(help: "Also set the decision rule's minimum positive windows per detection.")
        var minWindows: Int?

        @OptionGroup var window: WindowOptions

        @Option(name: [.customShort("o"), .customLong("out")], help: "The calibrated model file to write (a new folder for an ensemble).")
        var out: String

        func validate() throws {
            guard !background.isEmpty else { throw ValidationError("--background is required: frog-free recordings from your site") }
            guard maxFalsePerHour >= 0, maxFalsePerHour.isFinite else { throw ValidationError("--max-false-per-hour must be ≥ 0") }
            try DecisionOptions.check(minWindows: minWindows)
        }

        func run() throws {
            let source = try ModelSource.resolve(model)
            let files = try AudioSources.expand(background, what: "--background")
            let log: (String) -> Void = { FileHandle.standardError.write(Data("frogscan: \($0)\n".utf8)) }
            guard source.files.count == 1 else {
                try calibrateEnsemble(source, backgrounds: files, log: log)
                return
            }
            let input = URL(fileURLWithPath: source.files[0]).standardizedFileURL.path
            guard URL(fileURLWithPath: out).standardizedFileURL.path != input else {
                throw ValidationError("--out must be a new file: the original model stays as it is")
            }
            let bundle = try ModelBundle.load(path: source.files[0])
            let outcome = try Calibration.run(
                model: bundle, backgrounds: files, maxFalsePerHour: maxFalsePerHour, minWindows: minWindows, overlap: window.overlap,
                log: log)
            try outcome.model.save(to: out)
            print(Calibration.table(outcome))
            print("rule: \(outcome.model.decision.description)")
            print("wrote \(out)")
        }

        /// An ensemble folder: the members stay where they are; the new folder lists them (by
        /// absolute path, so it can live anywhere) with the calibrated thresholds and rule.
        private func calibrateEnsemble(_ source: ModelSource, backgrounds: [String], log: (String) -> Void) throws {
            let target = URL(fileURLWithPath: out).standardizedFileURL
            if let existing = try? FileManager.default.contentsOfDirectory(atPath: target.path), !existing.isEmpty {
                throw ValidationError("--out \(out) exists and is not empty; give a new folder for the calibrated ensemble (the original stays as it is)")
            }
            if FileManager.default.fileExists(atPath: target.path), (try? FileManager.default.contentsOfDirectory(atPath: target.path)) == nil {
                throw ValidationError("--out \(out) is a file; \(model) is an ensemble, so --out must be a new folder")
            }
            guard let ensemble = try ModelEnsemble.load(source) as? ModelEnsemble else {
                preconditionFailure("several model files load as an ensemble")
            }
            let outcome = try Calibration.run(
                model: ensemble, backgrounds: backgrounds, maxFalsePerHour: maxFalsePerHour, minWindows: minWindows,
                overlap: window.overlap, log: log)
            // Written beside the target, then renamed: a folder that exists is complete.
            let staging = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).tmp-\(getpid())")
            try? FileManager.default.removeItem(at: staging)
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
            try outcome.model.writeFolder(
                staging, memberPaths: source.files.map { URL(fileURLWithPath: $0).standardizedFileURL.path }, mode: "calibrated")
            try? FileManager.default.removeItem(at: target)  // an empty folder only (checked above)
            try FileManager.default.moveItem(at: staging, to: target)
            print(Calibration.table(outcome))
            print("rule: \(outcome.model.decision.description)")
            print("wrote \(out) (an ensemble of \(source.files.count) models: pass the folder as --model)")
        }
    }
}
