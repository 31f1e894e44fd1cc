import FrogNN
import FrogTestSupport
import XCTest

final class OptimizerTests: XCTestCase {
    func makeOptimizer(_ name: String, _ parameters: [NamedParameter]) -> Optimizer {
        switch name {
        case "sgd": SGD(parameters: parameters, learningRate: 0.1)
        case "sgd_momentum_wd":
            SGD(parameters: parameters, learningRate: 0.1, momentum: 0.9, dampening: 0.1, weightDecay: 0.01)
        case "sgd_nesterov": SGD(parameters: parameters, learningRate: 0.1, momentum: 0.9, nesterov: true)
        case "adam": Adam(parameters: parameters, learningRate: 0.01)
        case "adam_wd": Adam(parameters: parameters, learningRate: 0.01, weightDecay: 0.1)
        case "adamw": Adam.adamW(parameters: parameters, learningRate: 0.01, weightDecay: 0.1)
        case "rmsprop": RMSprop(parameters: parameters, learningRate: 0.01)
        case "rmsprop_momentum_centered":
            RMSprop(parameters: parameters, learningRate: 0.01, weightDecay: 0.01, momentum: 0.5, centered: true)
        default: fatalError("unknown optimiser case \(name)")
        }
    }

    func testThreeStepsMatchPyTorch() throws {
        let fixture = try Fixture("optimizers")
        let grads = (fixture.json["grads"] as! [Any]).map(Fixture.tensor)
        let cases = fixture.dictionary("cases")
        XCTAssertEqual(cases.count, 8)
        for (name, value) in cases {
            let p = Parameter(name: "weight", value: fixture.tensor("initial"))
            let optimizer = makeOptimizer(name, [NamedParameter(name: "w", parameter: p)])
            let steps = ((value as! [String: Any])["steps"] as! [Any]).map(Fixture.tensor)
            for (grad, expected) in zip(grads, steps) {
                p.grad = grad
                optimizer.step()
                // Same Float32 formulas as PyTorch's for-each kernels; a few ulps of order-1 values.
                assertClose(p.value.data, expected.data, atol: 2e-6, rtol: 1e-5, name)
            }
        }
    }

    func testStateExportRestoreResumesIdentically() throws {
        for name in ["sgd_nesterov", "adam", "rmsprop_momentum_centered"] {
            let p = Parameter(name: "weight", value: TestData.normal([3, 2], seed: 50))
            let a = makeOptimizer(name, [NamedParameter(name: "w", parameter: p)])
            p.grad = TestData.normal([3, 2], seed: 51)
            a.step()
            let saved = a.stateTensors(), savedValue = p.value
            p.grad = TestData.normal([3, 2], seed: 52)
            a.step()
            let expected = p.value

            let q = Parameter(name: "weight", value: savedValue)
            let b = makeOptimizer(name, [NamedParameter(name: "w", parameter: q)])
            try b.restoreState(saved, stepCount: 1)
            q.grad = TestData.normal([3, 2], seed: 52)
            b.step()
            XCTAssertEqual(q.value, expected, "\(name) resumed step must be bit-identical")
        }
        let p = Parameter(name: "weight", value: Tensor(zeros: [2]))
        let adam = Adam(parameters: [NamedParameter(name: "w", parameter: p)])
        XCTAssertThrowsError(try adam.restoreState([:], stepCount: 1))
    }

    func testClippingRegularisationAndSchedules() {
        let a = Parameter(name: "a", value: Tensor(shape: [2], data: [1, -2]))
        a.grad = Tensor(shape: [2], data: [3, 4])
        let b = Parameter(name: "b", value: Tensor(shape: [1], data: [0]))
        b.grad = Tensor(shape: [1], data: [0])
        XCTAssertEqual(clipGradients([a, b], globalNorm: 1), 5, accuracy: 1e-6)
        // Scaled by 1/(5 + 1e-6): the norm becomes 1 to within 1e-6.
        XCTAssertEqual(Float(a.grad.sumOfSquares().squareRoot()), 1, accuracy: 1e-5)

        a.grad.zero()
        XCTAssertEqual(Regularization.addL2(strength: 0.5, to: [a]), 0.5 * 5 / 2, accuracy: 1e-6)
        XCTAssertEqual(a.grad.data, [0.5, -1])
        a.grad.zero()
        XCTAssertEqual(Regularization.addL1(strength: 0.1, to: [a]), 0.3, accuracy: 1e-6)
        XCTAssertEqual(a.grad.data, [0.1, -0.1])

        XCTAssertEqual(LearningRateSchedule.step(stepSize: 2, gamma: 0.5).rate(epoch: 5, baseRate: 1), 0.25)
        let cosine = LearningRateSchedule.cosine(totalEpochs: 10, minimum: 0.1)
        XCTAssertEqual(cosine.rate(epoch: 0, baseRate: 1), 1, accuracy: 1e-6)
        XCTAssertEqual(cosine.rate(epoch: 5, baseRate: 1), 0.55, accuracy: 1e-6)
        XCTAssertEqual(cosine.rate(epoch: 10, baseRate: 1), 0.1, accuracy: 1e-6)

        var plateau = ReduceOnPlateau(factor: 0.5, patience: 1)
        var rate: Float = 1
        for metric: Float in [1.0, 0.9, 0.95, 0.95] { rate = plateau.update(metric: metric, currentRate: rate) }
        XCTAssertEqual(rate, 0.5, "two epochs without improvement exceed patience 1")
    }
}
