/// Scales all gradients together so their global L2 norm is at most `globalNorm` (PyTorch
/// `clip_grad_norm_`, with its 1e-6 guard); returns the norm before clipping.
@discardableResult
public func clipGradients(_ parameters: [Parameter], globalNorm maximum: Float) -> Float {
    var squares = 0.0
    for p in parameters { squares += p.grad.sumOfSquares() }
    let norm = Float(squares.squareRoot())
    let factor = maximum / (norm + 1e-6)
    if factor < 1 {
        for p in parameters { p.grad.scale(by: factor) }
    }
    return norm
}

/// Regularisation terms added to the loss: they return the penalty and add its gradient into
/// each parameter's `grad` (call after `backward`, before the optimiser step).
public enum Regularization {
    /// λ·Σ θ²/2 with gradient λ·θ (the same update as plain weight decay λ in SGD).
    @discardableResult
    public static func addL2(strength: Float, to parameters: [Parameter]) -> Float {
        var penalty = 0.0
        for p in parameters {
            penalty += p.value.sumOfSquares()
            p.grad.add(p.value, scaledBy: strength)
        }
        return Float(penalty) * strength / 2
    }

    /// λ·Σ |θ| with (sub)gradient λ·sign(θ) (0 at 0).
    @discardableResult
    public static func addL1(strength: Float, to parameters: [Parameter]) -> Float {
        var penalty: Float = 0
        for p in parameters {
            for i in 0..<p.value.count {
                let v = p.value.data[i]
                penalty += abs(v)
                p.grad.data[i] += v > 0 ? strength : (v < 0 ? -strength : 0)
            }
        }
        return penalty * strength
    }
}
