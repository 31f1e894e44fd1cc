import GRDB

/// What became of a recording, as stored in the `status` columns of `recordings` and `processings`.
///
/// The raw values are the strings in existing survey databases and in `recordings.csv`: never
/// rename them (the v1 migration's column default is `new` too).
public enum RecordingStatus: String, CaseIterable, Sendable, DatabaseValueConvertible {
    /// Registered, not analysed yet (`recordings` only).
    case new
    /// Analysed.
    case done
    /// Analysed up to where the file's data ends: its header promised more.
    case truncated
    /// Analysed, with other damage (NaN/Inf samples read as silence).
    case damaged
    /// Could not be analysed; the row's `error` says why.
    case failed
    /// Not analysed with the reported model yet: reports only, never stored.
    case pending

    /// Whether the audio was analysed (a truncated recording up to where it ends), so its hours
    /// count as recorded.
    public var isAnalysed: Bool { self == .done || self == .truncated || self == .damaged }
}
