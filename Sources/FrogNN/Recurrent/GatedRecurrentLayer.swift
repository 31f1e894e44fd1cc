/// The base of `LSTM` and `GRU`: their parameters, caches and scan; a subclass writes its step.
///
/// The scan runs over time in either direction, and back through it up to the weight
/// gradients; a subclass's `run` and `backpropagate` hand their per-sample step, the gate math
/// beside its derivation, to `scanForward` and `scanBackward`.
///
/// Forward, with G gates of H units stacked in the weights (LSTM 4, GRU 3): the input
/// projections of all steps are one GEMM, X · W_ihᵀ (NT × GH), written to the batch-first gate
/// buffer; each step then adds only h_{t−1} · W_hhᵀ, through the GEMM's leading dimension (no
/// copies), before the cell's element-wise step for each sample. Backward runs the steps in
/// the opposite order; the cell leaves the gradients of its gate pre-activations, input side
/// (multiplying W_ih) and hidden side (multiplying W_hh; the same buffer for LSTM), from which
/// dW_ih, dW_hh and dX are one GEMM each over all N·T rows.
public class GatedRecurrentLayer: RecurrentLayer, RecurrentKernel {
    /// The cell type, which fixes the gates.
    public let cell: RecurrentCell
    public let inputSize: Int
    public let hiddenSize: Int
    public let returnSequences: Bool
    public let reversed: Bool
    /// [GH, F], the gates in the cell's order.
    public let weightInputHidden: Parameter
    /// [GH, H], the gates in the cell's order.
    public let weightHiddenHidden: Parameter
    /// [GH]
    public let biasInputHidden: Parameter
    /// [GH]
    public let biasHiddenHidden: Parameter

    public var kind: String { reversed ? "\(cell.name)(reversed)" : cell.name }
    public var parameters: [Parameter] {
        [weightInputHidden, weightHiddenHidden, biasInputHidden, biasHiddenHidden]
    }

    /// G·H, one sample's stacked gates at one step.
    let gateWidth: Int
    // Caches of the last run, batch-first: the gates (N×T×GH; what each cell keeps there is its
    // own), the hidden states h (N×T×H) and the bias sums.
    let gates = Workspace()
    let hidden = Workspace()
    let biasSum = Workspace()
    // Backward scratch: the gradients of the input-side gate pre-activations (N×T×GH), dh
    // carried to the previous step (N×H), the previous hidden states aligned with each step
    // (N×T×H), the column-sum vector of ones, the gradient of `backward`.
    let gradInputSide = Workspace()
    let gradHiddenNext = Workspace()
    let ones = Workspace()
    private let previousHidden = Workspace()
    /// W_hhᵀ of the current run (`scanForward`).
    private let transposedHiddenWeights = Workspace()
    private let gradOutputScratch = Workspace()
    private var cachedInput: Tensor?
    /// N and T of the last run.
    private(set) var batch = 0
    private(set) var steps = 0

    /// - Parameters:
    ///   - cell: the gates (and parameter shapes) of the subclass.
    ///   - inputSize: F, features per step.
    ///   - hiddenSize: H, the state size.
    ///   - returnSequences: output N×T×H (true) or the final state N×H (false).
    ///   - reversed: run time backwards (the second half of a `Bidirectional`).
    ///   - rng: initialises every parameter uniform in (−1/√H, 1/√H), as PyTorch does.
    init(
        cell: RecurrentCell, inputSize: Int, hiddenSize: Int, returnSequences: Bool, reversed: Bool,
        rng: inout SeededRNG
    ) {
        precondition(inputSize > 0 && hiddenSize > 0, "\(cell.name): sizes must be positive")
        self.cell = cell
        self.inputSize = inputSize
        self.hiddenSize = hiddenSize
        self.returnSequences = returnSequences
        self.reversed = reversed
        gateWidth = cell.gateCount * hiddenSize
        let suffix = recurrentNameSuffix(reversed: reversed)
        let g = gateWidth
        weightInputHidden = Parameter(
            name: "weight_ih" + suffix, value: uniformRecurrentInit(shape: [g, inputSize], hiddenSize: hiddenSize, rng: &rng))
        weightHiddenHidden = Parameter(
            name: "weight_hh" + suffix, value: uniformRecurrentInit(shape: [g, hiddenSize], hiddenSize: hiddenSize, rng: &rng))
        biasInputHidden = Parameter(
            name: "bias_ih" + suffix, value: uniformRecurrentInit(shape: [g], hiddenSize: hiddenSize, rng: &rng))
        biasHiddenHidden = Parameter(
            name: "bias_hh" + suffix, value: uniformRecurrentInit(shape: [g], hiddenSize: hiddenSize, rng: &rng))
    }

