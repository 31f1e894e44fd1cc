/// Conv2D → BatchNorm (with its fused ReLU, if any) → optional MaxPool2D, run as one kernel by
/// `Sequential`. It uses the layers' own `Parameter`s and gives their results; what changes is
/// memory traffic. Unfused, a training step makes about a dozen batch-sized passes over the
/// activations (conv output, bias, BatchNorm statistics, normalised copy, output, pool, argmax,
/// ReLU mask, pool scatter, BatchNorm backward, conv backward), and in PyTorch's profile of the
/// reference CNN those passes, not the GEMMs, take half the time. Fused:
///
/// - forward (training): per sample, the conv output z is written once and its per-channel
///   moments are taken while it is still in cache; then, per sample again,
///   y = ReLU(γ·(z − μ)/σ + β) is pooled straight into the output with its argmax and the
///   winning z. Neither y nor x̂ is stored: backward recomputes them from z.
/// - forward (evaluation): per sample conv → BatchNorm(running stats) → ReLU → pool, through a
///   per-worker scratch plane (four channels at a time for the direct single-channel conv);
///   nothing batch-sized but the output.
/// - backward: one pass over the pooled gradient and the winners for Σg and Σg·x̂ per channel; then per
///   sample dz = γ/σ·(g − mean(g) − x̂·mean(g·x̂)) is built in per-worker scratch and consumed
///   at once by the conv's per-sample backward (dW, db, dX).
///
/// Samples are split over `conv.threadCount` workers, each with its own workspace; OpenBLAS
/// stays single-threaded inside (the caller sets that).
final class ConvBlock {
    let conv: Conv2D
    let norm: BatchNorm
    let pool: MaxPool2D?

    /// z = conv(x) + bias of the last training forward, [n, c, oh, ow].
    private let convOutput = Workspace()
    /// [n, c, h, w] of the last forward.
    private var cachedInput = Tensor(zeros: [0])
    /// [n, c, ph, pw]: flat index within the conv output plane of each pooled output's maximum.
    private var cachedArgmax: [Int32] = []
    /// [n, c, ph, pw]: the conv output z at each argmax, gathered while z is in cache, so that
    /// backward's first pass reads a quarter of z's size, in order, instead of gathering from it.
    private var cachedWinners: [Float] = []
    /// Batch mean μ and 1/√(σ² + ε) per channel, from the last training forward.
    private var cachedMean: [Float] = []
    private var cachedInverseStd: [Float] = []
    /// Per channel: the affine map y = scale·z + shift that BatchNorm applies.
    private var scale: [Float] = []
    private var shift: [Float] = []
    private var cachedTraining = true
    /// Per sample and channel pairs of sums, [n, c, 2]: moments of z (forward), Σg and Σg·x̂
    /// (backward). Kept per sample and added in sample order, so the result does not depend on
    /// how samples were split over workers.
    private var sums: [Double] = []
    private let workspaces = WorkspacePool()

    init(conv: Conv2D, norm: BatchNorm, pool: MaxPool2D?) {
        precondition(norm.features == conv.outputChannels, "ConvBlock: BatchNorm does not match the conv")
        self.conv = conv
        self.norm = norm
        self.pool = pool
    }

    private struct Sizes {
        var n: Int, channels: Int, inputSize: Int
        var geometry: ConvGeometry
        /// Conv output plane oh·ow, and the block's output plane (pooled or not).
        var plane: Int, outputHeight: Int, outputWidth: Int
        var outputPlane: Int { outputHeight * outputWidth }
    }

    private func sizes(_ shape: [Int]) -> Sizes {
        precondition(shape.count == 4 && shape[1] == conv.inputChannels, "ConvBlock: input \(shape)")
        let g = conv.geometry(height: shape[2], width: shape[3])
        let (ph, pw) = pool?.window.outputSize(height: g.outputHeight, width: g.outputWidth)
            ?? (g.outputHeight, g.outputWidth)
        precondition(ph >= 1 && pw >= 1, "ConvBlock: conv output \(g.outputHeight)x\(g.outputWidth) smaller than the pool")
        return Sizes(
            n: shape[0], channels: conv.outputChannels, inputSize: shape[1] * shape[2] * shape[3],
            geometry: g, plane: g.outputPixels, outputHeight: ph, outputWidth: pw)
    }

