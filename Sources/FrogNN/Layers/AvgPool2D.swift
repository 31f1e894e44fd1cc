/// Average pooling over NCHW images (no padding, windows that do not fit are dropped).
public final class AvgPool2D: Layer {
    public let kind = "AvgPool2D"
    public let poolSize: Int
    public let stride: Int

    private var cachedInputShape: [Int] = []

    public init(poolSize: Int, stride: Int? = nil) {
        precondition(poolSize >= 1, "AvgPool2D: pool size must be positive")
        self.poolSize = poolSize
        self.stride = stride ?? poolSize
    }

    public func outputShape(for inputShape: [Int]) -> [Int] {
        precondition(inputShape.count == 3, "AvgPool2D: expects [c, h, w], got \(inputShape)")
        let oh = (inputShape[1] - poolSize) / stride + 1, ow = (inputShape[2] - poolSize) / stride + 1
        precondition(oh >= 1 && ow >= 1, "AvgPool2D: input \(inputShape) smaller than the pool")
        return [inputShape[0], oh, ow]
    }

    public func forward(_ input: Tensor, training: Bool) -> Tensor {
        let out = outputShape(for: Array(input.shape.dropFirst()))
        let planes = input.shape[0] * input.shape[1]
        let h = input.shape[2], w = input.shape[3], oh = out[1], ow = out[2]
        var output = Tensor(zeros: [input.shape[0]] + out)
        let scale = 1 / Float(poolSize * poolSize)
        for p in 0..<planes {
            for oy in 0..<oh {
                for ox in 0..<ow {
                    var sum: Float = 0
                    for dy in 0..<poolSize {
                        let row = p * h * w + (oy * stride + dy) * w + ox * stride
                        for dx in 0..<poolSize { sum += input.data[row + dx] }
                    }
                    output.data[(p * oh + oy) * ow + ox] = sum * scale
                }
            }
        }
        cachedInputShape = input.shape
        return output
    }

    /// Each input in a window receives dY / (pool²) of every window that covers it.
    public func backward(_ gradOutput: Tensor) -> Tensor {
        var gradInput = Tensor(zeros: cachedInputShape)
        let planes = cachedInputShape[0] * cachedInputShape[1]
        let h = cachedInputShape[2], w = cachedInputShape[3]
        let oh = gradOutput.shape[2], ow = gradOutput.shape[3]
        let scale = 1 / Float(poolSize * poolSize)
        for p in 0..<planes {
            for oy in 0..<oh {
                for ox in 0..<ow {
                    let g = gradOutput.data[(p * oh + oy) * ow + ox] * scale
                    for dy in 0..<poolSize {
                        let row = p * h * w + (oy * stride + dy) * w + ox * stride
                        for dx in 0..<poolSize { gradInput.data[row + dx] += g }
                    }
                }
            }
        }
        return gradInput
    }
}
