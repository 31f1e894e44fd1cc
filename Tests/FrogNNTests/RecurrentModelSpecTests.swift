import Foundation
import FrogNN
import XCTest

/// The recurrent layer types through `ModelSpec` JSON and `ModelBuilder`.
final class RecurrentModelSpecTests: XCTestCase {
    private func spec(_ json: String) throws -> ModelSpec {
        try JSONDecoder().decode(ModelSpec.self, from: Data(json.utf8))
    }

    func testReferenceBiRNNSpecBuildsWithPyTorchNames() throws {
        let model = try ModelBuilder.build(
            spec("""
                {"input": [12, 4], "layers": [
                  {"type": "bidirectional", "cell": "gru", "units": 6},
                  {"type": "sequence_pool", "mode": "max"},
                  {"type": "dense", "units": 3}]}
                """), seed: 5)
        XCTAssertEqual(model.outputShape(for: [12, 4]), [3])
        XCTAssertEqual(
            model.namedParameters.map(\.name).prefix(8),
            ["layers.0.weight_ih_l0", "layers.0.weight_hh_l0", "layers.0.bias_ih_l0", "layers.0.bias_hh_l0",
             "layers.0.weight_ih_l0_reverse", "layers.0.weight_hh_l0_reverse", "layers.0.bias_ih_l0_reverse",
             "layers.0.bias_hh_l0_reverse"])
        XCTAssertEqual(model.namedParameters[0].parameter.value.shape, [18, 4])
        let out = model.forward(Tensor(zeros: [2, 12, 4]), training: false)
        XCTAssertEqual(out.shape, [2, 3])
    }

    func testStackedUnidirectionalLayersAndLastState() throws {
        let model = try ModelBuilder.build(
            spec("""
                {"input": [7, 3], "layers": [
                  {"type": "lstm", "units": 5},
                  {"type": "gru", "units": 4, "returnSequences": false}]}
                """), seed: 6)
        XCTAssertEqual(model.outputShape(for: [7, 3]), [4])
        XCTAssertEqual(model.forward(Tensor(zeros: [2, 7, 3]), training: true).shape, [2, 4])
    }

    func testInvalidRecurrentSpecsAreRejected() throws {
        let bad = [
            #"{"input": [1, 8, 8], "layers": [{"type": "lstm", "units": 4}]}"#,  // image input
            #"{"input": [8, 3], "layers": [{"type": "gru"}]}"#,  // no units
            #"{"input": [8, 3], "layers": [{"type": "bidirectional", "cell": "rnn", "units": 2}]}"#,
            #"{"input": [8, 3], "layers": [{"type": "sequence_pool", "mode": "median"}]}"#,
        ]
        for json in bad {
            XCTAssertThrowsError(try ModelBuilder.build(spec(json), seed: 1), json)
        }
    }
}
