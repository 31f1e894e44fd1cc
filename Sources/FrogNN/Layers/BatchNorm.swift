/// Batch normalisation over the channel axis (axis 1) of [n, c], [n, c, l] or [n, c, h, w]
/// inputs, with PyTorch semantics: training normalises with the batch mean and biased variance
/// and updates running averages as `running = (1 − momentum)·running + momentum·batch`, using the
/// unbiased variance; evaluation normalises with the running statistics.
///
/// With `fusedReLU` the layer also applies max(0, ·) in the same pass (and masks the gradient),
/// saving two full passes over the activations when BatchNorm is followed by ReLU.
public final class BatchNorm: ThreadedLayer {
    public var kind: String { fusedReLU ? "BatchNorm+ReLU" : "BatchNorm" }
    public let features: Int
    public let momentum: Float
    public let epsilon: Float
    public let fusedReLU: Bool
    /// γ [features]
    public let weight: Parameter
    /// β [features]
    public let bias: Parameter
    /// [features], not trained.
    public let runningMean: Parameter
    /// [features], not trained.
    public let runningVariance: Parameter
    public var threadCount = 1

    /// x̂ of the last forward, [input shape] (the output before γ/β when training).
    private var cachedNormalized = Tensor(zeros: [0])
    /// 1/√(σ² + ε) per channel, from the last forward.
    private var cachedInverseStd: [Float] = []
    /// The output of the last forward, for the ReLU mask when fused.
    private var cachedOutput = Tensor(zeros: [0])
    private var cachedTraining = true

    public init(features: Int, momentum: Float = 0.1, epsilon: Float = 1e-5, fusedReLU: Bool = false) {
        self.features = features
        self.momentum = momentum
        self.epsilon = epsilon
        self.fusedReLU = fusedReLU
        weight = Parameter(name: "weight", value: Tensor(repeating: 1, shape: [features]))
        bias = Parameter(name: "bias", value: Tensor(zeros: [features]))
        runningMean = Parameter(name: "running_mean", value: Tensor(zeros: [features]), trainable: false)
        runningVariance = Parameter(
            name: "running_var", value: Tensor(repeating: 1, shape: [features]), trainable: false)
    }

    public var parameters: [Parameter] { [weight, bias] }
    public var buffers: [Parameter] { [runningMean, runningVariance] }

    public func outputShape(for inputShape: [Int]) -> [Int] {
        precondition(inputShape.first == features, "BatchNorm: expects \(features) channels, got \(inputShape)")
        return inputShape
    }

