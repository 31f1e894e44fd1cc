/// Max pooling over NCHW images (no padding; windows that do not fit are dropped, like PyTorch's
/// default `ceil_mode=False`). The forward pass records each output's argmax, so backward is a
/// single scatter.
public final class MaxPool2D: ThreadedLayer {
    public let kind = "MaxPool2D"
    public let poolSize: Int
    public let stride: Int
    public var threadCount = 1

    /// [n, c, oh, ow] flat index within the input plane of each output's maximum.
    private var cachedArgmax: [Int32] = []
    private var cachedInputShape: [Int] = []

    public init(poolSize: Int, stride: Int? = nil) {
        precondition(poolSize >= 1, "MaxPool2D: pool size must be positive")
        self.poolSize = poolSize
        self.stride = stride ?? poolSize
    }

    public func outputShape(for inputShape: [Int]) -> [Int] {
        precondition(inputShape.count == 3, "MaxPool2D: expects [c, h, w], got \(inputShape)")
        let oh = (inputShape[1] - poolSize) / stride + 1, ow = (inputShape[2] - poolSize) / stride + 1
        precondition(oh >= 1 && ow >= 1, "MaxPool2D: input \(inputShape) smaller than the pool")
        return [inputShape[0], oh, ow]
    }

    public func forward(_ input: Tensor, training: Bool) -> Tensor {
        let out = outputShape(for: Array(input.shape.dropFirst()))
        let planes = input.shape[0] * input.shape[1]
        let h = input.shape[2], w = input.shape[3], oh = out[1], ow = out[2]
        var output = Tensor(zeros: [input.shape[0]] + out)
        if cachedArgmax.count != output.count { cachedArgmax = [Int32](repeating: 0, count: output.count) }
        let size = poolSize, step = stride
        input.data.withUnsafeBufferPointer { xb in
            output.data.withUnsafeMutableBufferPointer { yb in
                cachedArgmax.withUnsafeMutableBufferPointer { ab in
                    let x = xb.baseAddress!, y = yb.baseAddress!, arg = ab.baseAddress!
                    ParallelLoop.run(count: planes, workers: threadCount) { _, range in
                        for p in range {
                            let plane = x + p * h * w
                            for oy in 0..<oh {
                                for ox in 0..<ow {
                                    var best = (oy * step) * w + ox * step
                                    var bestValue = plane[best]
                                    for dy in 0..<size {
                                        let row = (oy * step + dy) * w + ox * step
                                        for dx in 0..<size where plane[row + dx] > bestValue {
                                            bestValue = plane[row + dx]
                                            best = row + dx
                                        }
                                    }
                                    let o = p * oh * ow + oy * ow + ox
                                    y[o] = bestValue
                                    arg[o] = Int32(best)
                                }
                            }
                        }
                    }
                }
            }
        }
        cachedInputShape = input.shape
        return output
    }

    /// dX[argmax] += dY: each output routes its gradient to the input that won the window.
    public func backward(_ gradOutput: Tensor) -> Tensor {
        var gradInput = Tensor(zeros: cachedInputShape)
        let planeIn = cachedInputShape[2] * cachedInputShape[3]
        let planeOut = gradOutput.shape[2] * gradOutput.shape[3]
        let planes = cachedInputShape[0] * cachedInputShape[1]
        gradOutput.data.withUnsafeBufferPointer { dyb in
            gradInput.data.withUnsafeMutableBufferPointer { dxb in
                cachedArgmax.withUnsafeBufferPointer { ab in
                    let dy = dyb.baseAddress!, dx = dxb.baseAddress!, arg = ab.baseAddress!
                    ParallelLoop.run(count: planes, workers: threadCount) { _, range in
                        for p in range {
                            for o in 0..<planeOut {
                                dx[p * planeIn + Int(arg[p * planeOut + o])] += dy[p * planeOut + o]
                            }
                        }
                    }
                }
            }
        }
        return gradInput
    }
}
