/// 2-D convolution over NCHW images (PyTorch `Conv2d` layout: weight [out, in, kh, kw]).
///
/// Each sample is unfolded with im2col into a per-worker workspace and multiplied by the
/// weights in one GEMM: per-sample GEMMs stay inside the 2 MiB L2, where a whole batch folded
/// into one GEMM spills it and runs at a third of the speed. Samples are split over
/// `threadCount` workers. A single-channel, stride-1 input (the first layer on a spectrogram,
/// K = kh·kw = 9) is convolved directly, since a GEMM with K = 9 is memory bound.
public final class Conv2D: ThreadedLayer {
    public let kind = "Conv2D"
    public let inputChannels: Int
    public let outputChannels: Int
    public let kernelSize: Int
    public let stride: Int
    /// Zero padding on every side.
    public let padding: Int
    /// [outputChannels, inputChannels, kernelSize, kernelSize]
    public let weight: Parameter
    /// [outputChannels], or nil without bias.
    public let bias: Parameter?
    public var threadCount = 1
    /// False for the first layer of a model, whose input gradient nobody needs.
    public var computesInputGradient = true

    /// [n, c, h, w] of the last forward.
    private var cachedInput = Tensor(zeros: [0])
    private let workspaces = WorkspacePool()

    /// `padding` is the zero border on each side; `(kernelSize − 1) / 2` keeps the size ("same").
    public init(
        inputChannels: Int, outputChannels: Int, kernelSize: Int, stride: Int = 1,
        padding: Int = 0, useBias: Bool = true
    ) {
        precondition(kernelSize >= 1 && stride >= 1 && padding >= 0, "Conv2D: invalid geometry")
        self.inputChannels = inputChannels
        self.outputChannels = outputChannels
        self.kernelSize = kernelSize
        self.stride = stride
        self.padding = padding
        weight = Parameter(
            name: "weight", value: Tensor(zeros: [outputChannels, inputChannels, kernelSize, kernelSize]))
        bias = useBias ? Parameter(name: "bias", value: Tensor(zeros: [outputChannels])) : nil
    }

    public var parameters: [Parameter] { bias.map { [weight, $0] } ?? [weight] }

    private func geometry(height: Int, width: Int) -> ConvGeometry {
        ConvGeometry(
            channels: inputChannels, height: height, width: width, kernelHeight: kernelSize,
            kernelWidth: kernelSize, stride: stride, padding: padding)
    }

    public func outputShape(for inputShape: [Int]) -> [Int] {
        precondition(inputShape.count == 3 && inputShape[0] == inputChannels,
                     "Conv2D: expects [\(inputChannels), h, w], got \(inputShape)")
        let g = geometry(height: inputShape[1], width: inputShape[2])
        precondition(g.outputHeight >= 1 && g.outputWidth >= 1, "Conv2D: input \(inputShape) smaller than the kernel")
        return [outputChannels, g.outputHeight, g.outputWidth]
    }

    private var usesDirectKernel: Bool { inputChannels == 1 && stride == 1 }

    public func forward(_ input: Tensor, training: Bool) -> Tensor {
        precondition(input.rank == 4 && input.shape[1] == inputChannels, "Conv2D: input \(input.shape)")
        let n = input.shape[0]
        let g = geometry(height: input.shape[2], width: input.shape[3])
        let inSize = inputChannels * g.height * g.width
        let outSize = outputChannels * g.outputPixels
        var output = Tensor(zeros: [n, outputChannels, g.outputHeight, g.outputWidth])
        let workers = min(threadCount, n)
        workspaces.reserve(workers)
        let direct = usesDirectKernel
        input.data.withUnsafeBufferPointer { xBuffer in
            output.data.withUnsafeMutableBufferPointer { yBuffer in
                weight.value.data.withUnsafeBufferPointer { wBuffer in
                    let x = xBuffer.baseAddress!, y = yBuffer.baseAddress!, w = wBuffer.baseAddress!
                    let b = bias?.value.data
                    ParallelLoop.run(count: n, workers: workers) { worker, samples in
                        let columns = direct ? nil : workspaces.workspace(worker).buffer(count: g.patchSize * g.outputPixels)
                        for s in samples {
                            let out = y + s * outSize
                            if let columns {
                                im2col(g, image: x + s * inSize, columns: columns)
                                BLAS.gemm(
                                    transposeA: false, transposeB: false, m: outputChannels,
                                    n: g.outputPixels, k: g.patchSize, a: w, lda: g.patchSize,
                                    b: columns, ldb: g.outputPixels, beta: 0, c: out, ldc: g.outputPixels)
                            } else {
                                directForward(g, image: x + s * inSize, weights: w, output: out)
                            }
                            if let b {
                                for c in 0..<outputChannels {
                                    let plane = out + c * g.outputPixels
                                    let bc = b[c]
                                    for i in 0..<g.outputPixels { plane[i] += bc }
                                }
                            }
                        }
                    }
                }
            }
        }
        cachedInput = input
        return output
    }

