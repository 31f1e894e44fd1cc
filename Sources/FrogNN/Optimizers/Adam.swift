import Foundation

/// Adam and AdamW with PyTorch semantics (`torch.optim.Adam` / `AdamW`, amsgrad off):
///
///     Adam:  g = ∇ + wd·θ                 AdamW: θ = θ·(1 − lr·wd), g = ∇
///     m = β1·m + (1 − β1)·g,  v = β2·v + (1 − β2)·g²
///     θ = θ − (lr / (1 − β1ᵗ)) · m / (√v / √(1 − β2ᵗ) + ε)
public final class Adam: OptimizerBase {
    public let beta1: Float
    public let beta2: Float
    public let epsilon: Float
    public let weightDecay: Float
    /// True for AdamW's decoupled weight decay.
    public let decoupledWeightDecay: Bool

    public init(
        parameters: [NamedParameter], learningRate: Float = 1e-3, beta1: Float = 0.9,
        beta2: Float = 0.999, epsilon: Float = 1e-8, weightDecay: Float = 0,
        decoupledWeightDecay: Bool = false
    ) {
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.weightDecay = weightDecay
        self.decoupledWeightDecay = decoupledWeightDecay
        super.init(parameters: parameters, learningRate: learningRate, slotNames: ["exp_avg", "exp_avg_sq"])
    }

    /// AdamW: Adam with decoupled weight decay (PyTorch's default decay 0.01).
    public static func adamW(
        parameters: [NamedParameter], learningRate: Float = 1e-3, beta1: Float = 0.9,
        beta2: Float = 0.999, epsilon: Float = 1e-8, weightDecay: Float = 0.01
    ) -> Adam {
        Adam(
            parameters: parameters, learningRate: learningRate, beta1: beta1, beta2: beta2,
            epsilon: epsilon, weightDecay: weightDecay, decoupledWeightDecay: true)
    }

    override func applySingle(
        gradient grad: UnsafeBufferPointer<Float>, parameter theta: UnsafeMutableBufferPointer<Float>,
        _ update: ParameterUpdate
    ) {
        let rate = update.learningRate
        // Bias correction counts this parameter's own steps (it may have been frozen).
        let t = Float(update.step)
        let correction1 = 1 - powf(beta1, t)
        let correction2Root = (1 - powf(beta2, t)).squareRoot()
        let stepSize = rate / correction1
        let m = update.slots[0], v = update.slots[1]
        for i in 0..<theta.count {
            var g = grad[i]
            if decoupledWeightDecay {
                theta[i] *= 1 - rate * weightDecay
            } else {
                g += weightDecay * theta[i]
            }
            m[i] = beta1 * m[i] + (1 - beta1) * g
            v[i] = beta2 * v[i] + (1 - beta2) * g * g
            let denominator = v[i].squareRoot() / correction2Root + epsilon
            theta[i] -= stepSize * m[i] / denominator
        }
    }
}
