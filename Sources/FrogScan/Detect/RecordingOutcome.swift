/// What scanning one recording produced: its length and its detections (with provenance).
/// Also the content of the `--resume` completion marker, so a resumed run rebuilds the combined
/// outputs without scanning the recording again.
public struct RecordingOutcome: Equatable, Sendable, Codable {
    /// Recording path as discovered.
    public var file: String
    /// Length in seconds.
    public var durationSeconds: Double
    /// Channels in the file.
    public var channels: Int
    /// Detections in output order.
    public var records: [DetectionRecord]

    public init(file: String, durationSeconds: Double, channels: Int, records: [DetectionRecord]) {
        self.file = file
        self.durationSeconds = durationSeconds
        self.channels = channels
        self.records = records
    }
}

/// A recording that could not be processed, and why (one row of `errors.csv`).
public struct RecordingFailure: Equatable, Sendable {
    public var file: String
    public var error: String

    public init(file: String, error: String) {
        self.file = file
        self.error = error
    }
}
