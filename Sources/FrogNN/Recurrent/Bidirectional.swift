
/// Two recurrent layers over the same sequence, one running forward in time and one backward,
/// concatenated on the feature axis like PyTorch's `bidirectional=True`.
///
/// Output: N×T×2H (`[forward h_t, backward h_t]` at every step) or, without sequences,
/// N×2H = `[forward state after step T−1, backward state after step 0]` (PyTorch's `h_n`).
/// Parameters are the forward layer's (`weight_ih_l0` …) then the backward layer's
/// (`weight_ih_l0_reverse` …), PyTorch's order.
///
/// The two directions are independent, so with `threadCount` ≥ 2 they run on two threads.
/// That parallelises the whole recurrence; splitting each tiny per-step GEMM across BLAS threads
/// instead made PyTorch's BiGRU slower. Use it with OpenBLAS set to one thread.
public final class Bidirectional: ThreadedLayer {
    /// The cell type of both directions.
    public let cell: RecurrentCell
    public let returnSequences: Bool
    /// Worker threads: with 2 or more the directions run concurrently (a one-thread budget
    /// stays one thread).
    public var threadCount: Int
    private let directions: [any RecurrentKernel]

    public var kind: String { "Bidirectional(\(cell.name))" }
    public var inputSize: Int { directions[0].inputSize }
    public var hiddenSize: Int { directions[0].hiddenSize }
    /// The forward-in-time layer (`LSTM` or `GRU`).
    public var forwardLayer: any RecurrentLayer { directions[0] }
    /// The backward-in-time layer.
    public var backwardLayer: any RecurrentLayer { directions[1] }
    public var parameters: [Parameter] { directions[0].parameters + directions[1].parameters }

    // Per-direction scratch: d(loss)/d(hidden states) (N×T×H) and d(loss)/d(input) (N×T×F).
    private let gradHidden = [Workspace(), Workspace()]
    private let gradInput = [Workspace(), Workspace()]
    private var cachedInput: Tensor?

    /// - Parameters:
    ///   - cell: LSTM or GRU.
    ///   - inputSize: F, features per step.
    ///   - hiddenSize: H per direction (the output has 2H features).
    ///   - returnSequences: output N×T×2H (true) or N×2H (false).
    ///   - threadCount: 2 or more runs the directions on two threads.
    ///   - rng: initialises the forward direction, then the backward one (as PyTorch's order).
    public init(
        cell: RecurrentCell, inputSize: Int, hiddenSize: Int, returnSequences: Bool = true,
        threadCount: Int = 1, rng: inout SeededRNG
    ) {
        self.cell = cell
        self.returnSequences = returnSequences
        self.threadCount = threadCount
        switch cell {
        case .lstm:
            directions = [
                LSTM(inputSize: inputSize, hiddenSize: hiddenSize, reversed: false, rng: &rng),
                LSTM(inputSize: inputSize, hiddenSize: hiddenSize, reversed: true, rng: &rng),
            ]
        case .gru:
            directions = [
                GRU(inputSize: inputSize, hiddenSize: hiddenSize, reversed: false, rng: &rng),
                GRU(inputSize: inputSize, hiddenSize: hiddenSize, reversed: true, rng: &rng),
            ]
        }
    }

    public func outputShape(for inputShape: [Int]) -> [Int] {
        precondition(inputShape.count == 2 && inputShape[1] == inputSize,
                     "\(kind): expects [steps, \(inputSize)] per sample, got \(inputShape)")
        return returnSequences ? [inputShape[0], 2 * hiddenSize] : [2 * hiddenSize]
    }

    /// Runs `body(0)` and `body(1)`, on two threads when `threadCount` allows.
    private func eachDirection(_ body: (Int) -> Void) {
        ParallelLoop.run(count: 2, workers: threadCount > 1 ? 2 : 1) { _, directions in
            for d in directions { body(d) }
        }
    }

