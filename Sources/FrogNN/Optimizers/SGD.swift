/// Stochastic gradient descent with PyTorch `torch.optim.SGD` semantics:
///
///     g = ∇ + wd·θ
///     b = g on the first step, then μ·b + (1 − dampening)·g      (when μ > 0)
///     g = g + μ·b (Nesterov) or b
///     θ = θ − lr·g
public final class SGD: OptimizerBase {
    public let momentum: Float
    public let dampening: Float
    public let nesterov: Bool
    public let weightDecay: Float

    public init(
        parameters: [NamedParameter], learningRate: Float, momentum: Float = 0, dampening: Float = 0,
        nesterov: Bool = false, weightDecay: Float = 0
    ) {
        precondition(!nesterov || (momentum > 0 && dampening == 0), "Nesterov needs momentum and no dampening")
        self.momentum = momentum
        self.dampening = dampening
        self.nesterov = nesterov
        self.weightDecay = weightDecay
        super.init(
            parameters: parameters, learningRate: learningRate, slotNames: momentum > 0 ? ["momentum_buffer"] : [])
    }

    override func applySingle(
        gradient grad: UnsafeBufferPointer<Float>, parameter theta: UnsafeMutableBufferPointer<Float>,
        _ update: ParameterUpdate
    ) {
        let rate = update.learningRate
        let first = update.step == 1
        let buffer = momentum > 0 ? update.slots[0] : nil
        for i in 0..<theta.count {
            var g = grad[i] + weightDecay * theta[i]
            if let buffer {
                buffer[i] = first ? g : momentum * buffer[i] + (1 - dampening) * g
                g = nesterov ? g + momentum * buffer[i] : buffer[i]
            }
            theta[i] -= rate * g
        }
    }
}
