/// One worker's share of a survey: `--shard i/N` takes the recordings whose stable path hash is
/// `i` modulo `N`, so N workers on shared storage split the work without talking to each other.
public struct SurveyShard: Equatable, Sendable, CustomStringConvertible {
    /// 0-based shard index.
    public let index: Int
    /// Number of shards.
    public let count: Int

    public init(index: Int, count: Int) throws {
        guard count >= 1, index >= 0, index < count else {
            throw SurveyError.invalidShard("\(index)/\(count)")
        }
        self.index = index
        self.count = count
    }

    /// Parses `i/N` (0-based i, as Slurm's `$SLURM_ARRAY_TASK_ID` and Kubernetes'
    /// `$JOB_COMPLETION_INDEX` are).
    public init(parsing text: String) throws {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]) else {
            throw SurveyError.invalidShard(text)
        }
        try self.init(index: i, count: n)
    }

    public var description: String { "\(index)/\(count)" }

    /// Whether this shard owns the recording at `relativePath` (relative to the survey root, so
    /// workers that mount the storage at different places agree).
    public func owns(relativePath: String) -> Bool {
        Int(Self.stableHash(relativePath) % UInt64(count)) == index
    }

    /// FNV-1a 64 over the UTF-8 bytes: stable across runs, machines and Swift versions
    /// (unlike `Hasher`, which is seeded per process).
    static func stableHash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return hash
    }
}
