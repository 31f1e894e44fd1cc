/// Max pooling over NCHW images with a square or rectangular window (no padding; windows that
/// do not fit are dropped, like PyTorch's default `ceil_mode=False`). A (2, 1) window pools
/// frequency (height) only and keeps every time step, as a CRNN needs. The forward pass records
/// each output's argmax, so backward is a single scatter.
public final class MaxPool2D: ThreadedLayer {
    public let kind = "MaxPool2D"
    public let window: PoolWindow
    public var threadCount = 1

    /// [n, c, oh, ow] flat index within the input plane of each output's maximum.
    private var cachedArgmax: [Int32] = []
    private var cachedInputShape: [Int] = []
    private let workspaces = WorkspacePool()

    /// A square poolSize × poolSize window moved by `stride` (default: the window) both ways.
    public convenience init(poolSize: Int, stride: Int? = nil) {
        self.init(window: PoolWindow(height: poolSize, width: poolSize, strideHeight: stride, strideWidth: stride))
    }

    public init(window: PoolWindow) {
        self.window = window
    }

    public func outputShape(for inputShape: [Int]) -> [Int] {
        precondition(inputShape.count == 3, "MaxPool2D: expects [c, h, w], got \(inputShape)")
        let (oh, ow) = window.outputSize(height: inputShape[1], width: inputShape[2])
        precondition(oh >= 1 && ow >= 1, "MaxPool2D: input \(inputShape) smaller than the pool")
        return [inputShape[0], oh, ow]
    }

    public func forward(_ input: Tensor, training: Bool) -> Tensor {
        let out = outputShape(for: Array(input.shape.dropFirst()))
        let planes = input.shape[0] * input.shape[1]
        let h = input.shape[2], w = input.shape[3], planeOut = out[1] * out[2]
        var output = Tensor.uninitialized([input.shape[0]] + out)
        if cachedArgmax.count != output.count { cachedArgmax = [Int32](repeating: 0, count: output.count) }
        let window = self.window
        let workers = min(threadCount, planes)
        workspaces.reserve(workers)
        input.data.withUnsafeBufferPointer { xb in
            output.data.withUnsafeMutableBufferPointer { yb in
                cachedArgmax.withUnsafeMutableBufferPointer { ab in
                    let x = xb.baseAddress!, y = yb.baseAddress!, arg = ab.baseAddress!
                    ParallelLoop.run(count: planes, workers: workers) { worker, range in
                        let scratch = workspaces.workspace(worker).buffer(count: 2 * w)
                        for p in range {
                            maxPoolPlane(
                                window, height: h, width: w, input: x + p * h * w, scale: 1, shift: 0,
                                relu: false, output: y + p * planeOut, argmax: arg + p * planeOut,
                                scratch: scratch)
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
