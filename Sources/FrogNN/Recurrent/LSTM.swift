/// Long short-term memory over batch-first sequences, with PyTorch's layout and names.
///
/// Parameters (PyTorch `nn.LSTM`, layer 0): `weight_ih_l0` [4H × F] and `weight_hh_l0` [4H × H]
/// with the gates stacked i, f, g, o; `bias_ih_l0` and `bias_hh_l0` [4H]; names end in
/// `_reverse` when `reversed`. Per step, with zero initial h and c:
///
///     i = σ(W_ii x + b_ii + W_hi h + b_hi)    f = σ(W_if x + b_if + W_hf h + b_hf)
///     g = tanh(W_ig x + b_ig + W_hg h + b_hg) o = σ(W_io x + b_io + W_ho h + b_ho)
///     c' = f ⊙ c + i ⊙ g                      h' = o ⊙ tanh(c')
///
/// The input projections of all steps are one GEMM; each step adds only h·W_hhᵀ.
public final class LSTM: RecurrentLayer, RecurrentKernel {
    public let inputSize: Int
    public let hiddenSize: Int
    public let returnSequences: Bool
    public let reversed: Bool
    /// [4H, F], gates i, f, g, o.
    public let weightInputHidden: Parameter
    /// [4H, H], gates i, f, g, o.
    public let weightHiddenHidden: Parameter
    /// [4H]
    public let biasInputHidden: Parameter
    /// [4H]
    public let biasHiddenHidden: Parameter

    public var kind: String { reversed ? "LSTM(reversed)" : "LSTM" }
    public var parameters: [Parameter] {
        [weightInputHidden, weightHiddenHidden, biasInputHidden, biasHiddenHidden]
    }

    // Caches of the last run, batch-first: activated gates (N×T×4H), cell states c (N×T×H),
    // tanh(c) (N×T×H) and hidden states h (N×T×H).
    private let gates = Workspace()
    private let cells = Workspace()
    private let cellTanh = Workspace()
    private let hidden = Workspace()
    private let biasSum = Workspace()
    // Backward scratch: gate pre-activation gradients (N×T×4H), dh and dc carried to the
    // previous step (N×H each), previous hidden states aligned with each step (N×T×H).
    private let gradGates = Workspace()
    private let gradHiddenNext = Workspace()
    private let gradCellNext = Workspace()
    private let previousHidden = Workspace()
    private let gradOutputScratch = Workspace()
    private let ones = Workspace()
    private var cachedInput: Tensor?
    private var batch = 0
    private var steps = 0

    /// - Parameters:
    ///   - inputSize: F, features per step.
    ///   - hiddenSize: H, the state size.
    ///   - returnSequences: output N×T×H (true) or the final state N×H (false).
    ///   - reversed: run time backwards (the second half of a `Bidirectional`).
    ///   - rng: initialises every parameter uniform in (−1/√H, 1/√H), as PyTorch does.
    public init(
        inputSize: Int, hiddenSize: Int, returnSequences: Bool = true, reversed: Bool = false,
        rng: inout SeededRNG
    ) {
        precondition(inputSize > 0 && hiddenSize > 0, "LSTM: sizes must be positive")
        self.inputSize = inputSize
        self.hiddenSize = hiddenSize
        self.returnSequences = returnSequences
        self.reversed = reversed
        let suffix = recurrentNameSuffix(reversed: reversed)
        let g = 4 * hiddenSize
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
        guard let input = cachedInput else { preconditionFailure("LSTM.backward before forward") }
        return sequenceBackward(gradOutput, input: input, scratch: gradOutputScratch)
    }

    // MARK: - Forward

