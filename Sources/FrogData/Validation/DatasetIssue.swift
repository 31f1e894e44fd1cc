/// One problem found in a dataset: where, what kind, and a message saying what to do.
public struct DatasetIssue: Equatable, Sendable, Codable {
    /// The kinds of problem `dataset check` and the loader report.
    public enum Kind: String, Equatable, Sendable, Codable, CaseIterable {
        case malformed = "malformed"
        case endBeforeStart = "end_before_start"
        case beyondDuration = "beyond_duration"
        case unknownLabel = "unknown_label"
        case labelFileWithoutRecording = "label_file_without_recording"
        case missingRecording = "missing_recording"
        case recordingWithoutLabels = "recording_without_labels"
        case unreadableRecording = "unreadable_recording"
        case emptyLabelFile = "empty_label_file"
        case emptyLabel = "empty_label"
        case labelTooLong = "label_too_long"
    }

    /// `path:line`, or a path.
    public var location: String
    public var kind: Kind
    public var message: String

    public init(location: String, kind: Kind, message: String) {
        self.location = location
        self.kind = kind
        self.message = message
    }
}
