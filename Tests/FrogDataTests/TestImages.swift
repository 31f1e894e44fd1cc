import FrogDSP

/// Small synthetic feature images for transform tests.
enum TestImages {
    /// `frames × bins` image whose value encodes its position: `frame * 100 + bin`.
    static func ramp(frames: Int, bins: Int) -> FeatureImage {
        var values: [Float] = []
        for t in 0..<frames { for f in 0..<bins { values.append(Float(t * 100 + f)) } }
        return FeatureImage(
            bins: bins, frames: frames, values: values, secondsPerFrame: 0.01,
            binFrequencies: (0..<bins).map { Float($0) * 100 })
    }

    /// A quiet image (−80 dB) with one loud (0 dB) column at `frame`.
    static func click(frames: Int, bins: Int, at frame: Int) -> FeatureImage {
        var image = FeatureImage(
            bins: bins, frames: frames, values: Array(repeating: -80, count: frames * bins), secondsPerFrame: 0.01,
            binFrequencies: (0..<bins).map { Float($0) * 100 })
        for f in 0..<bins { image[frame, f] = 0 }
        return image
    }

    /// The frame with the most total value.
    static func loudestFrame(_ image: FeatureImage) -> Int {
        (0..<image.frames).max { a, b in
            (0..<image.bins).map { image[a, $0] }.reduce(0, +) < (0..<image.bins).map { image[b, $0] }.reduce(0, +)
        }!
    }
}
