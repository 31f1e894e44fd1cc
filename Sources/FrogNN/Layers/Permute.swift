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
