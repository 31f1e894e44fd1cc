import FrogNN
import FrogTestSupport
import XCTest

final class LossTests: XCTestCase {
    // PyTorch's loss values and gradients agree with ours to Float32 rounding of log-sum-exp
    // over 5 classes (logits up to ~10): 1e-5 absolute plus 1e-5 relative.
    let atol: Float = 1e-5

    func testCrossEntropyMatchesPyTorch() throws {
        let fixture = try Fixture("losses")
        let logits = fixture.tensor("logits")
        let targets = (fixture.json["targets"] as! [NSNumber]).map(\.intValue)
        let weights = fixture.tensor("weights").data
        let cases = fixture.dictionary("cross_entropy")
        let losses: [String: SoftmaxCrossEntropy] = [
            "plain": SoftmaxCrossEntropy(),
            "weighted": SoftmaxCrossEntropy(classWeights: weights),
            "smoothed": SoftmaxCrossEntropy(labelSmoothing: 0.1),
            "weighted_smoothed": SoftmaxCrossEntropy(classWeights: weights, labelSmoothing: 0.2),
        ]
        for (name, loss) in losses {
            let expected = cases[name] as! [String: Any]
            let (value, grad) = loss.compute(logits: logits, targets: targets)
            XCTAssertEqual(value, (expected["loss"] as! NSNumber).floatValue, accuracy: atol, name)
            assertClose(grad.data, Fixture.tensor(expected["grad"]).data, atol: atol, rtol: 1e-5, name)
        }
        let soft = cases["soft_weighted_smoothed"] as! [String: Any]
        let (value, grad) = SoftmaxCrossEntropy(classWeights: weights, labelSmoothing: 0.1)
            .compute(logits: logits, targetProbabilities: Fixture.tensor(soft["targets"]))
        XCTAssertEqual(value, (soft["loss"] as! NSNumber).floatValue, accuracy: atol)
        assertClose(grad.data, Fixture.tensor(soft["grad"]).data, atol: atol, rtol: 1e-5)
    }

    func testBinaryCrossEntropyMatchesPyTorch() throws {
        let fixture = try Fixture("losses")
        let logits = fixture.tensor("multi_logits"), targets = fixture.tensor("multi_targets")
        let cases = fixture.dictionary("bce")
        for (name, loss) in [
            ("plain", SigmoidBinaryCrossEntropy()),
            ("pos_weight", SigmoidBinaryCrossEntropy(positiveWeights: fixture.tensor("pos_weight").data)),
        ] {
            let expected = cases[name] as! [String: Any]
            let (value, grad) = loss.compute(logits: logits, targets: targets)
            XCTAssertEqual(value, (expected["loss"] as! NSNumber).floatValue, accuracy: atol, name)
            assertClose(grad.data, Fixture.tensor(expected["grad"]).data, atol: atol, rtol: 1e-5, name)
        }
    }

    /// Central differences of the loss itself (computed in Float32, so ε = 1e-2 and a 1e-3
    /// tolerance: rounding of a loss of order 1 is ~1e-7/ε).
    func finiteDifference(_ logits: Tensor, _ loss: (Tensor) -> Float) -> [Float] {
        var x = logits
        return (0..<x.count).map { i in
            let saved = x.data[i]
            x.data[i] = saved + 1e-2
            let plus = loss(x)
            x.data[i] = saved - 1e-2
            let minus = loss(x)
            x.data[i] = saved
            return (plus - minus) / 2e-2
        }
    }

    func testGradientsMatchFiniteDifferencesAndLargeLogitsStayFinite() {
        let logits = TestData.normal([4, 3], seed: 40, scale: 2)
        let ce = SoftmaxCrossEntropy(classWeights: [1, 2, 0.5], labelSmoothing: 0.1)
        let targets = [2, 0, 1, 1]
        assertClose(
            ce.compute(logits: logits, targets: targets).gradLogits.data,
            finiteDifference(logits) { ce.compute(logits: $0, targets: targets).loss }, atol: 1e-3)
        let bce = SigmoidBinaryCrossEntropy(positiveWeights: [2, 1, 0.5])
        let multi = Tensor(shape: [4, 3], data: [1, 0, 1, 0, 0, 1, 1, 1, 0, 0, 1, 0])
        assertClose(
            bce.compute(logits: logits, targets: multi).gradLogits.data,
            finiteDifference(logits) { bce.compute(logits: $0, targets: multi).loss }, atol: 1e-3)
        let huge = Tensor(shape: [1, 3], data: [1000, -1000, 0])
        XCTAssertTrue(ce.compute(logits: huge, targets: [1]).loss.isFinite)
        XCTAssertTrue(bce.compute(logits: huge, targets: Tensor(shape: [1, 3], data: [0, 1, 1])).loss.isFinite)
    }
}
