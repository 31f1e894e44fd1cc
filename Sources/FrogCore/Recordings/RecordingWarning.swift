import FrogAudio

/// Something a run analysed only in part, or skipped, without it being an error: one row of
/// `warnings.csv` (`file,kind,warning`). Kinds: `truncated`, `short_data_chunk`,
/// `non_finite_samples` (from `AudioDamage`), `dangling_link`, `symlink_loop`.
public struct RecordingWarning: Equatable, Sendable, Codable {
    public var file: String
    public var kind: String
    /// Names the file and says what was done and what to do.
    public var message: String

    public init(file: String, kind: String, message: String) {
        self.file = file
        self.kind = kind
        self.message = message
    }

    public init(_ damage: AudioDamage, file: String) {
        self.init(file: file, kind: damage.kind, message: damage.description)
    }
}
