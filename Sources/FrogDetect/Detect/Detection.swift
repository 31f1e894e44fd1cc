/// One detected calling event of one species in one recording.
public struct Detection: Equatable, Sendable, Codable {
    /// Recording path as discovered.
    public var file: String
    /// 1-based channel when channels are analysed separately; nil for a mix.
    public var channel: Int?
    /// Seconds from the start of the recording.
    public var start: Double
    public var end: Double
    /// Class name.
    public var species: String
    /// Highest window score inside the event.
    public var confidence: Float
    /// Mean window score inside the event.
    public var meanConfidence: Float

    public init(
        file: String, channel: Int? = nil, start: Double, end: Double, species: String,
        confidence: Float, meanConfidence: Float
    ) {
        self.file = file
        self.channel = channel
        self.start = start
        self.end = end
        self.species = species
        self.confidence = confidence
        self.meanConfidence = meanConfidence
    }
}