    // MARK: - Forward

    func forward(_ input: Tensor, training: Bool) -> Tensor {
        let z = sizes(input.shape)
        let workers = min(conv.threadCount, z.n)
        workspaces.reserve(workers)
        cachedInput = input
        cachedTraining = training
        if scale.count != z.channels {
            scale = [Float](repeating: 0, count: z.channels)
            shift = scale
            cachedMean = scale
            cachedInverseStd = scale
        }
        var output = Tensor.uninitialized([z.n, z.channels, z.outputHeight, z.outputWidth])
        if training {
            trainingForward(input, z, workers: workers, output: &output)
        } else {
            evaluationForward(input, z, workers: workers, output: &output)
        }
        return output
    }

    /// Pass 1: z and its moments per sample. Statistics and running averages. Pass 2: the
    /// BatchNorm + ReLU + pool epilogue from z into the output.
    private func trainingForward(_ input: Tensor, _ z: Sizes, workers: Int, output: inout Tensor) {
        let c = z.channels, plane = z.plane
        let zAll = convOutput.buffer(count: z.n * c * plane)
        if sums.count < 2 * z.n * c { sums = [Double](repeating: 0, count: 2 * z.n * c) }
        if pool != nil, cachedArgmax.count != z.n * c * z.outputPlane {
            cachedArgmax = [Int32](repeating: 0, count: z.n * c * z.outputPlane)
            cachedWinners = [Float](repeating: 0, count: z.n * c * z.outputPlane)
        }
        let g = z.geometry
        let centers = norm.runningMean.value.data
        // A 2 × 2 pool picks each window's winner now, while z is in cache (`extremePool2x2`):
        // the largest z where γ ≥ 0, the smallest where γ < 0 (a = γ/σ has γ's sign).
        let prePooled = pool.map { $0.window == PoolWindow(height: 2, width: 2) } ?? false
        let increasing = prePooled ? norm.weight.value.data.map { !($0 < 0) } : []
        let outPlane = z.outputPlane
        input.data.withUnsafeBufferPointer { xb in
            conv.weight.value.data.withUnsafeBufferPointer { wb in
                withOptionalBuffer(conv.bias?.value.data) { bias in
                    sums.withUnsafeMutableBufferPointer { sb in
                        withArgmax { argmax in
                            cachedWinners.withUnsafeMutableBufferPointer { winnersBuffer in
                                let x = xb.baseAddress!, w = wb.baseAddress!, moments = sb.baseAddress!
                                let winners = winnersBuffer.baseAddress
                                ParallelLoop.run(count: z.n, workers: workers) { worker, samples in
                                    let columns = workspaces.workspace(worker).buffer(count: conv.forwardScratchCount(g))
                                    for s in samples {
                                        let zs = zAll + s * c * plane
                                        conv.forwardSample(
                                            g, image: x + s * z.inputSize, weights: w, bias: bias, output: zs,
                                            columns: columns)
                                        for ch in 0..<c {
                                            let (d, q) = VectorKernels.shiftedMoments(
                                                zs + ch * plane, count: plane, center: centers[ch])
                                            moments[2 * (s * c + ch)] = Double(d)
                                            moments[2 * (s * c + ch) + 1] = Double(q)
                                            if prePooled, let argmax, let winners {
                                                let at = (s * c + ch) * outPlane
                                                extremePool2x2(
                                                    height: z.outputHeight, width: z.outputWidth,
                                                    rowLength: g.outputWidth, input: zs + ch * plane,
                                                    increasing: increasing[ch], winners: winners + at, argmax: argmax + at)
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        // μ = K + E[z − K], σ² = E[(z − K)²] − E[z − K]² with K the running mean (a shift that
        // keeps the subtraction from cancelling); running averages use the unbiased σ².
        let m = Double(z.n * plane), momentum = norm.momentum
        for ch in 0..<c {
            var d = 0.0, q = 0.0
            for s in 0..<z.n {
                d += sums[2 * (s * c + ch)]
                q += sums[2 * (s * c + ch) + 1]
            }
            let meanShift = d / m
            let variance = max(0, q / m - meanShift * meanShift)
            let mean = Float(Double(centers[ch]) + meanShift)
            let unbiased = Float(m > 1 ? variance * m / (m - 1) : variance)
            norm.runningMean.value.data[ch] = (1 - momentum) * centers[ch] + momentum * mean
            norm.runningVariance.value.data[ch] =
                (1 - momentum) * norm.runningVariance.value.data[ch] + momentum * unbiased
            let inverseStd = 1 / (Float(variance) + norm.epsilon).squareRoot()
            cachedMean[ch] = mean
            cachedInverseStd[ch] = inverseStd
            scale[ch] = norm.weight.value.data[ch] * inverseStd
            shift[ch] = norm.bias.value.data[ch] - mean * scale[ch]
        }
        let zConst = UnsafePointer(zAll)
        if prePooled {
            mapWinners(z, workers: workers, output: &output)
            return
        }
        output.data.withUnsafeMutableBufferPointer { yb in
            withArgmax { argmax in
                cachedWinners.withUnsafeMutableBufferPointer { wb in
                    let y = yb.baseAddress!, winners = wb.baseAddress
                    ParallelLoop.run(count: z.n, workers: workers) { worker, samples in
                        let scratch = workspaces.workspace(worker).buffer(count: 2 * g.outputWidth)
                        for s in samples {
                            let at = s * c * z.outputPlane
                            epilogue(
                                z, convOutput: zConst + s * c * plane, output: y + at,
                                argmax: argmax.map { $0 + at }, winners: winners.map { $0 + at }, scratch: scratch)
                        }
                    }
                }
            }
        }
    }

    /// The epilogue after `extremePool2x2`: y = ReLU(scale·winner + shift) per pooled output,
    /// reading the winners (a quarter of z) instead of z.
    private func mapWinners(_ z: Sizes, workers: Int, output: inout Tensor) {
        let c = z.channels, outPlane = z.outputPlane, relu = norm.fusedReLU
        output.data.withUnsafeMutableBufferPointer { yb in
            cachedWinners.withUnsafeBufferPointer { wb in
                let y = yb.baseAddress!, winners = wb.baseAddress!
                ParallelLoop.run(count: z.n, workers: workers) { _, samples in
                    for s in samples {
                        for ch in 0..<c {
                            let at = (s * c + ch) * outPlane
                            VectorKernels.affine(
                                winners + at, count: outPlane, scale: scale[ch], shift: shift[ch], relu: relu,
                                into: y + at)
                        }
                    }
                }
            }
        }
    }

    /// Per sample: conv into the worker's scratch plane, then the epilogue with the running
    /// statistics, straight into the output.
    private func evaluationForward(_ input: Tensor, _ z: Sizes, workers: Int, output: inout Tensor) {
        let c = z.channels, g = z.geometry
        for ch in 0..<c {
            let inverseStd = 1 / (norm.runningVariance.value.data[ch] + norm.epsilon).squareRoot()
            scale[ch] = norm.weight.value.data[ch] * inverseStd
            shift[ch] = norm.bias.value.data[ch] - norm.runningMean.value.data[ch] * scale[ch]
        }
        if conv.usesDirectKernel {
            directEvaluationForward(input, z, workers: workers, output: &output)
            return
        }
        let columnsCount = conv.forwardScratchCount(g)
        withForwardBuffers(input, &output) { x, w, bias, y in
            ParallelLoop.run(count: z.n, workers: workers) { worker, samples in
                // Scratch: [z of one sample | im2col columns | pool rows].
                let scratch = workspaces.workspace(worker).buffer(count: c * z.plane + columnsCount + 2 * g.outputWidth)
                for s in samples {
                    conv.forwardSample(
                        g, image: x + s * z.inputSize, weights: w, bias: bias, output: scratch,
                        columns: scratch + c * z.plane)
                    epilogue(
                        z, convOutput: scratch, output: y + s * c * z.outputPlane, argmax: nil,
                        winners: nil, scratch: scratch + c * z.plane + columnsCount)
                }
            }
        }
    }

    /// Calls `body` with the input, the conv's weights and bias (nil without) and the output.
    private func withForwardBuffers(
        _ input: Tensor, _ output: inout Tensor,
        _ body: (UnsafePointer<Float>, UnsafePointer<Float>, UnsafePointer<Float>?, UnsafeMutablePointer<Float>) -> Void
    ) {
        input.data.withUnsafeBufferPointer { xb in
            conv.weight.value.data.withUnsafeBufferPointer { wb in
                withOptionalBuffer(conv.bias?.value.data) { bias in
                    output.data.withUnsafeMutableBufferPointer { yb in
                        body(xb.baseAddress!, wb.baseAddress!, bias, yb.baseAddress!)
                    }
                }
            }
        }
    }

    /// `evaluationForward` for the single-channel direct conv: per sample the padded image
    /// once, then four output channels at a time, conv and epilogue, so the conv output in
    /// flight is four planes (128 KiB for the reference CNN) instead of the whole sample's (512
    /// KiB, a core's L2).
    private func directEvaluationForward(_ input: Tensor, _ z: Sizes, workers: Int, output: inout Tensor) {
        let c = z.channels, g = z.geometry, block = Conv2D.channelBlock
        let paddedCount = conv.directScratchCount(g)
        withForwardBuffers(input, &output) { x, w, bias, y in
            ParallelLoop.run(count: z.n, workers: workers) { worker, samples in
                // Scratch: [padded image | z of `block` channels | pool rows].
                let padded = workspaces.workspace(worker).buffer(count: paddedCount + block * z.plane + 2 * g.outputWidth)
                let zBlock = padded + paddedCount, rows = zBlock + block * z.plane
                for s in samples {
                    conv.fillPadded(g, image: x + s * z.inputSize, plane: padded)
                    for first in Swift.stride(from: 0, to: c, by: block) {
                        let channels = first..<min(c, first + block)
                        for ch in channels {
                            (zBlock + (ch - first) * z.plane).update(repeating: bias?[ch] ?? 0, count: z.plane)
                        }
                        conv.directForward(g, padded: padded, weights: w, output: zBlock, channels: channels)
                        epilogue(
                            z, convOutput: zBlock, output: y + s * c * z.outputPlane, argmax: nil,
                            winners: nil, scratch: rows, channels: channels)
                    }
                }
            }
        }
    }

    /// One sample: y = ReLU(scale·z + shift) per channel, max-pooled (with argmax and the
    /// winners' z, when given) or stored. `channels` (all by default) are the ones done, with
    /// `convOutput` holding their planes from the first.
    @inline(__always)
    private func epilogue(
        _ z: Sizes, convOutput: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>,
        argmax: UnsafeMutablePointer<Int32>?, winners: UnsafeMutablePointer<Float>?,
        scratch: UnsafeMutablePointer<Float>, channels: Range<Int>? = nil
    ) {
        let relu = norm.fusedReLU
        let oh = z.geometry.outputHeight, ow = z.geometry.outputWidth
        let channels = channels ?? 0..<z.channels
        for ch in channels {
            let src = convOutput + (ch - channels.lowerBound) * z.plane, dst = output + ch * z.outputPlane
            let a = scale[ch], b = shift[ch]
            if let window = pool?.window {
                let planeArgmax = argmax.map { $0 + ch * z.outputPlane }
                maxPoolPlane(
                    window, height: oh, width: ow, input: src, scale: a, shift: b, relu: relu,
                    output: dst, argmax: planeArgmax, scratch: scratch)
                if let planeArgmax, let winners {
                    let into = winners + ch * z.outputPlane
                    for o in 0..<z.outputPlane { into[o] = src[Int(planeArgmax[o])] }
                }
            } else if relu {
                for i in 0..<z.plane { dst[i] = max(0, src[i] * a + b) }
            } else {
                for i in 0..<z.plane { dst[i] = src[i] * a + b }
            }
        }
    }

    private func withArgmax<R>(_ body: (UnsafeMutablePointer<Int32>?) -> R) -> R {
        guard pool != nil else { return body(nil) }
        return cachedArgmax.withUnsafeMutableBufferPointer { body($0.baseAddress) }
    }

    private func withWinners<R>(_ body: (UnsafePointer<Float>?) -> R) -> R {
        guard pool != nil else { return body(nil) }
        return cachedWinners.withUnsafeBufferPointer { body($0.baseAddress) }
    }

    // MARK: - Backward

    /// With g = dL/dy masked by ReLU (y > 0), routed through the argmax when pooled, per
    /// channel over its m values: dγ += Σ g·x̂, dβ += Σ g,
    /// dz = γ/σ · (g − Σg/m − x̂·Σ(g·x̂)/m); then the conv's backward from dz.
    func backward(_ gradOutput: Tensor) -> Tensor {
        guard cachedTraining else { return unfusedBackward(gradOutput) }
        let z = sizes(cachedInput.shape)
        let c = z.channels, plane = z.plane, outPlane = z.outputPlane
        let workers = min(conv.threadCount, z.n)
        workspaces.reserve(workers)
        let zAll = UnsafePointer(convOutput.buffer(count: z.n * c * plane))
        let relu = norm.fusedReLU
        // Σg and Σg·x̂ per sample and channel.
        gradOutput.data.withUnsafeBufferPointer { gb in
            sums.withUnsafeMutableBufferPointer { sb in
                withWinners { winners in
                    let dy = gb.baseAddress!, out = sb.baseAddress!
                    ParallelLoop.run(count: z.n, workers: workers) { _, samples in
                        for s in samples {
                            for ch in 0..<c {
                                let zp = zAll + (s * c + ch) * plane
                                let gp = dy + (s * c + ch) * outPlane
                                let a = scale[ch], b = shift[ch]
                                let mean = cachedMean[ch], inverseStd = cachedInverseStd[ch]
                                var sumG: Float = 0, sumGX: Float = 0
                                if let winners {
                                    (sumG, sumGX) = pooledGradientSums(
                                        count: outPlane, gradOutput: gp, winners: winners + (s * c + ch) * outPlane,
                                        scale: a, shift: b, relu: relu, mean: mean, inverseStd: inverseStd)
                                } else {
                                    for i in 0..<plane {
                                        let v = zp[i]
                                        let gv = relu && v * a + b <= 0 ? 0 : gp[i]
                                        sumG += gv
                                        sumGX += gv * ((v - mean) * inverseStd)
                                    }
                                }
                                out[2 * (s * c + ch)] = Double(sumG)
                                out[2 * (s * c + ch) + 1] = Double(sumGX)
                            }
                        }
                    }
                }
            }
        }
        // Per channel: dz = gain·g + offset − slope·(z − μ).
        let m = Double(z.n * plane)
        var gain = [Float](repeating: 0, count: c), offset = gain, slope = gain
        for ch in 0..<c {
            var sumG = 0.0, sumGX = 0.0
            for s in 0..<z.n {
                sumG += sums[2 * (s * c + ch)]
                sumGX += sums[2 * (s * c + ch) + 1]
            }
            norm.weight.grad.data[ch] += Float(sumGX)
            norm.bias.grad.data[ch] += Float(sumG)
            gain[ch] = scale[ch]
            offset[ch] = -scale[ch] * Float(sumG / m)
            slope[ch] = scale[ch] * Float(sumGX / m) * cachedInverseStd[ch]
        }
        return convBackward(gradOutput, z, workers: workers, gain: gain, offset: offset, slope: slope)
    }

    /// Per sample: dz in the worker's scratch, then the conv's per-sample backward from it.
    private func convBackward(
        _ gradOutput: Tensor, _ z: Sizes, workers: Int, gain: [Float], offset: [Float], slope: [Float]
    ) -> Tensor {
        let c = z.channels, plane = z.plane, outPlane = z.outputPlane, g = z.geometry
        let zAll = UnsafePointer(convOutput.buffer(count: z.n * c * plane))
        let relu = norm.fusedReLU
        let wantInput = conv.computesInputGradient
        let hasBias = conv.bias != nil
        let weightCount = conv.weightCount
        let partialCount = weightCount + c
        let convScratch = conv.backwardScratchCount(g)
        var gradInput = Tensor.uninitialized(wantInput ? cachedInput.shape : [0])
        gradInput.data.withUnsafeMutableBufferPointer { dxb in
            gradOutput.data.withUnsafeBufferPointer { gb in
                cachedInput.data.withUnsafeBufferPointer { xb in
                    conv.weight.value.data.withUnsafeBufferPointer { wb in
                        withArgmax { argmax in
                            let dy = gb.baseAddress!, x = xb.baseAddress!, w = wb.baseAddress!
                            let dx = dxb.baseAddress
                            let chunks = ParallelLoop.chunkCount(for: z.n)
                            let partials = conv.chunkPartials.buffer(count: chunks * partialCount)
                            partials.update(repeating: 0, count: chunks * partialCount)
                            ParallelLoop.runChunks(count: z.n, workers: workers) { worker, chunk, samples in
                                let partial = partials + chunk * partialCount  // [dW | db]
                                // Scratch: [dz of one sample | conv scratch].
                                let dz = workspaces.workspace(worker).buffer(count: c * plane + convScratch)
                                conv.prepareBackwardScratch(g, scratch: dz + c * plane)
                                for s in samples {
                                    for ch in 0..<c {
                                        let zp = zAll + (s * c + ch) * plane, dzp = dz + ch * plane
                                        let gp = dy + (s * c + ch) * outPlane
                                        let k = gain[ch], c0 = offset[ch], slopeC = slope[ch]
                                        let mean = cachedMean[ch], a = scale[ch], b = shift[ch]
                                        if let argmax {
                                            for i in 0..<plane { dzp[i] = c0 - slopeC * (zp[i] - mean) }
                                            scatterPooledGradient(
                                                count: outPlane, gradOutput: gp, argmax: argmax + (s * c + ch) * outPlane,
                                                convOutput: zp, scale: a, shift: b, relu: relu, gain: k, into: dzp)
                                        } else {
                                            for i in 0..<plane {
                                                let v = zp[i]
                                                let gv = relu && v * a + b <= 0 ? 0 : gp[i]
                                                dzp[i] = k * gv + c0 - slopeC * (v - mean)
                                            }
                                        }
                                    }
                                    conv.backwardSample(
                                        g, image: x + s * z.inputSize, weights: w, gradOutput: dz,
                                        gradWeights: partial, gradBias: hasBias ? partial + weightCount : nil,
                                        gradImage: wantInput ? dx! + s * z.inputSize : nil,
                                        scratch: dz + c * plane)
                                }
                            }
                        }
                    }
                }
            }
        }
        conv.addChunkPartials(chunks: ParallelLoop.chunkCount(for: z.n))
        return wantInput ? gradInput : Tensor(zeros: cachedInput.shape)
    }

    /// Backward after an evaluation-mode forward (rare: saliency, tests): the layers run their
    /// own forward to fill their caches, then their own backward.
    private func unfusedBackward(_ gradOutput: Tensor) -> Tensor {
        let normalized = norm.forward(conv.forward(cachedInput, training: false), training: false)
        var grad = gradOutput
        if let pool {
            _ = pool.forward(normalized, training: false)
            grad = pool.backward(grad)
        }
        return conv.backward(norm.backward(grad))
    }
}
