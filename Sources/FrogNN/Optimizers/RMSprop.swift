/// RMSprop with PyTorch `torch.optim.RMSprop` semantics:
///
///     g = ∇ + wd·θ,  s = α·s + (1 − α)·g²
///     centred: a = α·a + (1 − α)·g,  d = √(s − a²) + ε;  otherwise d = √s + ε
///     momentum: b = μ·b + g/d, θ = θ − lr·b;  otherwise θ = θ − lr·g/d
public final class RMSprop: OptimizerBase {
    public let alpha: Float
    public let epsilon: Float
    public let weightDecay: Float
    public let momentum: Float
    public let centered: Bool

    public init(
        parameters: [NamedParameter], learningRate: Float = 1e-2, alpha: Float = 0.99,
        epsilon: Float = 1e-8, weightDecay: Float = 0, momentum: Float = 0, centered: Bool = false
    ) {
        self.alpha = alpha
        self.epsilon = epsilon
        self.weightDecay = weightDecay
        self.momentum = momentum
        self.centered = centered
        var slots = ["square_avg"]
        if momentum > 0 { slots.append("momentum_buffer") }
        if centered { slots.append("grad_avg") }
        super.init(parameters: parameters, learningRate: learningRate, slotNames: slots)
    }

    override func applySingle(
        gradient grad: UnsafeBufferPointer<Float>, parameter theta: UnsafeMutableBufferPointer<Float>,
        _ update: ParameterUpdate
    ) {
        let rate = update.learningRate
        let square = update.slots[0]
        let buffer = momentum > 0 ? update.slots[1] : nil
        let average = centered ? update.slots.last : nil
        for i in 0..<theta.count {
            let g = grad[i] + weightDecay * theta[i]
            square[i] = alpha * square[i] + (1 - alpha) * g * g
            var denominator: Float
            if let average {
                average[i] = alpha * average[i] + (1 - alpha) * g
                denominator = (square[i] - average[i] * average[i]).squareRoot() + epsilon
            } else {
                denominator = square[i].squareRoot() + epsilon
            }
            if let buffer {
                buffer[i] = momentum * buffer[i] + g / denominator
                theta[i] -= rate * buffer[i]
            } else {
                theta[i] -= rate * g / denominator
            }
        }
    }
}
