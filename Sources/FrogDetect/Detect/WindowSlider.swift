import FrogDSP

/// Cuts a stream of feature frames into fixed-length windows that start every `hopFrames`.
///
/// Frames arrive in chunks (as a streaming feature extractor produces them); only the frames a
/// future window still needs are kept, so memory is bounded by the window and chunk lengths.
/// At the end, a recording whose last regular window stops short of its final frame gets one
/// more window aligned to the end, and a recording shorter than one window gets a single window
/// padded with its quietest value, so no audio goes unscored.
public struct WindowSlider {
    /// One window cut from the stream.
    public struct Window {
        /// Index of the window's first frame from the start of the recording.
        public var startFrame: Int
        /// The window's features (`windowFrames` frames).
        public var image: FeatureImage
    }

    public let windowFrames: Int
    public let hopFrames: Int

    private var bins = 0
    private var secondsPerFrame = 0.0
    private var binFrequencies: [Float] = []
    /// Frames not yet released, frame-major; `buffered[0]` is frame `bufferStart`.
    private var buffered: [Float] = []
    private var bufferStart = 0
    private var totalFrames = 0
    private var nextStart = 0
    private var lastWindowEnd = 0

    public init(windowFrames: Int, hopFrames: Int) {
        precondition(windowFrames > 0 && hopFrames > 0, "WindowSlider: window and hop must be positive")
        self.windowFrames = windowFrames
        self.hopFrames = hopFrames
    }

    /// The hop for a window length and an overlap fraction in [0, 1): `window × (1 − overlap)`,
    /// rounded, at least one frame.
    public static func hopFrames(windowFrames: Int, overlap: Double) -> Int {
        max(1, Int((Double(windowFrames) * (1 - overlap)).rounded()))
    }

    /// Frames seen so far.
    public var framesSeen: Int { totalFrames }

    /// Appends a chunk of frames and returns the windows it completes.
    public mutating func push(_ chunk: FeatureImage) -> [Window] {
        guard chunk.frames > 0 else { return [] }
        if bins == 0 {
            bins = chunk.bins
            secondsPerFrame = chunk.secondsPerFrame
            binFrequencies = chunk.binFrequencies
        }
        precondition(chunk.bins == bins, "WindowSlider: chunk has \(chunk.bins) bins, expected \(bins)")
        buffered.append(contentsOf: chunk.values)
        totalFrames += chunk.frames
        var windows: [Window] = []
        while nextStart + windowFrames <= totalFrames {
            windows.append(cut(from: nextStart))
            nextStart += hopFrames
        }
        release(before: min(nextStart, totalFrames))
        return windows
    }

    /// Returns the last window if the regular ones left the end (or everything) unscored.
    public mutating func finish() -> [Window] {
        guard totalFrames > 0, lastWindowEnd < totalFrames else { return [] }
        if totalFrames >= windowFrames {
            return [cut(from: totalFrames - windowFrames)]
        }
        // Shorter than one window: pad with the quietest value seen, the closest thing to silence
        // in any amplitude scaling (dB floor, PCEN or power).
        let floor = buffered.min() ?? 0
        var values = buffered
        values.append(contentsOf: repeatElement(floor, count: (windowFrames - totalFrames) * bins))
        lastWindowEnd = totalFrames
        return [Window(startFrame: 0, image: image(values: values))]
    }

    private mutating func cut(from start: Int) -> Window {
        let lower = (start - bufferStart) * bins
        let values = Array(buffered[lower..<(lower + windowFrames * bins)])
        lastWindowEnd = start + windowFrames
        return Window(startFrame: start, image: image(values: values, startFrame: start))
    }

    private func image(values: [Float], startFrame: Int = 0) -> FeatureImage {
        FeatureImage(
            bins: bins, frames: windowFrames, values: values, secondsPerFrame: secondsPerFrame,
            startSeconds: Double(startFrame) * secondsPerFrame, binFrequencies: binFrequencies)
    }

    /// Drops frames before `frame`, keeping one window's worth for the end-aligned last window.
    private mutating func release(before frame: Int) {
        let keepFrom = max(bufferStart, min(frame, totalFrames - windowFrames))
        let drop = keepFrom - bufferStart
        guard drop > 0 else { return }
        buffered.removeFirst(drop * bins)
        bufferStart = keepFrom
    }
}
