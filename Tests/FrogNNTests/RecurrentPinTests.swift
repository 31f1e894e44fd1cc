import FrogNN
import XCTest

/// Bit-exact pins of the recurrent layers' forward and backward passes, recorded before LSTM and
/// GRU shared their scan (issue 20 item 6): a refactor of the scaffolding must not move a bit.
/// Each pin is an FNV-1a hash of the output, the input gradient and every parameter gradient.
/// GEMM rounding differs between OpenBLAS's kernels, so the pins are kept per kernel family
/// (`BLASKernels.selection.used`); the non-Haswell ones were recorded from the code that
/// matches the Haswell pins.
final class RecurrentPinTests: XCTestCase {
    private func hash(_ layer: Layer, batch: Int, steps: Int, features: Int, seed: UInt64) -> UInt64 {
        let input = TestData.normal([batch, steps, features], seed: seed, scale: 0.5)
        let output = layer.forward(input, training: true)
        let gradInput = layer.backward(TestData.normal(output.shape, seed: seed + 1))
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for value in output.data + gradInput.data + layer.parameters.flatMap(\.grad.data) {
            hash = (hash ^ UInt64(value.bitPattern)) &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    func testForwardAndBackwardMatchRecordedBits() throws {
        let kernels = BLASKernels.selection.used
        guard let recorded = Self.recorded[kernels] else {
            throw XCTSkip("no pins recorded for OpenBLAS's \(kernels) kernels")
        }
        var actual: [String: UInt64] = [:]
        for (sequences, reversed) in [(true, false), (false, true)] {
            let suffix = "\(sequences ? "sequences" : "last")\(reversed ? "_reversed" : "")"
            var rng = SeededRNG(seed: 90)
            actual["lstm_" + suffix] = hash(
                LSTM(inputSize: 3, hiddenSize: 11, returnSequences: sequences, reversed: reversed, rng: &rng),
                batch: 2, steps: 5, features: 3, seed: 91)
            actual["gru_" + suffix] = hash(
                GRU(inputSize: 3, hiddenSize: 11, returnSequences: sequences, reversed: reversed, rng: &rng),
                batch: 2, steps: 5, features: 3, seed: 93)
        }
        for cell in RecurrentCell.allCases {
            var rng = SeededRNG(seed: 95)
            actual["bidirectional_" + cell.rawValue] = hash(
                Bidirectional(cell: cell, inputSize: 4, hiddenSize: 9, threadCount: 2, rng: &rng),
                batch: 3, steps: 6, features: 4, seed: 96)
        }
        for (name, value) in actual.sorted(by: { $0.key < $1.key }) {
            XCTAssertEqual(value, recorded[name], "\(kernels): \"\(name)\": 0x\(String(value, radix: 16)),")
        }
    }

    /// Haswell's AVX2 kernels are also OpenBLAS's "Zen" kernels.
    private static let haswell: [String: UInt64] = [
        "bidirectional_gru": 0xd94532c2af7c6b61,
        "bidirectional_lstm": 0x94b20f8d92b11794,
        "gru_last_reversed": 0xe5fc21408cb445f7,
        "gru_sequences": 0xc2189c076ce3eb7b,
        "lstm_last_reversed": 0x8ad33aaac2a8457b,
        "lstm_sequences": 0x85f0e6ca71d66de4,
    ]

    private static let recorded: [String: [String: UInt64]] = [
        "Haswell": haswell,
        "Zen": haswell,
        "SkylakeX": [
            "bidirectional_gru": 0xef37f966483db35e,
            "bidirectional_lstm": 0x63ae5bf7525aed84,
            "gru_last_reversed": 0x64dbad90dded0176,
            "gru_sequences": 0x5824822152039481,
            "lstm_last_reversed": 0x221ff48ced801f56,
            "lstm_sequences": 0x53532bead661cbb5,
        ],
    ]
}
