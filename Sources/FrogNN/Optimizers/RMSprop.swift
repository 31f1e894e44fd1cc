/// RMSprop with PyTorch `torch.optim.RMSprop` semantics:
///
///     g = ∇ + wd·θ,  s = α·s + (1 − α)·g²
///     centred: a = α·a + (1 − α)·g,  d = √(s − a²) + ε;  otherwise d = √s + ε
///     momentum: b = μ·b + g/d, θ = θ − lr·b;  otherwise θ = θ − lr·g/d
public final class RMSprop: Optimizer {
    public let parameters: [NamedParameter]
    public var learningRate: Float
    public let alpha: Float
    public let epsilon: Float
    public let weightDecay: Float
    public let momentum: Float
    public let centered: Bool
    private var state: OptimizerState

    public init(
        parameters: [NamedParameter], learningRate: Float = 1e-2, alpha: Float = 0.99,
        epsilon: Float = 1e-8, weightDecay: Float = 0, momentum: Float = 0, centered: Bool = false
    ) {
        self.parameters = parameters.filter { $0.parameter.trainable }
        self.learningRate = learningRate
        self.alpha = alpha
        self.epsilon = epsilon
        self.weightDecay = weightDecay
        self.momentum = momentum
        self.centered = centered
        var slots = ["square_avg"]
        if momentum > 0 { slots.append("momentum_buffer") }
        if centered { slots.append("grad_avg") }
        state = OptimizerState(slotNames: slots, parameters: self.parameters)
    }

    public var stepCount: Int { state.stepCount }

    public var learningRateScales: [Float] {
        get { state.scales }
        set { state.setScales(newValue) }
    }

    public func step() {
        for (index, named) in parameters.enumerated() {
            let scale = state.scales[index]
            // A frozen parameter: no update, no decay, no average drift.
            guard scale > 0 else { continue }
            let rate = learningRate * scale
            let p = named.parameter
            let square = state.slots[0][index].pointer
            let buffer = momentum > 0 ? state.slots[1][index].pointer : nil
            let average = centered ? state.slots[state.slotNames.count - 1][index].pointer : nil
            p.grad.data.withUnsafeBufferPointer { grad in
                p.value.data.withUnsafeMutableBufferPointer { theta in
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
        }
        state.finishStep()
    }

    public func stateTensors() -> [String: Tensor] { state.export() }

    public func restoreState(_ tensors: [String: Tensor], stepCount: Int) throws {
        try state.restore(tensors, stepCount: stepCount)
    }
}