    public func outputShape(for inputShape: [Int]) -> [Int] { sequenceOutputShape(for: inputShape) }

    public func forward(_ input: Tensor, training: Bool) -> Tensor {
        cachedInput = input
        return sequenceForward(input)
    }

    public func backward(_ gradOutput: Tensor) -> Tensor {
        guard let input = cachedInput else { preconditionFailure("\(cell.name).backward before forward") }
        return sequenceBackward(gradOutput, input: input, scratch: gradOutputScratch)
    }

    /// The subclass's forward: `beginRun`, then `scanForward` with its step.
    func run(input: UnsafePointer<Float>, batch: Int, steps: Int) -> UnsafePointer<Float> {
        preconditionFailure("\(kind) must implement run")
    }

    /// The subclass's backward: `scanBackward` with its step, then `addWeightGradients`.
    func backpropagate(
        gradHidden: UnsafePointer<Float>, input: UnsafePointer<Float>,
        gradInput: UnsafeMutablePointer<Float>
    ) {
        preconditionFailure("\(kind) must implement backpropagate")
    }

    // MARK: - The scan

    /// Starts a run over `input` (N×T×F): all steps' input projections at once,
    /// gates = X · W_ihᵀ (NT × GH), and the biases as the step adds them (`biasSums`). Returns
    /// the gate and hidden-state caches and the biases.
    final func beginRun(
        _ input: UnsafePointer<Float>, batch n: Int, steps t: Int, summedBiasGates: Int
    ) -> (gates: UnsafeMutablePointer<Float>, hidden: UnsafeMutablePointer<Float>, bias: UnsafePointer<Float>) {
        batch = n
        steps = t
        let gatesP = gates.buffer(count: n * t * gateWidth)
        let hiddenP = hidden.buffer(count: n * t * hiddenSize)
        weightInputHidden.value.data.withUnsafeBufferPointer { wih in
            BLAS.gemm(transposeA: false, transposeB: true, m: n * t, n: gateWidth, k: inputSize, a: input, lda: inputSize,
                 b: wih.baseAddress!, ldb: inputSize, beta: 0, c: gatesP, ldc: gateWidth)
        }
        return (gatesP, hiddenP, UnsafePointer(biasSums(summedGates: summedBiasGates)))
    }

    /// The biases as the step adds them, in `biasSum`: b_ih + b_hh for the first `summedGates`
    /// gates, whose pre-activation takes both sides whole; for each later gate (GRU's n, where
    /// r multiplies only the hidden side) b_ih and b_hh apart, appended in that order.
    private func biasSums(summedGates: Int) -> UnsafeMutablePointer<Float> {
        let h = hiddenSize, summed = summedGates * hiddenSize
        let bias = biasSum.buffer(count: summed + 2 * (gateWidth - summed))
        biasInputHidden.value.data.withUnsafeBufferPointer { bi in
            biasHiddenHidden.value.data.withUnsafeBufferPointer { bh in
                for j in 0..<summed { bias[j] = bi[j] + bh[j] }
                var next = summed
                for gate in stride(from: summed, to: gateWidth, by: h) {
                    for j in 0..<h {
                        bias[next + j] = bi[gate + j]
                        bias[next + h + j] = bh[gate + j]
                    }
                    next += 2 * h
                }
            }
        }
        return bias
    }

    /// Where each step's h_{t−1} · W_hhᵀ goes.
    enum RecurrentProduct {
        /// Added to the step's gates in place (LSTM: every gate takes the sum of both sides).
        case addedToGates
        /// Written to an N × GH buffer of its own, zero at the first step (GRU: r multiplies
        /// only the hidden side of n).
        case separate(UnsafeMutablePointer<Float>)
    }

