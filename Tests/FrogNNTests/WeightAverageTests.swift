import FrogNN
import XCTest

final class WeightAverageTests: XCTestCase {
    private func model() -> Sequential {
        let dense = Dense(inputFeatures: 3, outputFeatures: 2)
        TestData.randomize(dense, seed: 5)
        return Sequential(layers: [dense, BatchNorm(features: 2)])
    }

    private func setWeights(_ model: Sequential, _ value: Float) throws {
        try model.loadWeights(from: SafeTensorsFile(weights: model.namedTensors.map { named in
            NamedTensor(name: named.name, tensor: Tensor(shape: named.tensor.shape, data: [Float](repeating: value, count: named.tensor.count)))
        }))
    }

    /// Hand-computed: decays min(0.9, (1+n)/(10+n)) are 0.1, 0.1818…, 0.25 for n = 0, 1, 2, and
    /// the average follows a ← d·a + (1 − d)·w for weights 1, 2, 3 (buffers too).
    func testUpdatesFollowTheWarmUpDecay() throws {
        let network = model()
        try setWeights(network, 0)
        let average = WeightAverage(model: network, decay: 0.9)
        var expected: Float = 0
        for (step, value) in [Float(1), 2, 3].enumerated() {
            let d = min(Float(0.9), Float(1 + step) / Float(10 + step))
            XCTAssertEqual(average.currentDecay, d, accuracy: 1e-7)
            try setWeights(network, value)
            average.update(from: network)
            expected = d * expected + (1 - d) * value
        }
        XCTAssertEqual(average.updates, 3)
        // By hand: 0.1·0 + 0.9·1 = 0.9; (2/11)·0.9 + (9/11)·2 = 1.8; 0.25·1.8 + 0.75·3 = 2.7.
        XCTAssertEqual(expected, 2.7, accuracy: 1e-6)
        for named in average.tensors {
            for v in named.tensor.data { XCTAssertEqual(v, expected, accuracy: 1e-6, named.name) }
        }
        // Long run: the decay settles at 0.9.
        for _ in 0..<200 { average.update(from: network) }
        XCTAssertEqual(average.currentDecay, 0.9)
    }

    func testAveragedWeightsAreLoadedOnlyInsideTheBody() throws {
        let network = model()
        try setWeights(network, 0)
        let average = WeightAverage(model: network, decay: 0.5)
        try setWeights(network, 4)
        average.update(from: network)   // decay 0.1: 0.1·0 + 0.9·4 = 3.6
        let inside = try average.withAveragedWeights(in: network) { network.namedTensors }
        for named in inside { XCTAssertEqual(named.tensor.data, [Float](repeating: 3.6, count: named.tensor.count), named.name) }
        for named in network.namedTensors { XCTAssertEqual(named.tensor.data, [Float](repeating: 4, count: named.tensor.count), named.name) }
    }
}
