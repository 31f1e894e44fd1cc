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
    let workspaces = WorkspacePool()
    /// [dW | db] partial sums, one per chunk of samples (`ParallelLoop.runChunks`), added in
    /// chunk order: the gradient does not depend on the thread count or on timing.
    let chunkPartials = Workspace()

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

    func geometry(height: Int, width: Int) -> ConvGeometry {
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

    var usesDirectKernel: Bool { inputChannels == 1 && stride == 1 }

    public func forward(_ input: Tensor, training: Bool) -> Tensor {
        precondition(input.rank == 4 && input.shape[1] == inputChannels, "Conv2D: input \(input.shape)")
        let n = input.shape[0]
        let g = geometry(height: input.shape[2], width: input.shape[3])
        let inSize = inputChannels * g.height * g.width
        let outSize = outputChannels * g.outputPixels
        let workers = min(threadCount, n)
        workspaces.reserve(workers)
        var output = Tensor.uninitialized([n, outputChannels, g.outputHeight, g.outputWidth])
        output.data.withUnsafeMutableBufferPointer { yBuffer in
            input.data.withUnsafeBufferPointer { xBuffer in
                weight.value.data.withUnsafeBufferPointer { wBuffer in
                    withOptionalBuffer(bias?.value.data) { b in
                        let x = xBuffer.baseAddress!, w = wBuffer.baseAddress!, y = yBuffer.baseAddress!
                        ParallelLoop.run(count: n, workers: workers) { worker, samples in
                            let columns = workspaces.workspace(worker).buffer(count: forwardScratchCount(g))
                            for s in samples {
                                forwardSample(
                                    g, image: x + s * inSize, weights: w, bias: b, output: y + s * outSize,
                                    columns: columns)
                            }
                        }
                    }
                }
            }
        }
        cachedInput = input
        return output
    }

    /// Scratch floats one worker needs for `forwardSample`: one tile of im2col columns, or
    /// the direct kernel's padded image.
    func forwardScratchCount(_ g: ConvGeometry) -> Int {
        usesDirectKernel ? directScratchCount(g) : g.tileFloats
    }

    /// Scratch floats one worker needs for `backwardSample`: a tile of columns and its
    /// gradient, or the direct kernel's padded image.
    func backwardScratchCount(_ g: ConvGeometry) -> Int {
        usesDirectKernel ? directScratchCount(g) : 2 * g.tileFloats
    }

    /// One sample: out [outputChannels, oh·ow] = W ∗ image [inputChannels, h, w] + bias.
    /// The bias is written first and the GEMM accumulates onto it (beta = 1), which spares
    /// OpenBLAS its separate pass that scales C by beta.
    @inline(__always)
    func forwardSample(
        _ g: ConvGeometry, image: UnsafePointer<Float>, weights: UnsafePointer<Float>,
        bias: UnsafePointer<Float>?, output: UnsafeMutablePointer<Float>,
        columns: UnsafeMutablePointer<Float>
    ) {
        for c in 0..<outputChannels {
            (output + c * g.outputPixels).update(repeating: bias?[c] ?? 0, count: g.outputPixels)
        }
        if usesDirectKernel {
            directForward(g, image: image, weights: weights, output: output, scratch: columns)
            return
        }
        // Tile by output rows (`ConvGeometry.tileRows`): each tile of columns is built and
        // multiplied while it is still in L2 (conv2's whole column matrix is 1.2 MB).
        let ow = g.outputWidth, step = g.tileRows
        for start in Swift.stride(from: 0, to: g.outputHeight, by: step) {
            let rows = start..<min(g.outputHeight, start + step), pixels = rows.count * ow
            im2col(g, image: image, columns: columns, outputRows: rows)
            BLAS.gemm(
                transposeA: false, transposeB: false, m: outputChannels, n: pixels,
                k: g.patchSize, a: weights, lda: g.patchSize, b: columns, ldb: pixels,
                beta: bias == nil ? 0 : 1, c: output + start * ow, ldc: g.outputPixels)
        }
    }

    /// One sample, with cols = im2col(image): dW += dY·colsᵀ, db += Σ_pixels dY, and, when
    /// `gradImage` is given, gradImage = col2im(Wᵀ·dY) (overwritten, not added to).
    /// `scratch` holds `backwardScratchCount(g)` floats, prepared by `prepareBackwardScratch`
    /// before a worker's first sample of a pass (its column-gradient tile must start zeroed).
    @inline(__always)
    func backwardSample(
        _ g: ConvGeometry, image: UnsafePointer<Float>, weights: UnsafePointer<Float>,
        gradOutput dOut: UnsafePointer<Float>, gradWeights dW: UnsafeMutablePointer<Float>,
        gradBias dB: UnsafeMutablePointer<Float>?, gradImage: UnsafeMutablePointer<Float>?,
        scratch: UnsafeMutablePointer<Float>
    ) {
        if let dB {
            for c in 0..<outputChannels {
                dB[c] += VectorKernels.sum(dOut + c * g.outputPixels, count: g.outputPixels)
            }
        }
        gradImage?.update(repeating: 0, count: g.channels * g.height * g.width)
        if usesDirectKernel {
            directBackward(
                g, image: image, weights: weights, gradOutput: dOut, gradWeights: dW, gradImage: gradImage,
                scratch: scratch)
            return
        }
        let columns = scratch, dColumns = scratch + g.tileFloats
        let ow = g.outputWidth, step = g.tileRows
        for start in Swift.stride(from: 0, to: g.outputHeight, by: step) {
            let rows = start..<min(g.outputHeight, start + step), pixels = rows.count * ow
            let dOutTile = dOut + start * ow
            im2col(g, image: image, columns: columns, outputRows: rows)
            BLAS.gemm(
                transposeA: false, transposeB: true, m: outputChannels, n: g.patchSize, k: pixels,
                a: dOutTile, lda: g.outputPixels, b: columns, ldb: pixels, beta: 1, c: dW,
                ldc: g.patchSize)
            if let gradImage {
                // Accumulates onto zeros (beta = 1): col2im clears each tile as it reads it,
                // which costs less than OpenBLAS's separate beta = 0 pass over the tile.
                BLAS.gemm(
                    transposeA: true, transposeB: false, m: g.patchSize, n: pixels,
                    k: outputChannels, a: weights, lda: g.patchSize, b: dOutTile, ldb: g.outputPixels,
                    beta: 1, c: dColumns, ldc: pixels)
                col2im(g, columns: dColumns, image: gradImage, outputRows: rows, clearing: true)
            }
        }
    }

    /// Zeroes the column-gradient tile of a worker's `backwardSample` scratch; every
    /// `backwardSample` leaves it zeroed again.
    func prepareBackwardScratch(_ g: ConvGeometry, scratch: UnsafeMutablePointer<Float>) {
        if !usesDirectKernel { (scratch + g.tileFloats).update(repeating: 0, count: g.tileFloats) }
    }

    /// Per sample, with cols = im2col(x): dW += dY·colsᵀ, db += Σ_pixels dY,
    /// dX = col2im(Wᵀ·dY). Chunks of samples keep private dW/db partials, summed at the end.
    public func backward(_ gradOutput: Tensor) -> Tensor {
        let input = cachedInput
        let n = input.shape[0]
        let g = geometry(height: input.shape[2], width: input.shape[3])
        let inSize = inputChannels * g.height * g.width
        let outSize = outputChannels * g.outputPixels
        let workers = min(threadCount, n)
        workspaces.reserve(workers)
        let wantInput = computesInputGradient
        let hasBias = bias != nil
        let partialCount = weightCount + outputChannels
        var gradInput = Tensor.uninitialized(wantInput ? input.shape : [0])
        gradInput.data.withUnsafeMutableBufferPointer { dxBuffer in
            gradOutput.data.withUnsafeBufferPointer { dyBuffer in
                input.data.withUnsafeBufferPointer { xBuffer in
                    weight.value.data.withUnsafeBufferPointer { wBuffer in
                        let dy = dyBuffer.baseAddress!, x = xBuffer.baseAddress!, w = wBuffer.baseAddress!
                        let dx = dxBuffer.baseAddress
                        let chunks = ParallelLoop.chunkCount(for: n)
                        let partials = chunkPartials.buffer(count: chunks * partialCount)
                        partials.update(repeating: 0, count: chunks * partialCount)
                        ParallelLoop.runChunks(count: n, workers: workers) { worker, chunk, samples in
                            let partial = partials + chunk * partialCount  // [dW | db]
                            let scratch = workspaces.workspace(worker).buffer(count: backwardScratchCount(g))
                            prepareBackwardScratch(g, scratch: scratch)
                            for s in samples {
                                backwardSample(
                                    g, image: x + s * inSize, weights: w, gradOutput: dy + s * outSize,
                                    gradWeights: partial, gradBias: hasBias ? partial + weightCount : nil,
                                    gradImage: wantInput ? dx! + s * inSize : nil, scratch: scratch)
                            }
                        }
                    }
                }
            }
        }
        addChunkPartials(chunks: ParallelLoop.chunkCount(for: n))
        return wantInput ? gradInput : Tensor(zeros: input.shape)
    }

    var weightCount: Int { outputChannels * inputChannels * kernelSize * kernelSize }

    /// Adds each chunk's [dW | db] partial (`chunkPartials`) into the parameter gradients, in
    /// chunk order, so results do not depend on the thread count or timing.
    func addChunkPartials(chunks: Int) {
        let partialCount = weightCount + outputChannels
        let partials = chunkPartials.buffer(count: chunks * partialCount)
        weight.grad.data.withUnsafeMutableBufferPointer { gw in
            for chunk in 0..<chunks {
                let partial = partials + chunk * partialCount
                for i in 0..<weightCount { gw[i] += partial[i] }
                if let bias {
                    for c in 0..<outputChannels { bias.grad.data[c] += partial[weightCount + c] }
                }
            }
        }
    }
}

/// Calls `body` with the array's base address, or with nil for no array.
@inline(__always)
func withOptionalBuffer<R>(_ array: [Float]?, _ body: (UnsafePointer<Float>?) -> R) -> R {
    guard let array else { return body(nil) }
    return array.withUnsafeBufferPointer { body($0.baseAddress) }
}