    func run(input: UnsafePointer<Float>, batch n: Int, steps t: Int) -> UnsafePointer<Float> {
        let (f, h) = (inputSize, hiddenSize)
        let g4 = 4 * h
        batch = n
        steps = t
        let gatesP = gates.buffer(count: n * t * g4)
        let cellsP = cells.buffer(count: n * t * h)
        let tanhP = cellTanh.buffer(count: n * t * h)
        let hiddenP = hidden.buffer(count: n * t * h)
        let bias = biasSum.buffer(count: g4)
        biasInputHidden.value.data.withUnsafeBufferPointer { bi in
            biasHiddenHidden.value.data.withUnsafeBufferPointer { bh in
                for j in 0..<g4 { bias[j] = bi[j] + bh[j] }
            }
        }
        weightInputHidden.value.data.withUnsafeBufferPointer { wih in
            // All steps' input projections at once: gates = X · W_ihᵀ  (NT × 4H).
            BLAS.gemm(transposeA: false, transposeB: true, m: n * t, n: g4, k: f, a: input, lda: f,
                 b: wih.baseAddress!, ldb: f, beta: 0, c: gatesP, ldc: g4)
        }
        weightHiddenHidden.value.data.withUnsafeBufferPointer { whhBuffer in
            let whh = whhBuffer.baseAddress!
            for s in 0..<t {
                let time = timeIndex(step: s, steps: t)
                let previous = reversed ? time + 1 : time - 1
                if s > 0 {
                    // gates[:, time] += h[:, previous] · W_hhᵀ, in place in the batch-first buffers.
                    BLAS.gemm(transposeA: false, transposeB: true, m: n, n: g4, k: h, a: hiddenP + previous * h, lda: t * h,
                         b: whh, ldb: h, beta: 1, c: gatesP + time * g4, ldc: t * g4)
                }
                for b in 0..<n {
                    let row = b * t + time
                    let gate = gatesP + row * g4
                    sigmoidInPlace(gate, bias: bias, count: 2 * h)  // i, f
                    tanhInPlace(gate + 2 * h, bias: bias + 2 * h, count: h)  // g
                    sigmoidInPlace(gate + 3 * h, bias: bias + 3 * h, count: h)  // o
                    let c = cellsP + row * h
                    let cPrevious: UnsafeMutablePointer<Float>? = s > 0 ? cellsP + (b * t + previous) * h : nil
                    let tc = tanhP + row * h
                    let y = hiddenP + row * h
                    var j = 0
                    while j < h {
                        let w = min(8, h - j)
                        let i = load(gate + j, w)
                        let fg = load(gate + h + j, w)
                        let gg = load(gate + 2 * h + j, w)
                        let o = load(gate + 3 * h + j, w)
                        var cv = i * gg
                        if let cp = cPrevious { cv += fg * load(cp + j, w) }
                        let tv = hyperbolicTangent(cv)
                        store(cv, c + j, w)
                        store(tv, tc + j, w)
                        store(o * tv, y + j, w)
                        j += 8
                    }
                }
            }
        }
        return UnsafePointer(hiddenP)
    }

    // MARK: - Backward