    /// Per sample, with cols = im2col(x): dW += dY·colsᵀ, db += Σ_pixels dY,
    /// dX = col2im(Wᵀ·dY). Workers keep private dW/db partials, summed at the end.
    public func backward(_ gradOutput: Tensor) -> Tensor {
        let n = cachedInput.shape[0]
        let g = geometry(height: cachedInput.shape[2], width: cachedInput.shape[3])
        let inSize = inputChannels * g.height * g.width
        let outSize = outputChannels * g.outputPixels
        let weightCount = outputChannels * g.patchSize
        let workers = min(threadCount, n)
        workspaces.reserve(workers)
        let direct = usesDirectKernel
        let wantInput = computesInputGradient
        var gradInput = Tensor(zeros: wantInput ? cachedInput.shape : [0])
        let columnsCount = g.patchSize * g.outputPixels
        gradOutput.data.withUnsafeBufferPointer { dyBuffer in
            cachedInput.data.withUnsafeBufferPointer { xBuffer in
                weight.value.data.withUnsafeBufferPointer { wBuffer in
                    gradInput.data.withUnsafeMutableBufferPointer { dxBuffer in
                        let dy = dyBuffer.baseAddress!, x = xBuffer.baseAddress!, w = wBuffer.baseAddress!
                        let dx = dxBuffer.baseAddress
                        ParallelLoop.run(count: n, workers: workers) { worker, samples in
                            // Scratch layout: [dW partial | db partial | columns | dColumns].
                            let scratchCount = weightCount + outputChannels + (direct ? 0 : 2 * columnsCount)
                            let scratch = workspaces.workspace(worker).buffer(count: scratchCount)
                            let dW = scratch, dB = scratch + weightCount
                            scratch.update(repeating: 0, count: weightCount + outputChannels)
                            let columns = dB + outputChannels
                            let dColumns = columns + columnsCount
                            for s in samples {
                                let dOut = dy + s * outSize
                                for c in 0..<outputChannels {
                                    let plane = dOut + c * g.outputPixels
                                    dB[c] += VectorKernels.sum(plane, count: g.outputPixels)
                                }
                                if direct {
                                    directBackward(
                                        g, image: x + s * inSize, weights: w, gradOutput: dOut,
                                        gradWeights: dW, gradImage: wantInput ? dx! + s * inSize : nil)
                                    continue
                                }
                                im2col(g, image: x + s * inSize, columns: columns)
                                BLAS.gemm(
                                    transposeA: false, transposeB: true, m: outputChannels,
                                    n: g.patchSize, k: g.outputPixels, a: dOut, lda: g.outputPixels,
                                    b: columns, ldb: g.outputPixels, beta: 1, c: dW, ldc: g.patchSize)
                                if wantInput {
                                    BLAS.gemm(
                                        transposeA: true, transposeB: false, m: g.patchSize,
                                        n: g.outputPixels, k: outputChannels, a: w, lda: g.patchSize,
                                        b: dOut, ldb: g.outputPixels, beta: 0, c: dColumns,
                                        ldc: g.outputPixels)
                                    col2im(g, columns: dColumns, image: dx! + s * inSize)
                                }
                            }
                        }
                    }
                }
            }
        }
        // Reduce the workers' partials in a fixed order, so results do not depend on timing.
        weight.grad.data.withUnsafeMutableBufferPointer { gw in
            for worker in 0..<workers {
                let partial = workspaces.workspace(worker).buffer(count: weightCount + outputChannels)
                for i in 0..<weightCount { gw[i] += partial[i] }
                if let bias {
                    for c in 0..<outputChannels { bias.grad.data[c] += partial[weightCount + c] }
                }
            }
        }
        return wantInput ? gradInput : Tensor(zeros: cachedInput.shape)
    }
}
