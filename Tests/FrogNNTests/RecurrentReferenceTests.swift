import Foundation
import FrogNN
import FrogTestSupport
import XCTest

/// Bidirectional LSTM and GRU against PyTorch: the same weights must give the same outputs and
/// gradients (fixtures from `Tests/Fixtures/generate/nn_recurrent_fixtures.py`).
final class RecurrentReferenceTests: XCTestCase {
    private struct StoredTensor: Decodable {
        var shape: [Int]
        var data: [Float]
        var tensor: Tensor { Tensor(shape: shape, data: data) }
    }

    private struct Expected: Decodable {
        var output: StoredTensor
        var grad_input: StoredTensor
        var grad_parameters: [String: StoredTensor]
    }

    private struct Fixture: Decodable {
        var sizes: [String: Int]
        var input: StoredTensor
        var probe_sequence: StoredTensor
        var probe_last: StoredTensor
        var parameters: [String: StoredTensor]
        var sequence: Expected
        var last: Expected
    }

    private func loadFixture(_ name: String) throws -> Fixture {
        let url = Bundle.module.resourceURL!.appendingPathComponent("Fixtures/recurrent/\(name).json")
        return try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
    }

    // Tolerances: outputs are O(1) and were measured within 1e-7 of PyTorch (the 8-lane exp/tanh
    // and a different summation order cost a few ulps per step over 7 steps); 1e-6 leaves 10×
    // headroom. Gradients sum N·T = 21 such terms per weight (measured ≤ 7e-7), hence 5e-6.
    private let outputTolerance: Float = 1e-6
    private let gradientTolerance: Float = 5e-6

    private func check(cell: RecurrentCell, fixture name: String) throws {
        let fixture = try loadFixture(name)
        for returnSequences in [true, false] {
            var rng = SeededRNG(seed: 0)
            let layer = Bidirectional(
                cell: cell, inputSize: fixture.sizes["features"]!, hiddenSize: fixture.sizes["hidden"]!,
                returnSequences: returnSequences, rng: &rng)
            XCTAssertEqual(Set(layer.parameters.map(\.name)), Set(fixture.parameters.keys), "PyTorch names")
            for p in layer.parameters {
                let stored = try XCTUnwrap(fixture.parameters[p.name])
                XCTAssertEqual(p.value.shape, stored.shape, p.name)
                p.value = stored.tensor
            }
            let expected = returnSequences ? fixture.sequence : fixture.last
            let probe = returnSequences ? fixture.probe_sequence : fixture.probe_last
            let mode = "\(name) returnSequences=\(returnSequences)"

            let output = layer.forward(fixture.input.tensor, training: true)
            XCTAssertEqual(output.shape, expected.output.shape, mode)
            assertClose(output.data, expected.output.data, atol: outputTolerance, "output \(mode)")

            let gradInput = layer.backward(probe.tensor)
            assertClose(gradInput.data, expected.grad_input.data, atol: gradientTolerance, "d/dinput \(mode)")
            for p in layer.parameters {
                let stored = try XCTUnwrap(expected.grad_parameters[p.name])
                assertClose(p.grad.data, stored.data, atol: gradientTolerance, "d/d\(p.name) \(mode)")
            }
        }
    }

    func testBidirectionalLSTMMatchesPyTorch() throws {
        try check(cell: .lstm, fixture: "bilstm")
    }

    func testBidirectionalGRUMatchesPyTorch() throws {
        try check(cell: .gru, fixture: "bigru")
    }

    /// The concurrent path must give bit-identical results: each direction owns its buffers and
    /// the input gradients are summed in a fixed order after both finish.
    func testConcurrentDirectionsAreIdentical() {
        var rngA = SeededRNG(seed: 21), rngB = SeededRNG(seed: 21), data = SeededRNG(seed: 22)
        let serial = Bidirectional(cell: .gru, inputSize: 6, hiddenSize: 10, rng: &rngA)
        let parallel = Bidirectional(cell: .gru, inputSize: 6, hiddenSize: 10, threadCount: 2, rng: &rngB)
        let x = Tensor(shape: [4, 9, 6], data: (0..<(4 * 9 * 6)).map { _ in data.normal() })
        let g = Tensor(shape: [4, 9, 20], data: (0..<(4 * 9 * 20)).map { _ in data.normal() })
        XCTAssertEqual(serial.forward(x, training: true), parallel.forward(x, training: true))
        XCTAssertEqual(serial.backward(g), parallel.backward(g))
        for (a, b) in zip(serial.parameters, parallel.parameters) { XCTAssertEqual(a.grad, b.grad, a.name) }
    }
}
