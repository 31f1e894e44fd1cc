import FrogDSP

/// One training or evaluation example: a fixed-size feature clip and its targets.
public struct Example: Equatable, Sendable {
    /// The clip's features, `frames × bins` (frame-major, as `FeatureImage` stores them).
    public var features: FeatureImage
    /// The main class (the call overlapping the clip most), an index into the class list.
    public var classIndex: Int
    /// One value per class: 1 for classes calling in the clip (multi-hot), soft after mixup.
    public var targets: [Float]
    /// The recording's path.
    public var recording: String
    /// The recording's group (site, or the recording itself), for grouped splits.
    public var group: String
    /// Where the clip starts in the recording, seconds.
    public var startSeconds: Double

    public init(
        features: FeatureImage, classIndex: Int, targets: [Float], recording: String, group: String,
        startSeconds: Double
    ) {
        self.features = features
        self.classIndex = classIndex
        self.targets = targets
        self.recording = recording
        self.group = group
        self.startSeconds = startSeconds
    }
}
