/// Layer normalisation over the last axis (PyTorch `LayerNorm(features)`): each row is
/// normalised with its own mean and biased variance, then scaled by γ and shifted by β.
public final class LayerNorm: Layer {
    public let kind = "LayerNorm"
    public let features: Int
    public let epsilon: Float
    /// γ [features]
    public let weight: Parameter
    /// β [features]
    public let bias: Parameter

    /// x̂ of the last forward, [rows, features].
    private var cachedNormalized = Tensor(zeros: [0])
    /// 1/√(σ² + ε) per row.
    private var cachedInverseStd: [Float] = []

    public init(features: Int, epsilon: Float = 1e-5) {
        self.features = features
        self.epsilon = epsilon
        weight = Parameter(name: "weight", value: Tensor(repeating: 1, shape: [features]))
        bias = Parameter(name: "bias", value: Tensor(zeros: [features]))
    }

    public var parameters: [Parameter] { [weight, bias] }

    public func outputShape(for inputShape: [Int]) -> [Int] {
        precondition(inputShape.last == features, "LayerNorm: expects last axis \(features), got \(inputShape)")
        return inputShape
    }

    public func forward(_ input: Tensor, training: Bool) -> Tensor {
        let rows = input.count / features
        var output = Tensor(zeros: input.shape)
        cachedNormalized = Tensor(zeros: input.shape)
        cachedInverseStd = [Float](repeating: 0, count: rows)
        for r in 0..<rows {
            let row = r * features
            var mean: Float = 0
            for j in 0..<features { mean += input.data[row + j] }
            mean /= Float(features)
            var variance: Float = 0
            for j in 0..<features { variance += (input.data[row + j] - mean) * (input.data[row + j] - mean) }
            variance /= Float(features)
            let inv = 1 / (variance + epsilon).squareRoot()
            cachedInverseStd[r] = inv
            for j in 0..<features {
                let v = (input.data[row + j] - mean) * inv
                cachedNormalized.data[row + j] = v
                output.data[row + j] = v * weight.value.data[j] + bias.value.data[j]
            }
        }
        return output
    }

    /// Per row with g = dY⊙γ: dX = invStd · (g − mean(g) − x̂·mean(g⊙x̂)); dγ += Σ dY⊙x̂, dβ += Σ dY.
    public func backward(_ gradOutput: Tensor) -> Tensor {
        let rows = gradOutput.count / features
        var gradInput = Tensor(zeros: gradOutput.shape)
        for r in 0..<rows {
            let row = r * features
            var meanG: Float = 0, meanGX: Float = 0
            for j in 0..<features {
                let dy = gradOutput.data[row + j], xn = cachedNormalized.data[row + j]
                weight.grad.data[j] += dy * xn
                bias.grad.data[j] += dy
                let g = dy * weight.value.data[j]
                meanG += g
                meanGX += g * xn
            }
            meanG /= Float(features)
            meanGX /= Float(features)
            for j in 0..<features {
                let g = gradOutput.data[row + j] * weight.value.data[j]
                gradInput.data[row + j] = cachedInverseStd[r] * (g - meanG - cachedNormalized.data[row + j] * meanGX)
            }
        }
        return gradInput
    }
}
