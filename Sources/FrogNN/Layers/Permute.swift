/// Reorders the non-batch axes: output axis i is input axis `order[i]` (0-based, batch excluded),
/// optionally merging all output axes after the second into one. The CNN→RNN bridge is
/// `Permute(order: [2, 0, 1], mergeTrailing: true)`: [n, c, h, w] → [n, w, c·h], time = width.
public final class Permute: Layer {
    public let kind = "Permute"
    public let order: [Int]
    /// Whether output axes 1… are merged into one, giving [n, a0, a1·a2·…].
    public let mergeTrailing: Bool
    private var cachedInputShape: [Int] = []

    public init(order: [Int], mergeTrailing: Bool = false) {
        precondition(order.sorted() == Array(0..<order.count), "Permute: order must permute 0..<\(order.count)")
        self.order = order
        self.mergeTrailing = mergeTrailing
    }

    public func outputShape(for inputShape: [Int]) -> [Int] {
        precondition(inputShape.count == order.count, "Permute: expects rank \(order.count), got \(inputShape)")
        let permuted = order.map { inputShape[$0] }
        return mergeTrailing && permuted.count > 2 ? [permuted[0], permuted.dropFirst().reduce(1, *)] : permuted
    }

    /// Moves elements so that out[…, j_i, …] = in[…, j_order⁻¹…]; `inverse` runs the adjoint.
    private func permute(_ data: Tensor, inputShape: [Int], inverse: Bool) -> [Float] {
        let n = inputShape[0]
        let dims = Array(inputShape.dropFirst())
        let rank = dims.count
        var inStrides = [Int](repeating: 1, count: rank)
        for i in stride(from: rank - 2, through: 0, by: -1) { inStrides[i] = inStrides[i + 1] * dims[i + 1] }
        let outDims = order.map { dims[$0] }
        let perSample = dims.reduce(1, *)
        if rank == 3 {
            return permute3(data, samples: n, outDims: outDims, strides: order.map { inStrides[$0] }, inverse: inverse)
        }
        var result = [Float](repeating: 0, count: data.count)
        var index = [Int](repeating: 0, count: rank)
        for s in 0..<n {
            for i in 0..<rank { index[i] = 0 }
            for o in 0..<perSample {
                var source = 0
                for i in 0..<rank { source += index[i] * inStrides[order[i]] }
                if inverse {
                    result[s * perSample + source] = data.data[s * perSample + o]
                } else {
                    result[s * perSample + o] = data.data[s * perSample + source]
                }
                var axis = rank - 1
                while axis >= 0 {
                    index[axis] += 1
                    if index[axis] < outDims[axis] { break }
                    index[axis] = 0
                    axis -= 1
                }
            }
        }
        return result
    }

    /// Rank 3 (the CNN→RNN bridge [c, h, w] → [w, c, h]) as three plain loops over pointers:
    /// output element (i, j, k) is input element i·s0 + j·s1 + k·s2.
    private func permute3(_ data: Tensor, samples: Int, outDims: [Int], strides: [Int], inverse: Bool) -> [Float] {
        let (d0, d1, d2) = (outDims[0], outDims[1], outDims[2])
        let (s0, s1, s2) = (strides[0], strides[1], strides[2])
        let perSample = d0 * d1 * d2
        return [Float](unsafeUninitializedCapacity: data.count) { result, initialized in
            data.data.withUnsafeBufferPointer { source in
                guard perSample > 0 else { return }
                for s in 0..<samples {
                    let input = source.baseAddress! + s * perSample
                    let output = result.baseAddress! + s * perSample
                    var o = 0
                    for i in 0..<d0 {
                        for j in 0..<d1 {
                            let base = i * s0 + j * s1
                            if inverse {
                                for k in 0..<d2 { output[base + k * s2] = input[o + k] }
                            } else {
                                for k in 0..<d2 { output[o + k] = input[base + k * s2] }
                            }
                            o += d2
                        }
                    }
                }
            }
            initialized = data.count
        }
    }

    public func forward(_ input: Tensor, training: Bool) -> Tensor {
        cachedInputShape = input.shape
        let out = [input.shape[0]] + outputShape(for: Array(input.shape.dropFirst()))
        return Tensor(shape: out, data: permute(input, inputShape: input.shape, inverse: false))
    }

    /// The gradient is permuted back with the inverse mapping.
    public func backward(_ gradOutput: Tensor) -> Tensor {
        Tensor(shape: cachedInputShape, data: permute(gradOutput, inputShape: cachedInputShape, inverse: true))
    }
}
