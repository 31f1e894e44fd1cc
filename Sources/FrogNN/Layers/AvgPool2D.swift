/// Average pooling over NCHW images with a square or rectangular window (no padding, windows
/// that do not fit are dropped).
public final class AvgPool2D: Layer {
    public let kind = "AvgPool2D"
    public let window: PoolWindow

    private var cachedInputShape: [Int] = []

    /// A square poolSize × poolSize window moved by `stride` (default: the window) both ways.
    public convenience init(poolSize: Int, stride: Int? = nil) {
        self.init(window: PoolWindow(height: poolSize, width: poolSize, strideHeight: stride, strideWidth: stride))
    }

    public init(window: PoolWindow) {
        self.window = window
    }

    public func outputShape(for inputShape: [Int]) -> [Int] {
        precondition(inputShape.count == 3, "AvgPool2D: expects [c, h, w], got \(inputShape)")
        let (oh, ow) = window.outputSize(height: inputShape[1], width: inputShape[2])
        precondition(oh >= 1 && ow >= 1, "AvgPool2D: input \(inputShape) smaller than the pool")
        return [inputShape[0], oh, ow]
    }

    public func forward(_ input: Tensor, training: Bool) -> Tensor {
        let out = outputShape(for: Array(input.shape.dropFirst()))
        let planes = input.shape[0] * input.shape[1]
        let h = input.shape[2], w = input.shape[3], oh = out[1], ow = out[2]
        let kh = window.height, kw = window.width, sh = window.strideHeight, sw = window.strideWidth
        var output = Tensor(zeros: [input.shape[0]] + out)
        let scale = 1 / Float(kh * kw)
        input.data.withUnsafeBufferPointer { x in
            output.data.withUnsafeMutableBufferPointer { y in
                for p in 0..<planes {
                    for oy in 0..<oh {
                        for ox in 0..<ow {
                            var sum: Float = 0
                            for dy in 0..<kh {
                                let row = p * h * w + (oy * sh + dy) * w + ox * sw
                                for dx in 0..<kw { sum += x[row + dx] }
                            }
                            y[(p * oh + oy) * ow + ox] = sum * scale
                        }
                    }
                }
            }
        }
        cachedInputShape = input.shape
        return output
    }

    /// Each input in a window receives dY / (kh·kw) of every window that covers it.
    public func backward(_ gradOutput: Tensor) -> Tensor {
        var gradInput = Tensor(zeros: cachedInputShape)
        let planes = cachedInputShape[0] * cachedInputShape[1]
        let h = cachedInputShape[2], w = cachedInputShape[3]
        let oh = gradOutput.shape[2], ow = gradOutput.shape[3]
        let kh = window.height, kw = window.width, sh = window.strideHeight, sw = window.strideWidth
        let scale = 1 / Float(kh * kw)
        gradOutput.data.withUnsafeBufferPointer { dy in
            gradInput.data.withUnsafeMutableBufferPointer { dx in
                for p in 0..<planes {
                    for oy in 0..<oh {
                        for ox in 0..<ow {
                            let g = dy[(p * oh + oy) * ow + ox] * scale
                            for ky in 0..<kh {
                                let row = p * h * w + (oy * sh + ky) * w + ox * sw
                                for kx in 0..<kw { dx[row + kx] += g }
                            }
                        }
                    }
                }
            }
        }
        return gradInput
    }
}
