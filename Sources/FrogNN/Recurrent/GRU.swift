/// Gated recurrent unit over batch-first sequences, with PyTorch's layout and names.
///
/// Parameters (PyTorch `nn.GRU`, layer 0): `weight_ih_l0` [3H × F] and `weight_hh_l0` [3H × H]
/// with the gates stacked r, z, n; `bias_ih_l0` and `bias_hh_l0` [3H]; names end in `_reverse`
/// when `reversed`. Per step, with zero initial h (note PyTorch's placement of b_hn inside r ⊙ …):
///
///     r = σ(W_ir x + b_ir + W_hr h + b_hr)      z = σ(W_iz x + b_iz + W_hz h + b_hz)
///     n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))
///     h' = (1 − z) ⊙ n + z ⊙ h
///
/// The input projections of all steps are one GEMM; each step adds only h·W_hhᵀ.
public final class GRU: RecurrentLayer, RecurrentKernel {
    public let inputSize: Int
    public let hiddenSize: Int
    public let returnSequences: Bool
    public let reversed: Bool
    /// [3H, F], gates r, z, n.
    public let weightInputHidden: Parameter
    /// [3H, H], gates r, z, n.
    public let weightHiddenHidden: Parameter
    /// [3H]
    public let biasInputHidden: Parameter
    /// [3H]
    public let biasHiddenHidden: Parameter

    public var kind: String { reversed ? "GRU(reversed)" : "GRU" }
    public var parameters: [Parameter] {
        [weightInputHidden, weightHiddenHidden, biasInputHidden, biasHiddenHidden]
    }