    public func forward(_ input: Tensor, training: Bool) -> Tensor {
        precondition(input.rank == 3 && input.shape[2] == inputSize,
                     "\(kind): input must be [batch, steps, \(inputSize)], got \(input.shape)")
        cachedInput = input
        let (n, t, h) = (input.shape[0], input.shape[1], hiddenSize)
        var states: [UnsafePointer<Float>?] = [nil, nil]
        input.data.withUnsafeBufferPointer { x in
            let xp = x.baseAddress!
            states.withUnsafeMutableBufferPointer { result in
                eachDirection { d in result[d] = directions[d].run(input: xp, batch: n, steps: t) }
            }
        }
        let forwardStates = states[0]!, backwardStates = states[1]!
        if returnSequences {
            var out = [Float](repeating: 0, count: n * t * 2 * h)
            out.withUnsafeMutableBufferPointer { o in
                for row in 0..<(n * t) {
                    (o.baseAddress! + row * 2 * h).update(from: forwardStates + row * h, count: h)
                    (o.baseAddress! + row * 2 * h + h).update(from: backwardStates + row * h, count: h)
                }
            }
            return Tensor(shape: [n, t, 2 * h], data: out)
        }
        var out = [Float](repeating: 0, count: n * 2 * h)
        out.withUnsafeMutableBufferPointer { o in
            for b in 0..<n {
                (o.baseAddress! + b * 2 * h).update(from: forwardStates + (b * t + t - 1) * h, count: h)
                (o.baseAddress! + b * 2 * h + h).update(from: backwardStates + (b * t) * h, count: h)
            }
        }
        return Tensor(shape: [n, 2 * h], data: out)
    }

    /// Splits d(loss)/d(output) between the directions, back-propagates each through time
    /// (concurrently when enabled) and sums their input gradients.
    public func backward(_ gradOutput: Tensor) -> Tensor {
        guard let input = cachedInput else { preconditionFailure("Bidirectional.backward before forward") }
        let (n, t, f, h) = (input.shape[0], input.shape[1], inputSize, hiddenSize)
        let expected = returnSequences ? [n, t, 2 * h] : [n, 2 * h]
        precondition(gradOutput.shape == expected, "\(kind): gradient shape \(gradOutput.shape) != \(expected)")
        let dh = [gradHidden[0].buffer(count: n * t * h), gradHidden[1].buffer(count: n * t * h)]
        let dx = [gradInput[0].buffer(count: n * t * f), gradInput[1].buffer(count: n * t * f)]
        gradOutput.data.withUnsafeBufferPointer { g in
            let gp = g.baseAddress!
            if returnSequences {
                for row in 0..<(n * t) {
                    dh[0].advanced(by: row * h).update(from: gp + row * 2 * h, count: h)
                    dh[1].advanced(by: row * h).update(from: gp + row * 2 * h + h, count: h)
                }
            } else {
                dh[0].update(repeating: 0, count: n * t * h)
                dh[1].update(repeating: 0, count: n * t * h)
                for b in 0..<n {
                    dh[0].advanced(by: (b * t + t - 1) * h).update(from: gp + b * 2 * h, count: h)
                    dh[1].advanced(by: (b * t) * h).update(from: gp + b * 2 * h + h, count: h)
                }
            }
        }
        input.data.withUnsafeBufferPointer { x in
            let xp = x.baseAddress!
            eachDirection { d in
                directions[d].backpropagate(gradHidden: dh[d], input: xp, gradInput: dx[d])
            }
        }
        var result = [Float](repeating: 0, count: n * t * f)
        result.withUnsafeMutableBufferPointer { r in
            var j = 0
            let total = n * t * f
            while j < total {
                let w = min(8, total - j)
                store(load(dx[0] + j, w) + load(dx[1] + j, w), r.baseAddress! + j, w)
                j += 8
            }
        }
        return Tensor(shape: [n, t, f], data: result)
    }
}
