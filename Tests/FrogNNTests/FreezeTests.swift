import FrogNN
import FrogTestSupport
import XCTest

/// Frozen parameters (learning-rate scale 0) and frozen layers (`Sequential.frozenLayerCount`),
/// as fine-tuning uses them. Frozen values must stay bit-identical, so comparisons use `==`.
final class FreezeTests: XCTestCase {
    private func optimizers(_ parameters: [NamedParameter]) -> [(String, Optimizer)] {
        [
            ("sgd_momentum_wd", SGD(parameters: parameters, learningRate: 0.1, momentum: 0.9, weightDecay: 0.01)),
            ("adam_wd", Adam(parameters: parameters, learningRate: 0.01, weightDecay: 0.1)),
            ("adamw", Adam.adamW(parameters: parameters, learningRate: 0.01, weightDecay: 0.1)),
            ("rmsprop", RMSprop(parameters: parameters, learningRate: 0.01, weightDecay: 0.01, momentum: 0.5, centered: true)),
        ]
    }

    private func pair(seed: UInt64) -> (frozen: Parameter, trained: Parameter, named: [NamedParameter]) {
        let frozen = Parameter(name: "weight", value: TestData.normal([3, 2], seed: seed))
        let trained = Parameter(name: "weight", value: TestData.normal([4], seed: seed + 1))
        return (frozen, trained, [NamedParameter(name: "body", parameter: frozen), NamedParameter(name: "head", parameter: trained)])
    }

    func testScaleZeroLeavesValueAndStateUntouchedDespiteDecayAndMomentum() {
        for index in 0..<4 {
            let (frozen, trained, named) = pair(seed: 10)
            let (name, optimizer) = optimizers(named)[index]
            optimizer.setLearningRateScale(0, forParametersNamed: ["body"])
            let before = frozen.value, trainedBefore = trained.value
            for step in 0..<3 {
                frozen.grad = TestData.normal([3, 2], seed: 20 + UInt64(step))
                trained.grad = TestData.normal([4], seed: 30 + UInt64(step))
                optimizer.step()
            }
            XCTAssertEqual(frozen.value, before, name)
            XCTAssertNotEqual(trained.value, trainedBefore, name)
            let state = optimizer.stateTensors()
            for (key, tensor) in state where key.hasSuffix(".body") && !key.hasPrefix("step.") {
                XCTAssertTrue(tensor.data.allSatisfy { $0 == 0 }, "\(name): \(key) drifted")
            }
            XCTAssertEqual(state["step.body"]?.data, [0], "\(name): a frozen parameter takes no steps")
            XCTAssertNil(state["step.head"], "\(name): counts equal to the total are not exported")
        }
    }

    /// Adam's bias correction counts the parameter's own steps: released after 3 frozen steps,
    /// its first update is exactly a fresh optimiser's first update.
    func testReleasedParameterStartsItsOwnBiasCorrection() {
        let (frozen, trained, named) = pair(seed: 40)
        let adam = Adam(parameters: named, learningRate: 0.01)
        adam.setLearningRateScale(0, forParametersNamed: ["body"])
        for step in 0..<3 {
            trained.grad = TestData.normal([4], seed: 50 + UInt64(step))
            adam.step()
        }
        adam.setLearningRateScale(1, forParametersNamed: ["body"])
        let fresh = Parameter(name: "weight", value: frozen.value)
        let reference = Adam(parameters: [NamedParameter(name: "body", parameter: fresh)], learningRate: 0.01)
        frozen.grad = TestData.normal([3, 2], seed: 60)
        fresh.grad = frozen.grad
        adam.step()
        reference.step()
        XCTAssertEqual(frozen.value, fresh.value)
    }