    /// Back-propagation through time. With dh the total gradient reaching h_t (from the output
    /// and from step t+1) and dc the one reaching c_t from step t+1:
    ///
    ///     dc_t  = dc + dh ⊙ o ⊙ (1 − tanh² c_t)      do = dh ⊙ tanh c_t
    ///     di = dc_t ⊙ g   df = dc_t ⊙ c_{t−1}   dg = dc_t ⊙ i   dc_{t−1} = dc_t ⊙ f
    ///     pre-activations: da_{i,f,o} = d· ⊙ σ(1 − σ),  da_g = dg ⊙ (1 − g²)
    ///     dh_{t−1} = da_t · W_hh,   dW_ih += daᵀ X,   dW_hh += daᵀ h_{t−1},   db += Σ da,   dX = da · W_ih
    func backpropagate(
        gradHidden: UnsafePointer<Float>, input: UnsafePointer<Float>,
        gradInput: UnsafeMutablePointer<Float>
    ) {
        let (n, t, f, h) = (batch, steps, inputSize, hiddenSize)
        let g4 = 4 * h
        let gatesP = gates.buffer(count: n * t * g4), cellsP = cells.buffer(count: n * t * h)
        let tanhP = cellTanh.buffer(count: n * t * h), hiddenP = hidden.buffer(count: n * t * h)
        let da = gradGates.buffer(count: n * t * g4)
        let dhNext = gradHiddenNext.zeroed(count: n * h)
        let dcNext = gradCellNext.zeroed(count: n * h)
        weightHiddenHidden.value.data.withUnsafeBufferPointer { whhBuffer in
            let whh = whhBuffer.baseAddress!
            for s in stride(from: t - 1, through: 0, by: -1) {
                let time = timeIndex(step: s, steps: t)
                let previous = reversed ? time + 1 : time - 1
                for b in 0..<n {
                    let row = b * t + time
                    let gate = gatesP + row * g4
                    let dGate = da + row * g4
                    let dyIn = gradHidden + row * h
                    let tc = tanhP + row * h
                    let cPrevious: UnsafeMutablePointer<Float>? = s > 0 ? cellsP + (b * t + previous) * h : nil
                    let dhRow = dhNext + b * h
                    let dcRow = dcNext + b * h
                    var j = 0
                    while j < h {
                        let w = min(8, h - j)
                        let i = load(gate + j, w)
                        let fg = load(gate + h + j, w)
                        let gg = load(gate + 2 * h + j, w)
                        let o = load(gate + 3 * h + j, w)
                        let tv = load(tc + j, w)
                        let dh = load(dyIn + j, w) + load(dhRow + j, w)
                        let dc = load(dcRow + j, w) + dh * o * (1 - tv * tv)
                        let dOut = dh * tv
                        let cp = cPrevious.map { load($0 + j, w) } ?? Vector8()
                        store(dc * gg * i * (1 - i), dGate + j, w)
                        store(dc * cp * fg * (1 - fg), dGate + h + j, w)
                        store(dc * i * (1 - gg * gg), dGate + 2 * h + j, w)
                        store(dOut * o * (1 - o), dGate + 3 * h + j, w)
                        store(dc * fg, dcRow + j, w)
                        j += 8
                    }
                }
                if s > 0 {
                    // dh_{previous} = da[:, time] · W_hh  (N×4H · 4H×H)
                    BLAS.gemm(transposeA: false, transposeB: false, m: n, n: h, k: g4, a: da + time * g4, lda: t * g4, b: whh, ldb: h,
                         beta: 0, c: dhNext, ldc: h)
                }
            }
        }
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
            BLAS.gemm(transposeA: true, transposeB: false, m: g4, n: f, k: n * t, a: da, lda: g4, b: input, ldb: f,
                 beta: 1, c: gwih.baseAddress!, ldc: f)
        }
        weightHiddenHidden.grad.data.withUnsafeMutableBufferPointer { gwhh in
            BLAS.gemm(transposeA: true, transposeB: false, m: g4, n: h, k: n * t, a: da, lda: g4, b: hPrevious, ldb: h,
                 beta: 1, c: gwhh.baseAddress!, ldc: h)
        }
        // Both biases enter every gate pre-activation once, so both get Σ da.
        let biasGrad = biasSum.zeroed(count: g4)
        addColumnSums(of: da, rows: n * t, columns: g4, ones: ones.ones(count: n * t), into: biasGrad)
        for p in [biasInputHidden, biasHiddenHidden] {
            for j in 0..<g4 { p.grad.data[j] += biasGrad[j] }
        }
        weightInputHidden.value.data.withUnsafeBufferPointer { wih in
            BLAS.gemm(transposeA: false, transposeB: false, m: n * t, n: f, k: g4, a: da, lda: g4, b: wih.baseAddress!, ldb: f,
                 beta: 0, c: gradInput, ldc: f)
        }
    }
}
