import Foundation
import FrogCore

/// The headline of a finished run (`run.json`), read by `frogscan runs list` and `compare`.
public struct RunSummary: Codable, Equatable, Sendable {
    public var name: String
    public var family: String
    /// Settings that differ from the embedded defaults, as `key=value`.
    public var flags: [String]
    public var bestEpoch: Int
    public var epochs: Int
    public var stoppedEarly: Bool
    public var validationAccuracy: Double
    public var validationMacroF1: Double
    /// nil when the run had no test split.
    public var testMacroF1: Double?
    /// Recording-level macro-F1 (window scores pooled per recording).
    public var validationRecordingMacroF1: Double?
    public var testRecordingMacroF1: Double?
    /// Presence macro-F1 (`PresenceMetrics`: a species is present in a file when `detect`
    /// finds it there), and on the test's frog-free files the false detections per hour and the
    /// share of files with any; nil when not measured.
    public var validationPresenceMacroF1: Double?
    public var testPresenceMacroF1: Double?
    public var testFalsePerHour: Double?
    public var testFrogFreeShare: Double?
    /// Validation minus test macro-F1 (window level): how much the validation number flatters.
    public var generalizationGap: Double?
    public var seconds: Double

    enum CodingKeys: String, CodingKey {
        case name, family, flags, epochs, seconds
        case bestEpoch = "best_epoch", stoppedEarly = "stopped_early"
        case validationAccuracy = "val_accuracy", validationMacroF1 = "val_macro_f1"
        case testMacroF1 = "test_macro_f1", validationRecordingMacroF1 = "val_recording_macro_f1"
        case testRecordingMacroF1 = "test_recording_macro_f1", generalizationGap = "generalization_gap"
        case validationPresenceMacroF1 = "val_presence_macro_f1", testPresenceMacroF1 = "test_presence_macro_f1"
        case testFalsePerHour = "test_false_per_hour", testFrogFreeShare = "test_frog_free_share"
    }

    public func write(to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try AtomicFile.write(encoder.encode(self), to: URL(fileURLWithPath: path))
    }

    public static func read(path: String) -> RunSummary? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return try? JSONDecoder().decode(RunSummary.self, from: data)
    }
}
