/// One row of a Raven Pro selection table: a time–frequency box with its selection number,
/// view and channel, plus the values of any extra columns (`Species`, `Begin File`, …).
public struct RavenSelection: Equatable, Sendable {
    /// Raven's 1-based selection number; rows of different views share it.
    public var selection: Int
    /// "Spectrogram 1" or "Waveform 1".
    public var view: String
    /// 1-based channel.
    public var channel: Int
    public var beginSeconds: Double
    public var endSeconds: Double
    public var lowHz: Double
    public var highHz: Double
    /// Extra columns by header name, e.g. `["Species": "crinia_signifera", "Confidence": "0.91"]`.
    public var values: [String: String]

    public init(
        selection: Int, view: String = "Spectrogram 1", channel: Int = 1, beginSeconds: Double,
        endSeconds: Double, lowHz: Double = 0, highHz: Double = 0, values: [String: String] = [:]
    ) {
        self.selection = selection
        self.view = view
        self.channel = channel
        self.beginSeconds = beginSeconds
        self.endSeconds = endSeconds
        self.lowHz = lowHz
        self.highHz = highHz
        self.values = values
    }
}
