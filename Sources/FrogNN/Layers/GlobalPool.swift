/// Mean over all positions of each channel: [n, c, h, w] (or [n, c, l]) → [n, c].
public final class GlobalAveragePool: Layer {
    public let kind = "GlobalAveragePool"
    private var cachedInputShape: [Int] = []

    public init() {}

    public func outputShape(for inputShape: [Int]) -> [Int] { [inputShape[0]] }

    public func forward(_ input: Tensor, training: Bool) -> Tensor {
        let rows = input.shape[0] * input.shape[1]
        let size = input.count / max(rows, 1)
        var output = Tensor(zeros: [input.shape[0], input.shape[1]])
        input.data.withUnsafeBufferPointer { x in
            for r in 0..<rows {
                var sum: Float = 0
                for i in 0..<size { sum += x[r * size + i] }
                output.data[r] = sum / Float(size)
            }
        }
        cachedInputShape = input.shape
        return output
    }

    /// Every position receives dY / (positions).
    public func backward(_ gradOutput: Tensor) -> Tensor {
        var gradInput = Tensor(zeros: cachedInputShape)
        let rows = gradOutput.count
        let size = gradInput.count / max(rows, 1)
        gradInput.data.withUnsafeMutableBufferPointer { dx in
            for r in 0..<rows {
                let g = gradOutput.data[r] / Float(size)
                for i in 0..<size { dx[r * size + i] = g }
            }
        }
        return gradInput
    }
}

/// Maximum over all positions of each channel: [n, c, h, w] (or [n, c, l]) → [n, c].
public final class GlobalMaxPool: Layer {
    public let kind = "GlobalMaxPool"
    private var cachedInputShape: [Int] = []
    /// Flat input index of each row's maximum.
    private var cachedArgmax: [Int] = []

    public init() {}

    public func outputShape(for inputShape: [Int]) -> [Int] { [inputShape[0]] }

    public func forward(_ input: Tensor, training: Bool) -> Tensor {
        let rows = input.shape[0] * input.shape[1]
        let size = input.count / max(rows, 1)
        var output = Tensor(zeros: [input.shape[0], input.shape[1]])
        cachedArgmax = [Int](repeating: 0, count: rows)
        for r in 0..<rows {
            var best = r * size
            for i in (r * size)..<((r + 1) * size) where input.data[i] > input.data[best] { best = i }
            cachedArgmax[r] = best
            output.data[r] = input.data[best]
        }
        cachedInputShape = input.shape
        return output
    }

    /// Only each channel's winning position receives the gradient.
    public func backward(_ gradOutput: Tensor) -> Tensor {
        var gradInput = Tensor(zeros: cachedInputShape)
        for r in 0..<gradOutput.count { gradInput.data[cachedArgmax[r]] += gradOutput.data[r] }
        return gradInput
    }
}