    public func forward(_ input: Tensor, training: Bool) -> Tensor {
        precondition(input.rank >= 2 && input.shape[1] == features, "BatchNorm: input \(input.shape)")
        let n = input.shape[0], c = features
        let plane = input.count / (n * c)
        let m = n * plane
        var output = Tensor(zeros: input.shape)
        if cachedNormalized.shape != input.shape { cachedNormalized = Tensor(zeros: input.shape) }
        cachedInverseStd = [Float](repeating: 0, count: c)
        cachedTraining = training
        let relu = fusedReLU, eps = epsilon, mom = momentum
        input.data.withUnsafeBufferPointer { xb in
            output.data.withUnsafeMutableBufferPointer { yb in
                cachedNormalized.data.withUnsafeMutableBufferPointer { nb in
                    cachedInverseStd.withUnsafeMutableBufferPointer { isb in
                        runningMean.value.data.withUnsafeMutableBufferPointer { rmb in
                            runningVariance.value.data.withUnsafeMutableBufferPointer { rvb in
                                let x = xb.baseAddress!, y = yb.baseAddress!, xn = nb.baseAddress!
                                let invStd = isb.baseAddress!, rm = rmb.baseAddress!, rv = rvb.baseAddress!
                                let gamma = weight.value.data, beta = bias.value.data
                                ParallelLoop.run(count: c, workers: threadCount) { _, channels in
                                    for ch in channels {
                                        var mean: Float, variance: Float
                                        if training {
                                            var sum = 0.0
                                            for s in 0..<n {
                                                sum += Double(VectorKernels.sum(x + (s * c + ch) * plane, count: plane))
                                            }
                                            mean = Float(sum / Double(m))
                                            var squares = 0.0
                                            for s in 0..<n {
                                                squares += Double(VectorKernels.squaredDeviations(
                                                    x + (s * c + ch) * plane, count: plane, center: mean))
                                            }
                                            variance = Float(squares / Double(m))
                                            let unbiased = m > 1 ? Float(squares / Double(m - 1)) : variance
                                            rm[ch] = (1 - mom) * rm[ch] + mom * mean
                                            rv[ch] = (1 - mom) * rv[ch] + mom * unbiased
                                        } else {
                                            mean = rm[ch]
                                            variance = rv[ch]
                                        }
                                        let inv = 1 / (variance + eps).squareRoot()
                                        invStd[ch] = inv
                                        let g = gamma[ch], b = beta[ch]
                                        for s in 0..<n {
                                            let offset = (s * c + ch) * plane
                                            let src = x + offset, dst = y + offset, norm = xn + offset
                                            if relu {
                                                for i in 0..<plane {
                                                    let v = (src[i] - mean) * inv
                                                    norm[i] = v
                                                    dst[i] = max(0, v * g + b)
                                                }
                                            } else {
                                                for i in 0..<plane {
                                                    let v = (src[i] - mean) * inv
                                                    norm[i] = v
                                                    dst[i] = v * g + b
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
        }
        if relu { cachedOutput = output }
        return output
    }

    /// With g = dY (masked by y > 0 when fused), per channel over its m values:
    /// dγ += Σ g·x̂, dβ += Σ g; training: dX = γ·invStd/m · (m·g − Σg − x̂·Σ(g·x̂));
    /// evaluation (constant statistics): dX = γ·invStd·g.
    public func backward(_ gradOutput: Tensor) -> Tensor {
        let shape = cachedNormalized.shape
        let n = shape[0], c = features
        let plane = cachedNormalized.count / (n * c)
        let m = Float(n * plane)
        var gradInput = Tensor(zeros: shape)
        var masked = gradOutput
        if fusedReLU {
            masked.data.withUnsafeMutableBufferPointer { g in
                cachedOutput.data.withUnsafeBufferPointer { y in
                    for i in g.indices where y[i] <= 0 { g[i] = 0 }
                }
            }
        }
        let training = cachedTraining
        masked.data.withUnsafeBufferPointer { gb in
            cachedNormalized.data.withUnsafeBufferPointer { nb in
                gradInput.data.withUnsafeMutableBufferPointer { dxb in
                    weight.grad.data.withUnsafeMutableBufferPointer { dgb in
                        bias.grad.data.withUnsafeMutableBufferPointer { dbb in
                            let g = gb.baseAddress!, xn = nb.baseAddress!, dx = dxb.baseAddress!
                            let dGamma = dgb.baseAddress!, dBeta = dbb.baseAddress!
                            let gamma = weight.value.data, invStd = cachedInverseStd
                            ParallelLoop.run(count: c, workers: threadCount) { _, channels in
                                for ch in channels {
                                    var sumG: Float = 0, sumGX: Float = 0
                                    for s in 0..<n {
                                        let offset = (s * c + ch) * plane
                                        sumG += VectorKernels.sum(g + offset, count: plane)
                                        sumGX += VectorKernels.dot(g + offset, xn + offset, count: plane)
                                    }
                                    dGamma[ch] += sumGX
                                    dBeta[ch] += sumG
                                    let scale = gamma[ch] * invStd[ch]
                                    let meanG = sumG / m, meanGX = sumGX / m
                                    for s in 0..<n {
                                        let offset = (s * c + ch) * plane
                                        let gs = g + offset, xs = xn + offset, d = dx + offset
                                        if training {
                                            for i in 0..<plane { d[i] = scale * (gs[i] - meanG - xs[i] * meanGX) }
                                        } else {
                                            for i in 0..<plane { d[i] = scale * gs[i] }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return gradInput
    }
}
