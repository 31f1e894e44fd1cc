import FrogNN
import FrogTestSupport
import XCTest

/// Finite-difference checks of every recurrent layer's input and parameter gradients.
final class RecurrentGradientTests: XCTestCase {
    /// A random N×T×F input in (−1, 1): small enough that the gates stay off saturation, where
    /// central differences would lose their accuracy.
    private func sequence(batch: Int, steps: Int, features: Int, seed: UInt64) -> Tensor {
        var rng = SeededRNG(seed: seed)
        let count = batch * steps * features
        return Tensor(shape: [batch, steps, features], data: (0..<count).map { _ in rng.uniform(-1, 1) })
    }

    // Recurrences over 6 steps compound the Float32 rounding of the loss; ε = 1e-2 keeps the
    // truncation error (O(ε²) times the third derivative, ≲ 1e-4 here) below the default
    // 2e-2 relative tolerance of GradientCheck, as does its rounding error O(ulp(L)/ε).

    func testLSTMSequencesGradients() {
        var rng = SeededRNG(seed: 1)
        let layer = LSTM(inputSize: 3, hiddenSize: 5, returnSequences: true, rng: &rng)
        GradientCheck.check(layer, input: sequence(batch: 2, steps: 6, features: 3, seed: 2))
    }

    func testLSTMLastStateReversedGradients() {
        var rng = SeededRNG(seed: 3)
        let layer = LSTM(inputSize: 4, hiddenSize: 3, returnSequences: false, reversed: true, rng: &rng)
        GradientCheck.check(layer, input: sequence(batch: 2, steps: 5, features: 4, seed: 4))
    }

    func testGRUSequencesGradients() {
        var rng = SeededRNG(seed: 5)
        let layer = GRU(inputSize: 3, hiddenSize: 5, returnSequences: true, rng: &rng)
        GradientCheck.check(layer, input: sequence(batch: 2, steps: 6, features: 3, seed: 6))
    }

    func testGRULastStateReversedGradients() {
        var rng = SeededRNG(seed: 7)
        let layer = GRU(inputSize: 4, hiddenSize: 3, returnSequences: false, reversed: true, rng: &rng)
        GradientCheck.check(layer, input: sequence(batch: 2, steps: 5, features: 4, seed: 8))
    }

    func testBidirectionalLSTMGradients() {
        for (returnSequences, concurrent) in [(true, false), (false, true)] {
            var rng = SeededRNG(seed: 9)
            let layer = Bidirectional(
                cell: .lstm, inputSize: 3, hiddenSize: 4, returnSequences: returnSequences,
                threadCount: concurrent ? 2 : 1, rng: &rng)
            GradientCheck.check(layer, input: sequence(batch: 2, steps: 6, features: 3, seed: 10))
        }
    }

    func testBidirectionalGRUGradients() {
        for (returnSequences, concurrent) in [(true, true), (false, false)] {
            var rng = SeededRNG(seed: 11)
            let layer = Bidirectional(
                cell: .gru, inputSize: 3, hiddenSize: 4, returnSequences: returnSequences,
                threadCount: concurrent ? 2 : 1, rng: &rng)
            GradientCheck.check(layer, input: sequence(batch: 2, steps: 6, features: 3, seed: 12))
        }
    }

    // Hidden sizes that are not multiples of the 8-lane kernels exercise the partial tails;
    // 11 = 8 + 3 covers a full vector and a tail in one row.
    func testOddHiddenSizeTails() {
        var rng = SeededRNG(seed: 13)
        let lstm = LSTM(inputSize: 2, hiddenSize: 11, rng: &rng)
        GradientCheck.check(lstm, input: sequence(batch: 1, steps: 5, features: 2, seed: 14))
        let gru = GRU(inputSize: 2, hiddenSize: 11, rng: &rng)
        GradientCheck.check(gru, input: sequence(batch: 1, steps: 5, features: 2, seed: 15))
    }

    func testSequencePoolGradients() {
        for mode in SequencePoolMode.allCases {
            // Max pooling: the distinct random values are ≥ 1e-3 apart in practice at this size,
            // far more than ε, so no perturbation flips the winning step.
            let layer = SequencePool(mode: mode)
            GradientCheck.check(layer, input: sequence(batch: 2, steps: 5, features: 3, seed: 16), epsilon: 1e-4)
        }
    }
}
