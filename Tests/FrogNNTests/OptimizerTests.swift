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

extension OptimizerTests {
    /// Every configuration over three steps of two parameters, one at half the learning rate and
    /// frozen in the second step, as Float bit patterns recorded from the optimisers' own step
    /// loops before they shared one (issue 20 item 6): refactoring must not move a bit.
    func testStepsMatchRecordedBits() {
        let names = [
            "sgd", "sgd_momentum_wd", "sgd_nesterov", "adam", "adam_wd", "adamw", "rmsprop", "rmsprop_momentum_centered",
        ]
        for name in names {
            let actual = Self.threeSteps(makeOptimizer: makeOptimizer, name)
            let hex = actual.map { "0x" + String($0, radix: 16) }.joined(separator: ", ")
            XCTAssertEqual(actual, Self.recordedSteps[name], "\"\(name)\": [\(hex)],")
        }
    }

    /// The bits of both parameters after each step.
    private static func threeSteps(
        makeOptimizer: (String, [NamedParameter]) -> Optimizer, _ name: String
    ) -> [UInt32] {
        let w = Parameter(name: "w", value: TestData.normal([5], seed: 60))
        let b = Parameter(name: "b", value: TestData.normal([3], seed: 61))
        let optimizer = makeOptimizer(name, [NamedParameter(name: "w", parameter: w), NamedParameter(name: "b", parameter: b)])
        var bits: [UInt32] = []
        for (step, scales) in [[1, 0.5], [1, 0], [1, 0.5]].enumerated() {
            optimizer.learningRateScales = scales.map(Float.init)
            w.grad = TestData.normal([5], seed: 62 + UInt64(step))
            b.grad = TestData.normal([3], seed: 72 + UInt64(step))
            optimizer.step()
            bits += (w.value.data + b.value.data).map(\.bitPattern)
        }
        return bits
    }

    /// Per configuration: w (5 values) then b (3) after each step.
    private static let recordedSteps: [String: [UInt32]] = [
        "sgd": [
            0xbf91def0, 0x3f3cc821, 0xbe49b6d6, 0x3e3fda34, 0xbf048a19, 0xbe21c282, 0xbcd95604, 0xbf6cf45b,
            0xbf97b8d8, 0x3f439965, 0xbed72a33, 0x3e845428, 0xbee2c0cc, 0xbe21c282, 0xbcd95604, 0xbf6cf45b,
            0xbfa500dd, 0x3f51dbd1, 0xbe8a2026, 0x3edf2e3a, 0xbea881fd, 0xbe18fe3f, 0xbdbac661, 0xbf592885,
        ],
        "sgd_momentum_wd": [
            0xbf91bddf, 0x3f3c9760, 0xbe49ad50, 0x3e3fa76c, 0xbf046464, 0xbe21aaef, 0xbcd901da, 0xbf6cd805,
            0xbfa5cab3, 0x3f40e572, 0xbf0ad188, 0x3e7af951, 0xbecb3ac7, 0xbe21aaef, 0xbcd901da, 0xbf6cd805,
            0xbfc3a410, 0x3f516e3e, 0xbf3795cf, 0x3ee9d5aa, 0xbe3e740c, 0xbe0574a3, 0xbd149fa4, 0xbf68d8c0,
        ],
        "sgd_nesterov": [
            0xbfa0e6fd, 0x3f3b4aca, 0xbeaee2d7, 0x3e39ffa8, 0xbeee8553, 0xbe0d97e2, 0x3cb2d15c, 0xbf7afaec,
            0xbfb98c42, 0x3f46e796, 0xbf655934, 0x3e9f87b0, 0xbe8dccb0, 0xbe0d97e2, 0x3cb2d15c, 0xbf7afaec,
            0xbfe3b285, 0x3f66502a, 0xbf687002, 0x3f33a1c6, 0x3d2b6150, 0xbdd592d9, 0xbd6b98ee, 0xbf61fd8b,
        ],
        "adam": [
            0xbf827302, 0x3f3be07b, 0xbd3dc7fe, 0x3e3c1dcf, 0xbf10bbe3, 0xbe330c09, 0xbd9a2300, 0xbf5ea683,
            0xbf8392de, 0x3f3d52da, 0xbd668d03, 0x3e431890, 0xbf0e2d97, 0xbe330c09, 0xbd9a2300, 0xbf5ea683,
            0xbf84c281, 0x3f3f48e0, 0xbd75a178, 0x3e4b2d89, 0xbf0ba86e, 0xbe2e76ae, 0xbd9b9d7c, 0xbf5e6ea7,
        ],
        "adam_wd": [
            0xbf827302, 0x3f3be07b, 0xbd3dc7fe, 0x3e3c1dcf, 0xbf10bbe3, 0xbe330c09, 0xbd9a2300, 0xbf5ea683,
            0xbf838aa0, 0x3f3c6b80, 0xbd668ce9, 0x3e42de17, 0xbf0e2d15, 0xbe330c09, 0xbd9a2300, 0xbf5ea683,
            0xbf84b507, 0x3f3e129f, 0xbd75891f, 0x3e4adf96, 0xbf0ba5bd, 0xbe2e6b4d, 0xbd9b8c81, 0xbf5e5af3,
        ],
        "adamw": [
            0xbf8251f1, 0x3f3bafbb, 0xbd3da1e4, 0x3e3beb08, 0xbf10962e, 0xbe32f476, 0xbd9a0df5, 0xbf5e8a2d,
            0xbf835070, 0x3f3cf20e, 0xbd66365d, 0x3e42b5ae, 0xbf0de2de, 0xbe32f476, 0xbd9a0df5, 0xbf5e8a2d,
            0xbf845e75, 0x3f3eb7b5, 0xbd750fe3, 0x3e4a98cf, 0xbf0b3962, 0xbe2e4833, 0xbd9b74b9, 0xbf5e35d4,
        ],
        "rmsprop": [
            0xbf8df821, 0x3f24d63f, 0xbe0b9af8, 0x3dbfe9c2, 0xbef3634a, 0xbe04f78d, 0xbcf7e820, 0xbf6a2ba2,
            0xbf923869, 0x3f3db89f, 0xbe5edd6a, 0x3e45f456, 0xbecabe71, 0xbe04f78d, 0xbcf7e820, 0xbf6a2ba2,
            0xbf99f342, 0x3f54b71f, 0xbe2d7704, 0x3e9282e1, 0xbea33ea6, 0xbde47637, 0xbd8ce616, 0xbf6017f9,
        ],
        "rmsprop_momentum_centered": [
            0xbf8e08a3, 0x3f24b53b, 0xbe0c1f08, 0x3dbee1a2, 0xbef32142, 0xbe04b585, 0xbcf5d7de, 0xbf6a3c24,
            0xbf98b01a, 0x3f3094c9, 0xbe89d2c6, 0x3e125ffc, 0xbeb06878, 0xbe04b585, 0xbcf5d7de, 0xbf6a3c24,
            0xbfa5d64b, 0x3f4db257, 0xbe92e543, 0x3e85d725, 0xbe4e2332, 0xbdb00eeb, 0xbd31cd41, 0xbf6689ff,
        ],
    ]
}
