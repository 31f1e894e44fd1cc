import Foundation
import FrogAudio
import FrogData

/// What every `dataset` subcommand starts from: the annotations matched to the recordings,
/// the config, and recording lengths read from the audio headers (cached per run).
public final class DatasetInputs {
    public let config: DatasetConfig
    public let set: AnnotationSet
    private var durations: [String: Double] = [:]

    public init(recordings: String, labels: String, config: DatasetConfig) throws {
        self.config = config
        set = try AnnotationSet.load(recordings: recordings, labels: labels, config: config.labels)
    }

    /// A recording's length in seconds from its header (throws for unreadable files).
    public func duration(of path: String) throws -> Double {
        if let known = durations[path] { return known }
        let value = try AudioFile.info(path: path).duration
        durations[path] = value
        return value
    }

    /// The group column: an explicit choice, else the config's.
    public func groupColumn(_ override: String?) -> String? {
        override ?? config.labels.groupColumn
    }
}
