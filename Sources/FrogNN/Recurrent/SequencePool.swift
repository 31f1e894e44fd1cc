/// How `SequencePool` reduces the time axis.
public enum SequencePoolMode: String, Codable, Sendable, CaseIterable {
    /// Average over all steps.
    case mean
    /// Element-wise maximum over steps (the gradient goes to the first maximal step).
    case max
    /// The last step, t = T − 1.
    case last
}

/// Reduces a batch-first sequence over time: N×T×F → N×F.
public final class SequencePool: Layer {
    public let mode: SequencePoolMode
    public var kind: String { "SequencePool(\(mode.rawValue))" }

    private var cachedShape: [Int] = []
    /// For `max`: the winning step of each (n, f), N×F.
    private var argmax: [Int32] = []

    public init(mode: SequencePoolMode) {
        self.mode = mode
    }

    public func outputShape(for inputShape: [Int]) -> [Int] {
        precondition(inputShape.count == 2, "\(kind): expects [steps, features] per sample, got \(inputShape)")
        return [inputShape[1]]
    }

    public func forward(_ input: Tensor, training: Bool) -> Tensor {
        precondition(input.rank == 3 && input.shape[1] > 0, "\(kind): input must be [batch, steps>0, features], got \(input.shape)")
        let (n, t, f) = (input.shape[0], input.shape[1], input.shape[2])
        cachedShape = input.shape
        var out = [Float](repeating: 0, count: n * f)
        input.data.withUnsafeBufferPointer { x in
            out.withUnsafeMutableBufferPointer { y in
                switch mode {
                case .mean:
                    let scale = 1 / Float(t)
                    for b in 0..<n {
                        for s in 0..<t {
                            for j in 0..<f { y[b * f + j] += x[(b * t + s) * f + j] }
                        }
                        for j in 0..<f { y[b * f + j] *= scale }
                    }
                case .max:
                    argmax = [Int32](repeating: 0, count: n * f)
                    for b in 0..<n {
                        for j in 0..<f { y[b * f + j] = x[b * t * f + j] }
                        for s in 1..<t {
                            for j in 0..<f where x[(b * t + s) * f + j] > y[b * f + j] {
                                y[b * f + j] = x[(b * t + s) * f + j]
                                argmax[b * f + j] = Int32(s)
                            }
                        }
                    }
                case .last:
                    for b in 0..<n {
                        for j in 0..<f { y[b * f + j] = x[(b * t + t - 1) * f + j] }
                    }
                }
            }
        }
        return Tensor(shape: [n, f], data: out)
    }

    /// mean: dx[n,t,f] = dy[n,f] / T;  max: dy goes to the arg-max step;  last: to step T − 1.
    public func backward(_ gradOutput: Tensor) -> Tensor {
        let (n, t, f) = (cachedShape[0], cachedShape[1], cachedShape[2])
        precondition(gradOutput.shape == [n, f], "\(kind): gradient shape \(gradOutput.shape) != \([n, f])")
        var gradInput = [Float](repeating: 0, count: n * t * f)
        gradOutput.data.withUnsafeBufferPointer { dy in
            gradInput.withUnsafeMutableBufferPointer { dx in
                switch mode {
                case .mean:
                    let scale = 1 / Float(t)
                    for b in 0..<n {
                        for s in 0..<t {
                            for j in 0..<f { dx[(b * t + s) * f + j] = dy[b * f + j] * scale }
                        }
                    }
                case .max:
                    for b in 0..<n {
                        for j in 0..<f { dx[(b * t + Int(argmax[b * f + j])) * f + j] = dy[b * f + j] }
                    }
                case .last:
                    for b in 0..<n {
                        for j in 0..<f { dx[(b * t + t - 1) * f + j] = dy[b * f + j] }
                    }
                }
            }
        }
        return Tensor(shape: [n, t, f], data: gradInput)
    }
}
