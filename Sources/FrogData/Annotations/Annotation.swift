/// One labelled stretch of a recording: a call box from Raven/Audacity, or a whole-file (weak)
/// label when `start`/`end` are nil.
public struct Annotation: Equatable, Sendable, Codable {
    /// The recording's path (absolute, or relative to the labels' folder as read).
    public var file: String
    /// Start in seconds; nil for a whole-recording label.
    public var start: Double?
    /// End in seconds; nil for a whole-recording label.
    public var end: Double?
    /// The class label after aliasing.
    public var label: String
    /// Optional frequency band of the call, Hz.
    public var lowHz: Double?
    public var highHz: Double?
    /// 1-based channel, when the table says.
    public var channel: Int?
    /// Extra columns kept for grouping and splitting (site, group_id …).
    public var attributes: [String: String]
    /// Where it was read from, for error messages ("labels/a.txt:12").
    public var source: String

    public init(
        file: String, start: Double?, end: Double?, label: String, lowHz: Double? = nil,
        highHz: Double? = nil, channel: Int? = nil, attributes: [String: String] = [:], source: String = ""
    ) {
        self.file = file
        self.start = start
        self.end = end
        self.label = label
        self.lowHz = lowHz
        self.highHz = highHz
        self.channel = channel
        self.attributes = attributes
        self.source = source
    }

    /// True when the label covers the whole recording (clip-level, weak label).
    public var isWholeRecording: Bool { start == nil || end == nil }
}
