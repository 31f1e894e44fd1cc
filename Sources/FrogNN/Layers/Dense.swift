/// Fully connected layer: y = x·Wᵀ + b over the last axis (PyTorch `Linear` layout: weight
/// [outputFeatures, inputFeatures]). Leading axes are treated as rows, so [n, t, f] inputs apply
/// the same layer to every time step.
public final class Dense: Layer {
    public let kind = "Dense"
    public let inputFeatures: Int
    public let outputFeatures: Int
    /// [outputFeatures, inputFeatures]
    public let weight: Parameter
    /// [outputFeatures], or nil when built without bias.
    public let bias: Parameter?

    /// [rows, inputFeatures] of the last training forward.
    private var cachedInput = Tensor(zeros: [0])

    public init(inputFeatures: Int, outputFeatures: Int, useBias: Bool = true) {
        self.inputFeatures = inputFeatures
        self.outputFeatures = outputFeatures
        weight = Parameter(name: "weight", value: Tensor(zeros: [outputFeatures, inputFeatures]))
        bias = useBias ? Parameter(name: "bias", value: Tensor(zeros: [outputFeatures])) : nil
    }

    public var parameters: [Parameter] { bias.map { [weight, $0] } ?? [weight] }

    public func outputShape(for inputShape: [Int]) -> [Int] {
        precondition(inputShape.last == inputFeatures,
                     "Dense: expects \(inputFeatures) input features, got shape \(inputShape)")
        return Array(inputShape.dropLast()) + [outputFeatures]
    }

    public func forward(_ input: Tensor, training: Bool) -> Tensor {
        precondition(input.shape.last == inputFeatures, "Dense: input \(input.shape) needs last axis \(inputFeatures)")
        let rows = input.count / inputFeatures
        var output = Tensor(zeros: Array(input.shape.dropLast()) + [outputFeatures])
        let fOut = outputFeatures
        output.data.withUnsafeMutableBufferPointer { y in
            if let bias {
                bias.value.data.withUnsafeBufferPointer { b in
                    for r in 0..<rows { (y.baseAddress! + r * fOut).update(from: b.baseAddress!, count: fOut) }
                }
            }
            input.data.withUnsafeBufferPointer { x in
                weight.value.data.withUnsafeBufferPointer { w in
                    BLAS.gemm(
                        transposeA: false, transposeB: true, m: rows, n: fOut, k: inputFeatures,
                        a: x.baseAddress!, lda: inputFeatures, b: w.baseAddress!, ldb: inputFeatures,
                        beta: bias == nil ? 0 : 1, c: y.baseAddress!, ldc: fOut)
                }
            }
        }
        cachedInput = input
        return output
    }

    /// dW += dYᵀ·X, db += Σ_rows dY, dX = dY·W.
    public func backward(_ gradOutput: Tensor) -> Tensor {
        let rows = gradOutput.count / outputFeatures
        let fIn = inputFeatures, fOut = outputFeatures
        var gradInput = Tensor(zeros: cachedInput.shape)
        gradOutput.data.withUnsafeBufferPointer { dy in
            cachedInput.data.withUnsafeBufferPointer { x in
                weight.grad.data.withUnsafeMutableBufferPointer { dw in
                    BLAS.gemm(
                        transposeA: true, transposeB: false, m: fOut, n: fIn, k: rows,
                        a: dy.baseAddress!, lda: fOut, b: x.baseAddress!, ldb: fIn,
                        beta: 1, c: dw.baseAddress!, ldc: fIn)
                }
            }
            if let bias {
                bias.grad.data.withUnsafeMutableBufferPointer { db in
                    for r in 0..<rows {
                        for j in 0..<fOut { db[j] += dy[r * fOut + j] }
                    }
                }
            }
            weight.value.data.withUnsafeBufferPointer { w in
                gradInput.data.withUnsafeMutableBufferPointer { dx in
                    BLAS.gemm(
                        transposeA: false, transposeB: false, m: rows, n: fIn, k: fOut,
                        a: dy.baseAddress!, lda: fOut, b: w.baseAddress!, ldb: fIn,
                        beta: 0, c: dx.baseAddress!, ldc: fIn)
                }
            }
        }
        return gradInput
    }
}