    /// The time loop of `run`: for each step in processing order (time backwards when
    /// `reversed`), the recurrent product, then `step(sample, row, previousRow)` for every
    /// sample, with `row` = sample·T + time the step's row in the batch-first caches and
    /// `previousRow` the row of the state it follows (nil at the first step: zero state).
    @inline(__always)
    final func scanForward(
        gates gatesP: UnsafeMutablePointer<Float>, product: RecurrentProduct,
        step: (_ sample: Int, _ row: Int, _ previousRow: Int?) -> Void
    ) {
        let (n, t, h, g) = (batch, steps, hiddenSize, gateWidth)
        let hiddenP = hidden.buffer(count: n * t * h)
        // W_hhᵀ (H × GH) once per run: each step's small product is then untransposed, which
        // OpenBLAS runs through its small-matrix kernels without packing W_hh at every step.
        let whhT = transposedHiddenWeights.buffer(count: h * g)
        weightHiddenHidden.value.data.withUnsafeBufferPointer { whh in
            for row in 0..<g {
                for column in 0..<h { whhT[column * g + row] = whh[row * h + column] }
            }
        }
        for s in 0..<t {
            let time = timeIndex(step: s, steps: t)
            let previous = reversed ? time + 1 : time - 1
            if s > 0 {
                let (c, ldc, beta): (UnsafeMutablePointer<Float>, Int, Float) = switch product {
                case .addedToGates: (gatesP + time * g, t * g, 1)
                case .separate(let out): (out, g, 0)
                }
                BLAS.gemm(transposeA: false, transposeB: false, m: n, n: g, k: h, a: hiddenP + previous * h, lda: t * h,
                     b: whhT, ldb: g, beta: beta, c: c, ldc: ldc)
            } else if case .separate(let out) = product {
                out.update(repeating: 0, count: n * g)
            }
            for b in 0..<n { step(b, b * t + time, s > 0 ? b * t + previous : nil) }
        }
    }

    /// The time loop of `backpropagate`, last processed step first: `step(sample, row,
    /// previousRow)` for every sample (as in `scanForward`), then, except at the first step,
    /// dh_{t−1} = `hiddenSide`[:, time] · W_hh (N×GH · GH×H) into `carry` (N×H), added to what
    /// the step left there when `addsToCarry` (GRU's direct path h_{t−1} → h_t).
    @inline(__always)
    final func scanBackward(
        hiddenSide: UnsafePointer<Float>, carry: UnsafeMutablePointer<Float>, addsToCarry: Bool,
        step: (_ sample: Int, _ row: Int, _ previousRow: Int?) -> Void
    ) {
        let (n, t, h, g) = (batch, steps, hiddenSize, gateWidth)
        weightHiddenHidden.value.data.withUnsafeBufferPointer { whhBuffer in
            let whh = whhBuffer.baseAddress!
            for s in stride(from: t - 1, through: 0, by: -1) {
                let time = timeIndex(step: s, steps: t)
                let previous = reversed ? time + 1 : time - 1
                for b in 0..<n { step(b, b * t + time, s > 0 ? b * t + previous : nil) }
                if s > 0 {
                    BLAS.gemm(transposeA: false, transposeB: false, m: n, n: h, k: g, a: hiddenSide + time * g, lda: t * g,
                         b: whh, ldb: h, beta: addsToCarry ? 1 : 0, c: carry, ldc: h)
                }
            }
        }
    }

    /// The end of `backpropagate`: dW_ih += inputSideᵀ X, dW_hh += hiddenSideᵀ h_{t−1} and
    /// dX = inputSide · W_ih, from the gate pre-activation gradients (N×T×GH each). The biases
    /// are the cell's to add.
    final func addWeightGradients(
        inputSide: UnsafePointer<Float>, hiddenSide: UnsafePointer<Float>, input: UnsafePointer<Float>,
        gradInput: UnsafeMutablePointer<Float>
    ) {
        let (n, t, f, h, g) = (batch, steps, inputSize, hiddenSize, gateWidth)
        let hiddenP = hidden.buffer(count: n * t * h)
        // h_{t−1} aligned with each step (zero before the first processed step), so that
        // dW_hh is one GEMM over all N·T rows.
        let hPrevious = previousHidden.buffer(count: n * t * h)
        for b in 0..<n {
            for s in 0..<t {
                let time = timeIndex(step: s, steps: t)
                let destination = hPrevious + (b * t + time) * h
                if s == 0 {
                    destination.update(repeating: 0, count: h)
                } else {
                    let previous = reversed ? time + 1 : time - 1
                    destination.update(from: hiddenP + (b * t + previous) * h, count: h)
                }
            }
        }
        weightInputHidden.grad.data.withUnsafeMutableBufferPointer { gwih in
            BLAS.gemm(transposeA: true, transposeB: false, m: g, n: f, k: n * t, a: inputSide, lda: g, b: input, ldb: f,
                 beta: 1, c: gwih.baseAddress!, ldc: f)
        }
        weightHiddenHidden.grad.data.withUnsafeMutableBufferPointer { gwhh in
            BLAS.gemm(transposeA: true, transposeB: false, m: g, n: h, k: n * t, a: hiddenSide, lda: g, b: hPrevious, ldb: h,
                 beta: 1, c: gwhh.baseAddress!, ldc: h)
        }
        weightInputHidden.value.data.withUnsafeBufferPointer { wih in
            BLAS.gemm(transposeA: false, transposeB: false, m: n * t, n: f, k: g, a: inputSide, lda: g, b: wih.baseAddress!, ldb: f,
                 beta: 0, c: gradInput, ldc: f)
        }
    }
}
