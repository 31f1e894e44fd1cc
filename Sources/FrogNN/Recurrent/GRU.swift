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
/// The scan (one GEMM for the input projections of all steps, h·W_hhᵀ per step) is
/// `GatedRecurrentLayer`'s; this class writes the step of each sample.
public final class GRU: GatedRecurrentLayer {
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
            cell: .gru, inputSize: inputSize, hiddenSize: hiddenSize, returnSequences: returnSequences,
            reversed: reversed, rng: &rng)
    }

    // MARK: - Forward

    // Caches of the last run besides the gates (activated r, z, n) and h: W_hn h + b_hn
    // (N×T×H); per-step scratch h·W_hhᵀ (N×3H).
    private let candidateHidden = Workspace()
    private let stepProduct = Workspace()

    override func run(input: UnsafePointer<Float>, batch n: Int, steps t: Int) -> UnsafePointer<Float> {
        let (h, g3) = (hiddenSize, gateWidth)
        // bias[0..<2H] = b_ih + b_hh for r and z; bias[2H..<3H] = b_in; bias[3H..<4H] = b_hn.
        let (gatesP, hiddenP, bias) = beginRun(input, batch: n, steps: t, summedBiasGates: 2)
        let candidateP = candidateHidden.buffer(count: n * t * h), product = stepProduct.buffer(count: n * g3)
        // h·W_hhᵀ is kept apart from the input side because r multiplies only its n part.
        scanForward(gates: gatesP, product: .separate(product)) { b, row, previousRow in
            let gate = gatesP + row * g3
            let hh = product + b * g3
            let hPrevious = previousRow.map { hiddenP + $0 * h }
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
        return UnsafePointer(hiddenP)
    }

    // MARK: - Backward

    /// Gradients of the hidden-side gate pre-activations (N×T×3H): r scales n's.
    private let gradHiddenGates = Workspace()

    /// Back-propagation through time. With dh the total gradient reaching h_t and hn = W_hn h + b_hn:
    ///
    ///     dn = dh ⊙ (1 − z)      dz = dh ⊙ (h_{t−1} − n)      da_n = dn ⊙ (1 − n²)
    ///     da_r = da_n ⊙ hn ⊙ r(1 − r)      da_z = dz ⊙ z(1 − z)
    ///     input side  [da_r, da_z, da_n]     → dW_ih, db_ih, dX
    ///     hidden side [da_r, da_z, da_n ⊙ r] → dW_hh, db_hh, and dh_{t−1} = dh ⊙ z + (hidden side) · W_hh
    override func backpropagate(
        gradHidden: UnsafePointer<Float>, input: UnsafePointer<Float>,
        gradInput: UnsafeMutablePointer<Float>
    ) {
        let (n, t, h, g3) = (batch, steps, hiddenSize, gateWidth)
        let gatesP = gates.buffer(count: n * t * g3), candidateP = candidateHidden.buffer(count: n * t * h)
        let hiddenP = hidden.buffer(count: n * t * h)
        let dx = gradInputSide.buffer(count: n * t * g3)
        let dhh = gradHiddenGates.buffer(count: n * t * g3)
        let dhNext = gradHiddenNext.zeroed(count: n * h)
        scanBackward(hiddenSide: dhh, carry: dhNext, addsToCarry: true) { b, row, previousRow in
            let gate = gatesP + row * g3
            let candidate = candidateP + row * h
            let dxRow = dx + row * g3
            let dhhRow = dhh + row * g3
            let dyIn = gradHidden + row * h
            let dhRow = dhNext + b * h
            let hPrevious = previousRow.map { hiddenP + $0 * h }
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
        addWeightGradients(inputSide: dx, hiddenSide: dhh, input: input, gradInput: gradInput)
        biasInputHidden.grad.data.withUnsafeMutableBufferPointer { gb in
            addColumnSums(of: dx, rows: n * t, columns: g3, ones: ones.ones(count: n * t), into: gb.baseAddress!)
        }
        biasHiddenHidden.grad.data.withUnsafeMutableBufferPointer { gb in
            addColumnSums(of: dhh, rows: n * t, columns: g3, ones: ones.buffer(count: n * t), into: gb.baseAddress!)
        }
    }
}
