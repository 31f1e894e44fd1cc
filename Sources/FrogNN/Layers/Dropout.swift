/// Inverted dropout: in training each element is zeroed with probability `rate` and the rest are
/// scaled by 1/(1 − rate), so evaluation is the identity. The mask comes from the layer's own
/// seeded generator, so a seed reproduces a run; `generator` is public so checkpoints can save it.
public final class Dropout: Layer {
    public let kind = "Dropout"
    public let rate: Float
    /// The generator the masks are drawn from.
    public var generator: SeededRNG

    /// Per element 0 or 1/(1 − rate), from the last training forward; empty in evaluation.
    private var cachedMask: [Float] = []

    public init(rate: Float, seed: UInt64) {
        precondition(rate >= 0 && rate < 1, "Dropout: rate must be in [0, 1)")
        self.rate = rate
        generator = SeededRNG(seed: seed)
    }

    public func outputShape(for inputShape: [Int]) -> [Int] { inputShape }

    public func forward(_ input: Tensor, training: Bool) -> Tensor {
        guard training, rate > 0 else {
            cachedMask = []
            return input
        }
        let keep = 1 / (1 - rate)
        if cachedMask.count != input.count { cachedMask = [Float](repeating: 0, count: input.count) }
        var output = input
        for i in 0..<input.count {
            let m: Float = generator.uniform() < rate ? 0 : keep
            cachedMask[i] = m
            output.data[i] *= m
        }
        return output
    }

    /// dX = dY ⊙ mask (the identity in evaluation).
    public func backward(_ gradOutput: Tensor) -> Tensor {
        guard !cachedMask.isEmpty else { return gradOutput }
        var gradInput = gradOutput
        for i in 0..<gradInput.count { gradInput.data[i] *= cachedMask[i] }
        return gradInput
    }
}
