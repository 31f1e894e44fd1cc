import Foundation

/// Combines survey databases written by separate shards (`--shard i/N`) into one. Idempotent:
/// merging the same source twice changes nothing, so a merge can simply be re-run after a late
/// shard finishes.
public enum SurveyMerge {
    /// What a merge added.
    public struct Summary: Equatable, Sendable {
        public var recordings = 0
        public var detections = 0
        public init() {}
    }

    /// Merges each database at `sources` into `destination`, one transaction per source
    /// (`SurveyDatabase.merge(from:)` says what is taken).
    public static func merge(sources: [String], into destination: SurveyDatabase) throws -> Summary {
        var summary = Summary()
        for source in sources {
            let added = try destination.merge(from: SurveyDatabase.openExisting(path: source))
            summary.recordings += added.recordings
            summary.detections += added.detections
        }
        return summary
    }
}
