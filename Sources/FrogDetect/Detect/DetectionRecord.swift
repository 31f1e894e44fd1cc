/// A detection with the context and provenance every output row carries: where and when it
/// was recorded (from the file name) and which model, threshold, window and overlap found it.
public struct DetectionRecord: Equatable, Sendable, Codable {
    public var detection: Detection
    /// Site from the file name pattern or the parent folder.
    public var site: String?
    /// Absolute wall time of the detection's start (`YYYY-MM-DDTHH:MM:SS.sss`), when the file
    /// name carries the recording's start time.
    public var startTime: String?
    /// The model's identifier (a content hash).
    public var modelID: String
    /// The threshold the species' window scores were compared with.
    public var threshold: Float
    /// Window length in seconds.
    public var windowSeconds: Double
    /// Window overlap fraction.
    public var overlap: Double

    public init(
        detection: Detection, site: String?, startTime: String?, modelID: String, threshold: Float,
        windowSeconds: Double, overlap: Double
    ) {
        self.detection = detection
        self.site = site
        self.startTime = startTime
        self.modelID = modelID
        self.threshold = threshold
        self.windowSeconds = windowSeconds
        self.overlap = overlap
    }

    /// The output order: by path, then start time, then species, then channel, so files are
    /// identical whatever the number of threads.
    public static func outputOrder(_ a: DetectionRecord, _ b: DetectionRecord) -> Bool {
        let x = a.detection, y = b.detection
        if x.file != y.file { return x.file < y.file }
        if x.start != y.start { return x.start < y.start }
        if x.species != y.species { return x.species < y.species }
        return (x.channel ?? 0) < (y.channel ?? 0)
    }
}
