import FrogCore

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
    /// Damage met while reading it (truncation, NaN samples): analysed, but reported.
    public var warnings: [RecordingWarning]

    public init(
        file: String, durationSeconds: Double, channels: Int, records: [DetectionRecord],
        warnings: [RecordingWarning] = []
    ) {
        self.file = file
        self.durationSeconds = durationSeconds
        self.channels = channels
        self.records = records
        self.warnings = warnings
    }

    private enum CodingKeys: String, CodingKey { case file, durationSeconds, channels, records, warnings }

    /// Markers written before warnings existed have none.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        file = try container.decode(String.self, forKey: .file)
        durationSeconds = try container.decode(Double.self, forKey: .durationSeconds)
        channels = try container.decode(Int.self, forKey: .channels)
        records = try container.decode([DetectionRecord].self, forKey: .records)
        warnings = try container.decodeIfPresent([RecordingWarning].self, forKey: .warnings) ?? []
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