    // Caches of the last run, batch-first: activated r, z, n (N×T×3H), W_hn h + b_hn (N×T×H),
    // hidden states (N×T×H); per-step scratch h·W_hhᵀ (N×3H).
    private let gates = Workspace()
    private let candidateHidden = Workspace()
    private let hidden = Workspace()
    private let stepProduct = Workspace()
    private let biasSum = Workspace()
    // Backward scratch: gradients of the input-side (N×T×3H) and hidden-side (N×T×3H)
    // pre-activations, dh carried to the previous step (N×H), aligned previous states (N×T×H).
    private let gradInputGates = Workspace()
    private let gradHiddenGates = Workspace()
    private let gradHiddenNext = Workspace()
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
        precondition(inputSize > 0 && hiddenSize > 0, "GRU: sizes must be positive")
        self.inputSize = inputSize
        self.hiddenSize = hiddenSize
        self.returnSequences = returnSequences
        self.reversed = reversed
        let suffix = recurrentNameSuffix(reversed: reversed)
        let g = 3 * hiddenSize
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
        guard let input = cachedInput else { preconditionFailure("GRU.backward before forward") }
        return sequenceBackward(gradOutput, input: input, scratch: gradOutputScratch)
    }

    // MARK: - Forward

    func run(input: UnsafePointer<Float>, batch n: Int, steps t: Int) -> UnsafePointer<Float> {
        let (f, h) = (inputSize, hiddenSize)
        let g3 = 3 * h
        batch = n
        steps = t
        let gatesP = gates.buffer(count: n * t * g3)
        let candidateP = candidateHidden.buffer(count: n * t * h)
        let hiddenP = hidden.buffer(count: n * t * h)
        let product = stepProduct.buffer(count: n * g3)
        // bias[0..<2H] = b_ih + b_hh for r and z; bias[2H..<3H] = b_in; bias[3H..<4H] = b_hn.
        let bias = biasSum.buffer(count: 4 * h)
        biasInputHidden.value.data.withUnsafeBufferPointer { bi in
            biasHiddenHidden.value.data.withUnsafeBufferPointer { bh in
                for j in 0..<(2 * h) { bias[j] = bi[j] + bh[j] }
                for j in 0..<h {
                    bias[2 * h + j] = bi[2 * h + j]
                    bias[3 * h + j] = bh[2 * h + j]
                }
            }
        }
        weightInputHidden.value.data.withUnsafeBufferPointer { wih in
            // All steps' input projections at once: gates = X · W_ihᵀ  (NT × 3H).
            BLAS.gemm(transposeA: false, transposeB: true, m: n * t, n: g3, k: f, a: input, lda: f,
                 b: wih.baseAddress!, ldb: f, beta: 0, c: gatesP, ldc: g3)
        }
        weightHiddenHidden.value.data.withUnsafeBufferPointer { whhBuffer in
            let whh = whhBuffer.baseAddress!
            for s in 0..<t {
                let time = timeIndex(step: s, steps: t)
                let previous = reversed ? time + 1 : time - 1
                if s > 0 {
                    // product = h[:, previous] · W_hhᵀ  (N × 3H); kept apart from the input side
                    // because r multiplies only its n part.
                    BLAS.gemm(transposeA: false, transposeB: true, m: n, n: g3, k: h, a: hiddenP + previous * h, lda: t * h,
                         b: whh, ldb: h, beta: 0, c: product, ldc: g3)
                } else {
                    product.update(repeating: 0, count: n * g3)
                }
                for b in 0..<n {
                    let row = b * t + time
                    let gate = gatesP + row * g3
                    let hh = product + b * g3
                    let hPrevious: UnsafeMutablePointer<Float>? = s > 0 ? hiddenP + (b * t + previous) * h : nil
                    let candidate = candidateP + row * h
                    let y = hiddenP + row * h
                    var j = 0
                    while j < 2 * h {  // r and z
                        let w = min(8, 2 * h - j)
                        store(sigmoid(load(gate + j, w) + load(hh + j, w) + load(bias + j, w)), gate + j, w)
                        j += 8
                    }
                    j = 0
                    while j < h {
                        let w = min(8, h - j)
                        let r = load(gate + j, w)
                        let z = load(gate + h + j, w)
                        let hn = load(hh + 2 * h + j, w) + load(bias + 3 * h + j, w)
                        let nv = hyperbolicTangent(load(gate + 2 * h + j, w) + load(bias + 2 * h + j, w) + r * hn)
                        let hp = hPrevious.map { load($0 + j, w) } ?? Vector8()
                        store(hn, candidate + j, w)
                        store(nv, gate + 2 * h + j, w)
                        store(nv + z * (hp - nv), y + j, w)
                        j += 8
                    }
                }
            }
        }
        return UnsafePointer(hiddenP)
    }

    // MARK: - Backward

    /// Back-propagation through time. With dh the total gradient reaching h_t and hn = W_hn h + b_hn:
    ///
    ///     dn = dh ⊙ (1 − z)      dz = dh ⊙ (h_{t−1} − n)      da_n = dn ⊙ (1 − n²)
    ///     da_r = da_n ⊙ hn ⊙ r(1 − r)      da_z = dz ⊙ z(1 − z)
    ///     input side  [da_r, da_z, da_n]     → dW_ih, db_ih, dX
    ///     hidden side [da_r, da_z, da_n ⊙ r] → dW_hh, db_hh, and dh_{t−1} = dh ⊙ z + (hidden side) · W_hh
    func backpropagate(
        gradHidden: UnsafePointer<Float>, input: UnsafePointer<Float>,
        gradInput: UnsafeMutablePointer<Float>
    ) {
        let (n, t, f, h) = (batch, steps, inputSize, hiddenSize)
        let g3 = 3 * h
        let gatesP = gates.buffer(count: n * t * g3), candidateP = candidateHidden.buffer(count: n * t * h)
        let hiddenP = hidden.buffer(count: n * t * h)
        let dx = gradInputGates.buffer(count: n * t * g3)
        let dhh = gradHiddenGates.buffer(count: n * t * g3)
        let dhNext = gradHiddenNext.zeroed(count: n * h)
        weightHiddenHidden.value.data.withUnsafeBufferPointer { whhBuffer in
            let whh = whhBuffer.baseAddress!
            for s in stride(from: t - 1, through: 0, by: -1) {
                let time = timeIndex(step: s, steps: t)
                let previous = reversed ? time + 1 : time - 1
                for b in 0..<n {
                    let row = b * t + time
                    let gate = gatesP + row * g3
                    let candidate = candidateP + row * h
                    let dxRow = dx + row * g3
                    let dhhRow = dhh + row * g3
                    let dyIn = gradHidden + row * h
                    let dhRow = dhNext + b * h
                    let hPrevious: UnsafeMutablePointer<Float>? = s > 0 ? hiddenP + (b * t + previous) * h : nil
                    var j = 0
                    while j < h {
                        let w = min(8, h - j)
                        let r = load(gate + j, w)
                        let z = load(gate + h + j, w)
                        let nv = load(gate + 2 * h + j, w)
                        let hn = load(candidate + j, w)
                        let hp = hPrevious.map { load($0 + j, w) } ?? Vector8()
                        let dh = load(dyIn + j, w) + load(dhRow + j, w)
                        let dan = dh * (1 - z) * (1 - nv * nv)
                        let dar = dan * hn * r * (1 - r)
                        let daz = dh * (hp - nv) * z * (1 - z)
                        store(dar, dxRow + j, w)
                        store(daz, dxRow + h + j, w)
                        store(dan, dxRow + 2 * h + j, w)
                        store(dar, dhhRow + j, w)
                        store(daz, dhhRow + h + j, w)
                        store(dan * r, dhhRow + 2 * h + j, w)
                        store(dh * z, dhRow + j, w)  // the direct path h_{t−1} → h_t
                        j += 8
                    }
                }
                if s > 0 {
                    // dh_{previous} = dh ⊙ z + dhh[:, time] · W_hh  (N×3H · 3H×H)
                    BLAS.gemm(transposeA: false, transposeB: false, m: n, n: h, k: g3, a: dhh + time * g3, lda: t * g3, b: whh, ldb: h,
                         beta: 1, c: dhNext, ldc: h)
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
            BLAS.gemm(transposeA: true, transposeB: false, m: g3, n: f, k: n * t, a: dx, lda: g3, b: input, ldb: f,
                 beta: 1, c: gwih.baseAddress!, ldc: f)
        }
        weightHiddenHidden.grad.data.withUnsafeMutableBufferPointer { gwhh in
            BLAS.gemm(transposeA: true, transposeB: false, m: g3, n: h, k: n * t, a: dhh, lda: g3, b: hPrevious, ldb: h,
                 beta: 1, c: gwhh.baseAddress!, ldc: h)
        }
        biasInputHidden.grad.data.withUnsafeMutableBufferPointer { gb in
            addColumnSums(of: dx, rows: n * t, columns: g3, ones: ones.ones(count: n * t), into: gb.baseAddress!)
        }
        biasHiddenHidden.grad.data.withUnsafeMutableBufferPointer { gb in
            addColumnSums(of: dhh, rows: n * t, columns: g3, ones: ones.buffer(count: n * t), into: gb.baseAddress!)
        }
        weightInputHidden.value.data.withUnsafeBufferPointer { wih in
            BLAS.gemm(transposeA: false, transposeB: false, m: n * t, n: f, k: g3, a: dx, lda: g3, b: wih.baseAddress!, ldb: f,
                 beta: 0, c: gradInput, ldc: f)
        }
    }
}