    func testScaleMultipliesTheLearningRate() {
        let p = Parameter(name: "weight", value: TestData.normal([5], seed: 70))
        let q = Parameter(name: "weight", value: p.value)
        let scaled = SGD(parameters: [NamedParameter(name: "w", parameter: p)], learningRate: 0.1)
        scaled.setLearningRateScale(0.25, forParametersNamed: ["w"])
        let reference = SGD(parameters: [NamedParameter(name: "w", parameter: q)], learningRate: Float(0.1) * 0.25)
        p.grad = TestData.normal([5], seed: 71)
        q.grad = p.grad
        scaled.step()
        reference.step()
        XCTAssertEqual(p.value, q.value)
        XCTAssertEqual(scaled.learningRateScales, [0.25])
    }

    /// Per-parameter step counts travel with the state, so a resume after freezing is exact.
    func testStepCountsSurviveExportAndRestore() throws {
        func run(resumeAfter: Int?) throws -> Tensor {
            var (frozen, trained, named) = pair(seed: 80)
            var adam = Adam(parameters: named, learningRate: 0.01)
            adam.setLearningRateScale(0, forParametersNamed: ["body"])
            for step in 0..<5 {
                if step == 2 { adam.setLearningRateScale(1, forParametersNamed: ["body"]) }
                if step == resumeAfter {
                    let state = adam.stateTensors(), count = adam.stepCount
                    frozen = Parameter(name: "weight", value: frozen.value)
                    trained = Parameter(name: "weight", value: trained.value)
                    named = [NamedParameter(name: "body", parameter: frozen), NamedParameter(name: "head", parameter: trained)]
                    adam = Adam(parameters: named, learningRate: 0.01)
                    try adam.restoreState(state, stepCount: count)
                }
                frozen.grad = TestData.normal([3, 2], seed: 90 + UInt64(step))
                trained.grad = TestData.normal([4], seed: 100 + UInt64(step))
                adam.step()
            }
            return frozen.value
        }
        XCTAssertEqual(try run(resumeAfter: 3), try run(resumeAfter: nil))
    }

    // MARK: - Frozen layers

    private func network() throws -> Sequential {
        let spec = ModelSpec(
            input: [1, 6, 6], layers: [.conv2D(filters: 4), .batchNorm(), .relu, .globalAvgPool, .dense(units: 3)])
        let model = try ModelBuilder.build(spec, seed: 3)
        // Running statistics away from their (0, 1) start, as in a trained model.
        for buffer in model.namedBuffers {
            buffer.parameter.value = TestData.normal(buffer.parameter.value.shape, seed: 4, scale: 0.2)
            if buffer.name.hasSuffix("running_var") { buffer.parameter.value.data = buffer.parameter.value.data.map { 1 + abs($0) } }
        }
        return model
    }

    func testFrozenLayersRunInInferenceModeAndGetNoGradient() throws {
        let model = try network()
        model.frozenLayerCount = 4  // conv, batchnorm, relu, pooling: the dense head trains
        let input = TestData.normal([5, 1, 6, 6], seed: 5)
        let buffers = model.namedBuffers.map(\.parameter.value)
        let output = model.forward(input, training: true)
        // The BatchNorm used its running statistics (the dense layer acts alike in both modes).
        XCTAssertEqual(output, model.forward(input, training: false))
        XCTAssertEqual(model.namedBuffers.map(\.parameter.value), buffers, "running statistics must not update")
        model.zeroGradients()
        let gradInput = model.backward(TestData.normal([5, 3], seed: 6))
        XCTAssertEqual(gradInput, Tensor(zeros: input.shape))
        for named in model.namedParameters {
            let zero = named.parameter.grad.data.allSatisfy { $0 == 0 }
            XCTAssertEqual(zero, !named.name.hasPrefix("layers.4."), named.name)
        }

        // Unfrozen again, training mode normalises with batch statistics and updates them.
        model.frozenLayerCount = 0
        XCTAssertNotEqual(model.forward(input, training: true), model.forward(input, training: false))
        XCTAssertNotEqual(model.namedBuffers.map(\.parameter.value), buffers)
    }
}
