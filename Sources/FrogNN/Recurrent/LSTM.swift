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
/// The scan (one GEMM for the input projections of all steps, h·W_hhᵀ added in place per
/// step) is `GatedRecurrentLayer`'s; this class writes the step of each sample.
public final class LSTM: GatedRecurrentLayer {
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
        super.init(
            cell: .lstm, inputSize: inputSize, hiddenSize: hiddenSize, returnSequences: returnSequences,
            reversed: reversed, rng: &rng)
    }

    // MARK: - Forward

    // Caches of the last run besides the activated gates and h: cell states c (N×T×H) and
    // tanh(c) (N×T×H).
    private let cells = Workspace()
    private let cellTanh = Workspace()

    override func run(input: UnsafePointer<Float>, batch n: Int, steps t: Int) -> UnsafePointer<Float> {
        let (h, g4) = (hiddenSize, gateWidth)
        // Both sides of every gate enter its pre-activation whole: one bias sum per gate.
        let (gatesP, hiddenP, bias) = beginRun(input, batch: n, steps: t, summedBiasGates: 4)
        let cellsP = cells.buffer(count: n * t * h), tanhP = cellTanh.buffer(count: n * t * h)
        scanForward(gates: gatesP, product: .addedToGates) { _, row, previousRow in
            let gate = gatesP + row * g4
            sigmoidInPlace(gate, bias: bias, count: 2 * h)  // i, f
            tanhInPlace(gate + 2 * h, bias: bias + 2 * h, count: h)  // g
            sigmoidInPlace(gate + 3 * h, bias: bias + 3 * h, count: h)  // o
            let c = cellsP + row * h
            let cPrevious = previousRow.map { cellsP + $0 * h }
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
        return UnsafePointer(hiddenP)
    }

    // MARK: - Backward

    /// dc carried to the previous step (N×H).
    private let gradCellNext = Workspace()

    /// Back-propagation through time. With dh the total gradient reaching h_t (from the output
    /// and from step t+1) and dc the one reaching c_t from step t+1:
    ///
    ///     dc_t  = dc + dh ⊙ o ⊙ (1 − tanh² c_t)      do = dh ⊙ tanh c_t
    ///     di = dc_t ⊙ g   df = dc_t ⊙ c_{t−1}   dg = dc_t ⊙ i   dc_{t−1} = dc_t ⊙ f
    ///     pre-activations: da_{i,f,o} = d· ⊙ σ(1 − σ),  da_g = dg ⊙ (1 − g²)
    ///     dh_{t−1} = da_t · W_hh,   dW_ih += daᵀ X,   dW_hh += daᵀ h_{t−1},   db += Σ da,   dX = da · W_ih
    override func backpropagate(
        gradHidden: UnsafePointer<Float>, input: UnsafePointer<Float>,
        gradInput: UnsafeMutablePointer<Float>
    ) {
        let (n, t, h, g4) = (batch, steps, hiddenSize, gateWidth)
        let gatesP = gates.buffer(count: n * t * g4), cellsP = cells.buffer(count: n * t * h)
        let tanhP = cellTanh.buffer(count: n * t * h)
        let da = gradInputSide.buffer(count: n * t * g4)
        let dhNext = gradHiddenNext.zeroed(count: n * h)
        let dcNext = gradCellNext.zeroed(count: n * h)
        // Both sides of every gate see the same pre-activation, so da is the gradient of both.
        scanBackward(hiddenSide: da, carry: dhNext, addsToCarry: false) { b, row, previousRow in
            let gate = gatesP + row * g4
            let dGate = da + row * g4
            let dyIn = gradHidden + row * h
            let tc = tanhP + row * h
            let cPrevious = previousRow.map { cellsP + $0 * h }
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
        addWeightGradients(inputSide: da, hiddenSide: da, input: input, gradInput: gradInput)
        // Both biases enter every gate pre-activation once, so both get Σ da.
        let biasGrad = biasSum.zeroed(count: g4)
        addColumnSums(of: da, rows: n * t, columns: g4, ones: ones.ones(count: n * t), into: biasGrad)
        for p in [biasInputHidden, biasHiddenHidden] {
            for j in 0..<g4 { p.grad.data[j] += biasGrad[j] }
        }
    }
}
