/// Examples gathered into one flat Float buffer with its shape, ready for the network (the
/// training code wraps it in a tensor; FrogData knows nothing of FrogNN).
public struct Batch: Equatable, Sendable {
    /// How the features are laid out.
    public enum Layout: String, Codable, Sendable, CaseIterable {
        /// `[n, 1, bins, frames]` — an image for CNNs: height = frequency, width = time.
        case image
        /// `[n, frames, bins]` — a sequence for RNNs: time steps of feature vectors.
        case sequence
    }

    /// Features, row-major in `shape`.
    public var inputs: [Float]
    /// `[n, 1, bins, frames]` or `[n, frames, bins]`.
    public var shape: [Int]
    /// `[n, classes]` targets (multi-hot, or soft after mixup), row-major.
    public var targets: [Float]
    /// The main class of each example.
    public var classIndices: [Int]

    /// Gathers `examples` (all with the same frames × bins).
    public init(_ examples: [Example], layout: Layout) {
        precondition(!examples.isEmpty, "Batch: no examples")
        let bins = examples[0].features.bins
        let frames = examples[0].features.frames
        let classes = examples[0].targets.count
        var inputs = [Float](repeating: 0, count: examples.count * bins * frames)
        var targets: [Float] = []
        targets.reserveCapacity(examples.count * classes)
        for (n, example) in examples.enumerated() {
            precondition(
                example.features.bins == bins && example.features.frames == frames,
                "Batch: example \(n) is \(example.features.frames)×\(example.features.bins), expected \(frames)×\(bins)")
            precondition(example.targets.count == classes, "Batch: example \(n) has \(example.targets.count) targets, expected \(classes)")
            let base = n * bins * frames
            let values = example.features.values
            switch layout {
            case .sequence:
                // FeatureImage is already frame-major: [frames, bins].
                inputs.replaceSubrange(base..<(base + bins * frames), with: values)
            case .image:
                // Transpose frame-major [frames, bins] to [bins, frames] (row = frequency).
                for t in 0..<frames {
                    for f in 0..<bins { inputs[base + f * frames + t] = values[t * bins + f] }
                }
            }
            targets += example.targets
        }
        self.inputs = inputs
        self.shape = layout == .image ? [examples.count, 1, bins, frames] : [examples.count, frames, bins]
        self.targets = targets
        self.classIndices = examples.map(\.classIndex)
    }
}
