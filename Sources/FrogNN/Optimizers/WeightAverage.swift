/// An exponential moving average of a model's weights and buffers (Polyak averaging), updated
/// after every optimiser step; evaluating the average instead of the last step's weights
/// smooths out the noise of small-batch training.
///
/// Early on the decay is `min(decay, (1 + n) / (10 + n))` after n updates (TensorFlow's
/// `num_updates` rule), so the average is not held back by the initial weights. BatchNorm's
/// running statistics are averaged with the weights, as timm's `ModelEma` does.
public final class WeightAverage {
    /// The long-run decay per update, in [0, 1).
    public let decay: Float
    /// Updates so far.
    public private(set) var updates: Int
    /// The averaged tensors, named and ordered as `Sequential.namedTensors`.
    public private(set) var tensors: [NamedTensor]

    /// Starts the average at `model`'s current weights.
    public init(model: Sequential, decay: Float) {
        precondition((0..<1).contains(decay), "WeightAverage: decay must be in [0, 1)")
        self.decay = decay
        updates = 0
        tensors = model.namedTensors
    }

    /// Continues an average saved as `tensors` after `updates` updates (a checkpoint).
    public init(tensors: [NamedTensor], updates: Int, decay: Float) {
        precondition((0..<1).contains(decay), "WeightAverage: decay must be in [0, 1)")
        self.decay = decay
        self.updates = updates
        self.tensors = tensors
    }

    /// The decay the next update uses.
    public var currentDecay: Float { min(decay, Float(1 + updates) / Float(10 + updates)) }

    /// Moves the average towards `model`'s current weights.
    public func update(from model: Sequential) {
        let d = currentDecay
        let current = model.namedTensors
        precondition(current.count == tensors.count, "WeightAverage: the model changed shape")
        for i in tensors.indices {
            let source = current[i].tensor.data
            tensors[i].tensor.data.withUnsafeMutableBufferPointer { average in
                for j in average.indices where average[j] != source[j] {
                    // Equal values are skipped so the average of a frozen weight stays bit-identical
                    // (d·a + (1 − d)·a need not round back to a).
                    average[j] = d * average[j] + (1 - d) * source[j]
                }
            }
        }
        updates += 1
    }

    /// Runs `body` with the averaged weights loaded into `model`, then puts its own back.
    public func withAveragedWeights<T>(in model: Sequential, _ body: () throws -> T) throws -> T {
        let own = model.namedTensors
        try model.loadWeights(from: SafeTensorsFile(weights: tensors))
        defer { try? model.loadWeights(from: SafeTensorsFile(weights: own)) }
        return try body()
    }
}
