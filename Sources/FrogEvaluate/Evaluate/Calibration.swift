import Foundation
import FrogConfig
import FrogModel

/// `frogscan calibrate`: a model's thresholds raised for a user's own site from their own
/// frog-free recordings (daytime, off-season, a drained pond), so that each species makes at
/// most a budget of false detections per hour there under the model's decision rule.
/// Thresholds are only ever raised: without calls to measure recall on, lowering one could not
/// be checked.
public enum Calibration {
    /// Per species: the threshold before and after, and false detections per hour on the
    /// calibration audio before and after.
    public struct Row: Equatable, Sendable {
        public var species: String
        public var before: Float
        public var after: Float
        public var falsePerHourBefore: Double
        public var falsePerHourAfter: Double
    }

    /// What a calibration changed.
    public struct Outcome<Model: AdjustableClassifier> {
        public var model: Model
        public var rows: [Row]
        public var files: Int
        public var seconds: Double
    }

    /// Calibrates `model` (a model file or an ensemble) in place on `backgrounds` (audio files)
    /// and returns the table. `minWindows` replaces the model's rule first, when given.
    public static func run<Model: AdjustableClassifier>(
        model: Model, backgrounds: [String], maxFalsePerHour: Double, minWindows: Int? = nil, overlap: Double = 0.5,
        log: (String) -> Void = { _ in }
    ) throws -> Outcome<Model> {
        let scans = try PresenceEvaluation.scan(classifier: model, files: [], backgrounds: backgrounds, overlap: overlap, log: log)
        guard !scans.isEmpty else {
            throw ConfigError.invalidValue(
                path: "--background", source: "calibrate", message: "none of the \(backgrounds.count) file(s) could be read")
        }
        let sourceID = model.modelID
        if let minWindows { model.decision.minWindows = minWindows }
        let rule = model.decision.minWindows
        let before = PresenceEvaluation.metrics(scans: scans, classifier: model)
        let previous = model.thresholds
        let raised = PresenceThresholds.raised(
            previous, scans: scans, classes: model.classes, background: model.backgroundClasses,
            maxFalsePerHour: maxFalsePerHour, minWindows: rule)
        model.thresholds = raised.thresholds
        model.decision.thresholdMode = "calibrated"
        model.decision.maxFalsePerHour = maxFalsePerHour
        model.decision.calibration = "calibrated from model \(sourceID) at \(ISO8601DateFormatter().string(from: Date())): " + raised.note
        let after = PresenceEvaluation.metrics(scans: scans, classifier: model)
        let rows = before.species.enumerated().map { index, name -> Row in
            let c = model.classes.firstIndex(of: name)!
            return Row(
                species: name, before: previous[c], after: model.thresholds[c],
                falsePerHourBefore: before.falsePerHour(species: index) ?? 0, falsePerHourAfter: after.falsePerHour(species: index) ?? 0)
        }
        return Outcome(model: model, rows: rows, files: scans.count, seconds: before.frogFreeSeconds)
    }

    /// The terminal table of `outcome`.
    public static func table<Model>(_ outcome: Outcome<Model>) -> String {
        let width = max(12, outcome.rows.map(\.species.count).max() ?? 0)
        var lines = ["species".padding(toLength: width, withPad: " ", startingAt: 0) + "  threshold before → after   false/h before → after"]
        for row in outcome.rows {
            lines.append(row.species.padding(toLength: width, withPad: " ", startingAt: 0)
                + String(format: "  %8.4f → %-8.4f   %8.1f → %.1f", row.before, row.after, row.falsePerHourBefore, row.falsePerHourAfter))
        }
        lines.append(String(format: "calibration audio: %d file(s), %.2f h", outcome.files, outcome.seconds / 3600))
        return lines.joined(separator: "\n")
    }
}
