/// Flattens everything but the batch axis: [n, d1, d2, …] → [n, d1·d2·…].
public final class Flatten: Layer {
    public let kind = "Flatten"
    private var cachedInputShape: [Int] = []

    public init() {}

    public func outputShape(for inputShape: [Int]) -> [Int] { [inputShape.reduce(1, *)] }

    public func forward(_ input: Tensor, training: Bool) -> Tensor {
        cachedInputShape = input.shape
        return input.reshaped([input.shape[0], input.count / max(input.shape[0], 1)])
    }

    public func backward(_ gradOutput: Tensor) -> Tensor { gradOutput.reshaped(cachedInputShape) }
}

/// Views each sample with a new shape of the same element count; one entry may be −1 (inferred).
public final class Reshape: Layer {
    public let kind = "Reshape"
    /// Target shape without the batch axis.
    public let targetShape: [Int]
    private var cachedInputShape: [Int] = []

    public init(shape: [Int]) {
        precondition(shape.filter { $0 == -1 }.count <= 1, "Reshape: at most one −1")
        targetShape = shape
    }

    public func outputShape(for inputShape: [Int]) -> [Int] {
        let total = inputShape.reduce(1, *)
        let known = targetShape.filter { $0 != -1 }.reduce(1, *)
        let resolved = targetShape.map { $0 == -1 ? total / max(known, 1) : $0 }
        precondition(resolved.reduce(1, *) == total, "Reshape: \(inputShape) cannot become \(targetShape)")
        return resolved
    }

    public func forward(_ input: Tensor, training: Bool) -> Tensor {
        cachedInputShape = input.shape
        return input.reshaped([input.shape[0]] + outputShape(for: Array(input.shape.dropFirst())))
    }

    public func backward(_ gradOutput: Tensor) -> Tensor { gradOutput.reshaped(cachedInputShape) }
}
