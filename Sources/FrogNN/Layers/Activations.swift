import Foundation

/// An element-wise activation: forward maps each element, backward multiplies dY by the local
/// derivative, computed from the cached input or output (whichever is cheaper).
public final class Activation: Layer {
    /// Which function.
    public enum Function: Equatable, Sendable {
        case relu
        /// max(x, slope·x)
        case leakyReLU(slope: Float)
        /// x for x > 0, alpha·(eˣ − 1) otherwise
        case elu(alpha: Float)
        case tanh
        case sigmoid
    }

    public let function: Function
    public var kind: String {
        switch function {
        case .relu: "ReLU"
        case .leakyReLU: "LeakyReLU"
        case .elu: "ELU"
        case .tanh: "Tanh"
        case .sigmoid: "Sigmoid"
        }
    }

    private var cachedInput = Tensor(zeros: [0])
    private var cachedOutput = Tensor(zeros: [0])

    public init(_ function: Function) {
        self.function = function
    }

    public func outputShape(for inputShape: [Int]) -> [Int] { inputShape }

    public func forward(_ input: Tensor, training: Bool) -> Tensor {
        var output = input
        output.data.withUnsafeMutableBufferPointer { y in
            switch function {
            case .relu:
                for i in y.indices { y[i] = max(0, y[i]) }
            case .leakyReLU(let slope):
                for i in y.indices where y[i] < 0 { y[i] *= slope }
            case .elu(let alpha):
                for i in y.indices where y[i] <= 0 { y[i] = alpha * (expf(y[i]) - 1) }
            case .tanh:
                for i in y.indices { y[i] = tanhf(y[i]) }
            case .sigmoid:
                for i in y.indices { y[i] = 1 / (1 + expf(-y[i])) }
            }
        }
        cachedInput = input
        cachedOutput = output
        return output
    }

    /// relu: dY·[x > 0]; leaky: dY·(x > 0 ? 1 : slope); elu: dY·(x > 0 ? 1 : y + alpha);
    /// tanh: dY·(1 − y²); sigmoid: dY·y·(1 − y).
    public func backward(_ gradOutput: Tensor) -> Tensor {
        var gradInput = gradOutput
        let x = cachedInput.data, y = cachedOutput.data
        gradInput.data.withUnsafeMutableBufferPointer { g in
            switch function {
            case .relu:
                for i in g.indices where x[i] <= 0 { g[i] = 0 }
            case .leakyReLU(let slope):
                for i in g.indices where x[i] < 0 { g[i] *= slope }
            case .elu(let alpha):
                for i in g.indices where x[i] <= 0 { g[i] *= y[i] + alpha }
            case .tanh:
                for i in g.indices { g[i] *= 1 - y[i] * y[i] }
            case .sigmoid:
                for i in g.indices { g[i] *= y[i] * (1 - y[i]) }
            }
        }
        return gradInput
    }
}

/// Softmax over the last axis: y = exp(x − max) / Σ exp(x − max).
/// For training a classifier, prefer `SoftmaxCrossEntropy` on the logits (more stable).
public final class Softmax: Layer {
    public let kind = "Softmax"
    private var cachedOutput = Tensor(zeros: [0])

    public init() {}

    public func outputShape(for inputShape: [Int]) -> [Int] { inputShape }

    public func forward(_ input: Tensor, training: Bool) -> Tensor {
        var output = input
        let width = input.shape.last ?? 1
        output.data.withUnsafeMutableBufferPointer { y in
            for r in 0..<(input.count / width) {
                let row = r * width
                var top = -Float.infinity
                for j in 0..<width { top = max(top, y[row + j]) }
                var sum: Float = 0
                for j in 0..<width {
                    y[row + j] = expf(y[row + j] - top)
                    sum += y[row + j]
                }
                for j in 0..<width { y[row + j] /= sum }
            }
        }
        cachedOutput = output
        return output
    }

    /// dX = y ⊙ (dY − Σ dY ⊙ y), row by row.
    public func backward(_ gradOutput: Tensor) -> Tensor {
        var gradInput = gradOutput
        let width = gradOutput.shape.last ?? 1
        let y = cachedOutput.data
        gradInput.data.withUnsafeMutableBufferPointer { g in
            for r in 0..<(g.count / width) {
                let row = r * width
                var dotProduct: Float = 0
                for j in 0..<width { dotProduct += g[row + j] * y[row + j] }
                for j in 0..<width { g[row + j] = y[row + j] * (g[row + j] - dotProduct) }
            }
        }
        return gradInput
    }
}
