/// A time–frequency feature matrix (spectrogram, mel, dB, PCEN …) with its axes.
///
/// Stored frame-major: `values[frame * bins + bin]`, i.e. shape `[frames, bins]` as written to
/// `.npy`, and directly the T×F layout the RNNs read. Bin 0 is the lowest frequency.
public struct FeatureImage: Equatable, Sendable {
    /// Frequency bins (mel bands or linear bins) per frame.
    public var bins: Int
    /// Number of time frames.
    public var frames: Int
    /// `frames * bins` values, frame-major.
    public var values: [Float]
    /// Seconds between consecutive frames (hop / sample rate).
    public var secondsPerFrame: Double
    /// Time in seconds of frame 0's centre, relative to the start of the recording.
    public var startSeconds: Double
    /// Centre frequency in Hz of each bin (count == bins).
    public var binFrequencies: [Float]

    public init(
        bins: Int, frames: Int, values: [Float], secondsPerFrame: Double,
        startSeconds: Double = 0, binFrequencies: [Float]
    ) {
        precondition(values.count == bins * frames, "FeatureImage: \(values.count) != \(frames)×\(bins)")
        precondition(binFrequencies.count == bins, "FeatureImage: \(binFrequencies.count) frequencies for \(bins) bins")
        self.bins = bins
        self.frames = frames
        self.values = values
        self.secondsPerFrame = secondsPerFrame
        self.startSeconds = startSeconds
        self.binFrequencies = binFrequencies
    }

    /// The value at a frame and bin.
    @inlinable public subscript(frame: Int, bin: Int) -> Float {
        get { values[frame * bins + bin] }
        set { values[frame * bins + bin] = newValue }
    }

    /// Frames `range` as a new image (times shifted accordingly).
    public func frames(_ range: Range<Int>) -> FeatureImage {
        FeatureImage(
            bins: bins, frames: range.count,
            values: Array(values[(range.lowerBound * bins)..<(range.upperBound * bins)]),
            secondsPerFrame: secondsPerFrame,
            startSeconds: startSeconds + Double(range.lowerBound) * secondsPerFrame,
            binFrequencies: binFrequencies)
    }
}
