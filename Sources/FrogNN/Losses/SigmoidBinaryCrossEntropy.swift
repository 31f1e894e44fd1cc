import Foundation

/// Sigmoid binary cross-entropy from logits for multi-label targets, with PyTorch
/// `BCEWithLogitsLoss` semantics (mean over all elements, `pos_weight` per class):
///
///     loss = mean( pw[c]·y·softplus(−x) + (1 − y)·softplus(x) )
///
/// where log σ(x) = −softplus(−x) and log(1 − σ(x)) = −softplus(x), and
/// softplus(z) = max(z, 0) + log1p(exp(−|z|)) never overflows.
public struct SigmoidBinaryCrossEntropy: Sendable {
    /// Per-class weight of positive targets (the last axis), or nil for all ones.
    public var positiveWeights: [Float]?

    public init(positiveWeights: [Float]? = nil) {
        self.positiveWeights = positiveWeights
    }

    /// Loss and d(loss)/d(logits).
    /// - Parameters:
    ///   - logits: [n, classes] or [n, t, classes]
    ///   - targets: same shape, values in [0, 1]
    public func compute(logits: Tensor, targets: Tensor) -> (loss: Float, gradLogits: Tensor) {
        precondition(logits.shape == targets.shape, "targets \(targets.shape) must match logits \(logits.shape)")
        let classes = logits.shape.last ?? 1
        if let positiveWeights { precondition(positiveWeights.count == classes, "pos weights: one per class") }
        var gradient = Tensor(zeros: logits.shape)
        var total = 0.0
        let scale = 1 / Float(max(logits.count, 1))
        for i in 0..<logits.count {
            let x = logits.data[i], y = targets.data[i]
            let pw = positiveWeights?[i % classes] ?? 1
            total += Double(pw * y * Self.softplus(-x) + (1 - y) * Self.softplus(x))
            let p = x >= 0 ? 1 / (1 + expf(-x)) : expf(x) / (1 + expf(x))
            // d/dx: pw·y·(σ − 1) + (1 − y)·σ
            gradient.data[i] = (pw * y * (p - 1) + (1 - y) * p) * scale
        }
        return (Float(total) * scale, gradient)
    }

    @inline(__always)
    static func softplus(_ z: Float) -> Float {
        max(z, 0) + log1pf(expf(-abs(z)))
    }
}
