/// How scored windows become detections beyond the per-species thresholds, stored in the model
/// file and applied by the one `DetectionMerger` that `detect`, `survey run`, `evaluate` and a
/// run's reports all use, so a presence figure measured in a report is the one users get.
public struct DecisionRule: Equatable, Sendable, Codable {
    /// An event (positive windows of one species that overlap or touch) is kept only when it
    /// holds at least this many positive windows; 1 keeps every positive window. A single
    /// loud transient fills one window, a calling frog usually several.
    public var minWindows: Int
    /// How the thresholds were chosen (`max_f1`, `target_precision 0.9`,
    /// `false_positive_budget 20/h`, `calibrated …`), for the record.
    public var thresholdMode: String
    /// The false-positive budget the thresholds were chosen for, in false detections per hour of
    /// frog-free audio; nil when they were not chosen against one.
    public var maxFalsePerHour: Double?
    /// What the thresholds were chosen on (files, hours), for the record.
    public var calibration: String?

    public init(minWindows: Int = 1, thresholdMode: String = "max_f1", maxFalsePerHour: Double? = nil, calibration: String? = nil) {
        self.minWindows = minWindows
        self.thresholdMode = thresholdMode
        self.maxFalsePerHour = maxFalsePerHour
        self.calibration = calibration
    }

    enum CodingKeys: String, CodingKey {
        case minWindows = "min_windows", thresholdMode = "threshold_mode"
        case maxFalsePerHour = "max_false_per_hour", calibration
    }

    /// One line for logs and `--help`-style summaries.
    public var description: String {
        var text = "thresholds \(thresholdMode), at least \(minWindows) positive window\(minWindows == 1 ? "" : "s") per detection"
        if let calibration { text += " (\(calibration))" }
        return text
    }
}
