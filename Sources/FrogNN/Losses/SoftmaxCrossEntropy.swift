import Foundation

/// Softmax cross-entropy from logits, with PyTorch `CrossEntropyLoss` semantics: optional
/// per-class weights and label smoothing ε, reduced as a weighted mean:
///
///     loss_i = (1 − ε)·w[y_i]·(−log p_i[y_i]) + (ε/C)·Σ_c w[c]·(−log p_i[c])
///     loss   = Σ_i loss_i / Σ_i w[y_i]
///
/// log-softmax is computed as x − max − log Σ exp(x − max), so large logits never overflow.
public struct SoftmaxCrossEntropy: Sendable {
    /// Per-class weights, or nil for all ones.
    public var classWeights: [Float]?
    /// ε in [0, 1).
    public var labelSmoothing: Float

    public init(classWeights: [Float]? = nil, labelSmoothing: Float = 0) {
        precondition(labelSmoothing >= 0 && labelSmoothing < 1, "label smoothing must be in [0, 1)")
        self.classWeights = classWeights
        self.labelSmoothing = labelSmoothing
    }

    /// Loss and d(loss)/d(logits) for integer class targets.
    /// - Parameters:
    ///   - logits: [n, classes]
    ///   - targets: n class indices
    public func compute(logits: Tensor, targets: [Int]) -> (loss: Float, gradLogits: Tensor) {
        let n = logits.shape[0], classes = logits.count / max(n, 1)
        precondition(targets.count == n, "targets: \(targets.count) for \(n) rows")
        let weights = classWeights ?? [Float](repeating: 1, count: classes)
        precondition(weights.count == classes, "class weights: \(weights.count) for \(classes) classes")
        let eps = labelSmoothing
        let logProbabilities = Self.logSoftmax(logits)
        var gradient = Tensor(zeros: logits.shape)
        var total = 0.0
        var normalizer = 0.0
        let weightSum = weights.reduce(0, +)
        for i in 0..<n {
            let y = targets[i]
            precondition(y >= 0 && y < classes, "target \(y) outside 0..<\(classes)")
            normalizer += Double(weights[y])
            let row = i * classes
            total += Double((1 - eps) * weights[y] * -logProbabilities.data[row + y])
            var smooth: Float = 0
            for c in 0..<classes { smooth += weights[c] * -logProbabilities.data[row + c] }
            total += Double(eps / Float(classes) * smooth)
            // d/dx_c of −log p_y is p_c − [c = y]; of Σ_k w_k·(−log p_k) it is p_c·Σw − w_c.
            for c in 0..<classes {
                let p = expf(logProbabilities.data[row + c])
                var g = (1 - eps) * weights[y] * (p - (c == y ? 1 : 0))
                g += eps / Float(classes) * (p * weightSum - weights[c])
                gradient.data[row + c] = g
            }
        }
        let scale = normalizer > 0 ? Float(1 / normalizer) : 0
        gradient.scale(by: scale)
        return (Float(total) * scale, gradient)
    }

    /// Loss and gradient for soft targets (probabilities per row, e.g. from mixup), PyTorch's
    /// probability-target form: loss = mean_i Σ_c w[c]·t'[i,c]·(−log p_i[c]) with
    /// t' = (1 − ε)·t + ε/C; the mean is over rows, not weights.
    /// - Parameters:
    ///   - logits: [n, classes]
    ///   - targetProbabilities: [n, classes], rows summing to 1
    public func compute(logits: Tensor, targetProbabilities: Tensor) -> (loss: Float, gradLogits: Tensor) {
        precondition(logits.shape == targetProbabilities.shape, "soft targets must match the logits' shape")
        let n = logits.shape[0], classes = logits.count / max(n, 1)
        let weights = classWeights ?? [Float](repeating: 1, count: classes)
        let logProbabilities = Self.logSoftmax(logits)
        var gradient = Tensor(zeros: logits.shape)
        var total = 0.0
        for i in 0..<n {
            let row = i * classes
            var weightedTargetSum: Float = 0
            var t = [Float](repeating: 0, count: classes)
            for c in 0..<classes {
                t[c] = (1 - labelSmoothing) * targetProbabilities.data[row + c] + labelSmoothing / Float(classes)
                weightedTargetSum += weights[c] * t[c]
                total += Double(weights[c] * t[c] * -logProbabilities.data[row + c])
            }
            for c in 0..<classes {
                gradient.data[row + c] = expf(logProbabilities.data[row + c]) * weightedTargetSum - weights[c] * t[c]
            }
        }
        gradient.scale(by: 1 / Float(max(n, 1)))
        return (Float(total / Double(max(n, 1))), gradient)
    }

    /// Row-wise log-softmax of [n, classes].
    static func logSoftmax(_ logits: Tensor) -> Tensor {
        let classes = logits.shape.last ?? 1
        var out = logits
        for r in 0..<(logits.count / classes) {
            let row = r * classes
            var top = -Float.infinity
            for c in 0..<classes { top = max(top, logits.data[row + c]) }
            var sum: Float = 0
            for c in 0..<classes { sum += expf(logits.data[row + c] - top) }
            let logSum = logf(sum) + top
            for c in 0..<classes { out.data[row + c] = logits.data[row + c] - logSum }
        }
        return out
    }
}
