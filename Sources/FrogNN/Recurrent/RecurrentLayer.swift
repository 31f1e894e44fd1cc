/// The recurrent cell types FrogNN implements, with PyTorch's gate layouts.
public enum RecurrentCell: String, Codable, Sendable, CaseIterable {
    /// Long short-term memory: gates i, f, g, o (`weight_ih` is 4H × F).
    case lstm
    /// Gated recurrent unit: gates r, z, n (`weight_ih` is 3H × F).
    case gru

    /// Gates stacked in the weights: 4 for LSTM, 3 for GRU.
    public var gateCount: Int { self == .lstm ? 4 : 3 }
    /// "LSTM" or "GRU", as layer kinds name the cell.
    public var name: String { rawValue.uppercased() }
}

/// A single-direction recurrent layer over batch-first sequences (N×T×F → N×T×H or N×H).
///
/// The initial state is zero. `reversed` runs time from the last step to the first (the
/// backward half of a `Bidirectional`); its "last" output is then the state after step 0,
/// as in PyTorch's `h_n`.
public protocol RecurrentLayer: Layer {
    /// F, the features per time step.
    var inputSize: Int { get }
    /// H, the state size.
    var hiddenSize: Int { get }
    /// Output every step (N×T×H) rather than only the final state (N×H).
    var returnSequences: Bool { get }
    /// Whether time runs backwards.
    var reversed: Bool { get }
}

/// What `Bidirectional` and the single-direction wrappers need from a cell: a pass over raw
/// buffers that leaves every hidden state in place, and its exact reverse.
protocol RecurrentKernel: RecurrentLayer {
    /// Runs over `input` (N×T×F) and returns the hidden states (N×T×H, batch-first, in time
    /// order whatever the direction), valid until the next call. Caches what backward needs.
    func run(input: UnsafePointer<Float>, batch: Int, steps: Int) -> UnsafePointer<Float>
    /// Back-propagation through time for the last `run`: `gradHidden` is d(loss)/d(every hidden
    /// state) (N×T×H); writes d(loss)/d(input) to `gradInput` (N×T×F, overwritten) and adds the
    /// parameter gradients.
    func backpropagate(
        gradHidden: UnsafePointer<Float>, input: UnsafePointer<Float>,
        gradInput: UnsafeMutablePointer<Float>)
}

extension RecurrentKernel {
    /// The time index of processing step `s` (0 = first processed).
    @inline(__always)
    func timeIndex(step s: Int, steps: Int) -> Int { reversed ? steps - 1 - s : s }

    /// The time index whose hidden state is the output in "last" mode.
    func finalTimeIndex(steps: Int) -> Int { reversed ? 0 : steps - 1 }

    /// The per-sample output shape: [T, H] with sequences, else [H].
    func sequenceOutputShape(for inputShape: [Int]) -> [Int] {
        precondition(inputShape.count == 2 && inputShape[1] == inputSize,
                     "\(kind): expects [steps, \(inputSize)] per sample, got \(inputShape)")
        return returnSequences ? [inputShape[0], hiddenSize] : [hiddenSize]
    }

    /// The Layer forward shared by LSTM and GRU: run, then copy out all states or the last.
    func sequenceForward(_ input: Tensor) -> Tensor {
        precondition(input.rank == 3 && input.shape[2] == inputSize,
                     "\(kind): input must be [batch, steps, \(inputSize)], got \(input.shape)")
        let (n, t, h) = (input.shape[0], input.shape[1], hiddenSize)
        return input.data.withUnsafeBufferPointer { x in
            let states = run(input: x.baseAddress!, batch: n, steps: t)
            if returnSequences {
                return Tensor(shape: [n, t, h], data: Array(UnsafeBufferPointer(start: states, count: n * t * h)))
            }
            let last = finalTimeIndex(steps: t)
            var out = [Float](repeating: 0, count: n * h)
            for b in 0..<n {
                for j in 0..<h { out[b * h + j] = states[(b * t + last) * h + j] }
            }
            return Tensor(shape: [n, h], data: out)
        }
    }

    /// The Layer backward shared by LSTM and GRU; `input` is the tensor of the last forward.
    func sequenceBackward(_ gradOutput: Tensor, input: Tensor, scratch: Workspace) -> Tensor {
        let (n, t, f, h) = (input.shape[0], input.shape[1], inputSize, hiddenSize)
        var gradInput = [Float](repeating: 0, count: n * t * f)
        let gradHidden: UnsafeMutablePointer<Float>
        if returnSequences {
            precondition(gradOutput.shape == [n, t, h], "\(kind): gradient shape \(gradOutput.shape)")
            gradHidden = scratch.buffer(count: n * t * h)
            gradOutput.data.withUnsafeBufferPointer { gradHidden.update(from: $0.baseAddress!, count: n * t * h) }
        } else {
            precondition(gradOutput.shape == [n, h], "\(kind): gradient shape \(gradOutput.shape)")
            gradHidden = scratch.zeroed(count: n * t * h)
            let last = finalTimeIndex(steps: t)
            for b in 0..<n {
                for j in 0..<h { gradHidden[(b * t + last) * h + j] = gradOutput.data[b * h + j] }
            }
        }
        input.data.withUnsafeBufferPointer { x in
            gradInput.withUnsafeMutableBufferPointer { dx in
                backpropagate(gradHidden: gradHidden, input: x.baseAddress!, gradInput: dx.baseAddress!)
            }
        }
        return Tensor(shape: [n, t, f], data: gradInput)
    }
}

/// PyTorch's recurrent initialisation: every weight and bias uniform in (−1/√H, 1/√H).
func uniformRecurrentInit(shape: [Int], hiddenSize: Int, rng: inout SeededRNG) -> Tensor {
    let bound = 1 / Float(hiddenSize).squareRoot()
    let count = shape.reduce(1, *)
    return Tensor(shape: shape, data: (0..<count).map { _ in rng.uniform(-bound, bound) })
}

/// PyTorch's parameter name suffix: layer 0, and `_reverse` for the backward direction.
func recurrentNameSuffix(reversed: Bool) -> String {
    reversed ? "_l0_reverse" : "_l0"
}
