/// Stochastic gradient descent with PyTorch `torch.optim.SGD` semantics:
///
///     g = ∇ + wd·θ
///     b = g on the first step, then μ·b + (1 − dampening)·g      (when μ > 0)
///     g = g + μ·b (Nesterov) or b
///     θ = θ − lr·g
public final class SGD: Optimizer {
    public let parameters: [NamedParameter]
    public var learningRate: Float
    public let momentum: Float
    public let dampening: Float
    public let nesterov: Bool
    public let weightDecay: Float
    private var state: OptimizerState

    public init(
        parameters: [NamedParameter], learningRate: Float, momentum: Float = 0, dampening: Float = 0,
        nesterov: Bool = false, weightDecay: Float = 0
    ) {
        precondition(!nesterov || (momentum > 0 && dampening == 0), "Nesterov needs momentum and no dampening")
        self.parameters = parameters.filter { $0.parameter.trainable }
        self.learningRate = learningRate
        self.momentum = momentum
        self.dampening = dampening
        self.nesterov = nesterov
        self.weightDecay = weightDecay
        state = OptimizerState(slotNames: momentum > 0 ? ["momentum_buffer"] : [], parameters: self.parameters)
    }

    public var stepCount: Int { state.stepCount }

    public var learningRateScales: [Float] {
        get { state.scales }
        set { state.setScales(newValue) }
    }

    public func step() {
        for (index, named) in parameters.enumerated() {
            let scale = state.scales[index]
            // A frozen parameter: no update, no decay, no momentum drift.
            guard scale > 0 else { continue }
            let rate = learningRate * scale
            let first = state.steps[index] == 0
            let p = named.parameter
            let buffer = momentum > 0 ? state.slots[0][index].pointer : nil
            p.grad.data.withUnsafeBufferPointer { grad in
                p.value.data.withUnsafeMutableBufferPointer { theta in
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
        }
        state.finishStep()
    }

    public func stateTensors() -> [String: Tensor] { state.export() }

    public func restoreState(_ tensors: [String: Tensor], stepCount: Int) throws {
        try state.restore(tensors, stepCount: stepCount)
    }
}
