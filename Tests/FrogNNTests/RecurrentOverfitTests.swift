import FrogNN
import XCTest

/// Behaviour: a tiny BiGRU classifier must be able to memorise a tiny sequence dataset. If any
/// gradient were wrong in sign or scale, Adam would stall short of 100 % training accuracy.
final class RecurrentOverfitTests: XCTestCase {
    /// 24 noisy sequences (10 steps × 3 features), 3 classes told apart only by *when* a pulse
    /// occurs (early, middle, late) on feature 0, so a per-step or order-free model cannot
    /// separate them but a recurrent one can.
    private func dataset(rng: inout SeededRNG) -> (Tensor, [Int]) {
        let (count, steps, features) = (24, 10, 3)
        var data = [Float](repeating: 0, count: count * steps * features)
        var labels: [Int] = []
        for sample in 0..<count {
            let label = sample % 3
            labels.append(label)
            for i in 0..<(steps * features) { data[sample * steps * features + i] = 0.3 * rng.normal() }
            let pulse = [1, 4, 7][label] + Int(rng.next() % 2)
            data[(sample * steps + pulse) * features] += 2
        }
        return (Tensor(shape: [count, steps, features], data: data), labels)
    }

    func testBiGRUOverfitsTinySequenceDataset() {
        var rng = SeededRNG(seed: 2024)
        let (inputs, labels) = dataset(rng: &rng)
        let model = Sequential(layers: [
            Bidirectional(cell: .gru, inputSize: 3, hiddenSize: 8, rng: &rng),
            SequencePool(mode: .mean),
            Dense(inputFeatures: 16, outputFeatures: 3),
        ])
        let loss = SoftmaxCrossEntropy()
        let optimizer = Adam(parameters: model.namedParameters, learningRate: 0.03)
        var accuracy = 0.0
        for _ in 0..<300 {
            optimizer.zeroGradients()
            let logits = model.forward(inputs, training: true)
            let (_, gradLogits) = loss.compute(logits: logits, targets: labels)
            _ = model.backward(gradLogits)
            optimizer.step()
            accuracy = Self.accuracy(logits: logits, labels: labels)
            if accuracy == 1 { break }
        }
        let final = model.forward(inputs, training: false)
        XCTAssertEqual(Self.accuracy(logits: final, labels: labels), 1, "training accuracy")
    }

    private static func accuracy(logits: Tensor, labels: [Int]) -> Double {
        let classes = logits.shape[1]
        var correct = 0
        for (row, label) in labels.enumerated() {
            let scores = logits.data[(row * classes)..<((row + 1) * classes)]
            if scores.indices.max(by: { scores[$0] < scores[$1] })! - row * classes == label { correct += 1 }
        }
        return Double(correct) / Double(labels.count)
    }
}
