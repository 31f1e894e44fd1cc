import Foundation
import FrogNN
import FrogTestSupport
import XCTest

final class ModelTests: XCTestCase {
    static let referenceJSON = """
        { "input": [1, 64, 128], "layers": [
          {"type": "conv2d", "filters": 16, "kernel": 3, "padding": "same"}, {"type": "batchnorm"}, {"type": "relu"},
          {"type": "maxpool", "size": 2},
          {"type": "conv2d", "filters": 32}, {"type": "batchnorm"}, {"type": "relu"}, {"type": "maxpool"},
          {"type": "conv2d", "filters": 64}, {"type": "batchnorm"}, {"type": "relu"}, {"type": "maxpool"},
          {"type": "conv2d", "filters": 64}, {"type": "batchnorm"}, {"type": "relu"},
          {"type": "global_avg_pool"}, {"type": "dropout", "rate": 0.3},
          {"type": "dense", "units": 64}, {"type": "relu"}, {"type": "dense", "units": 5} ] }
        """

    func testReferenceSpecBuildsWithPyTorchNamesAndSummary() throws {
        let spec = try JSONDecoder().decode(ModelSpec.self, from: Data(Self.referenceJSON.utf8))
        let model = try ModelBuilder.build(spec, seed: 1)
        XCTAssertEqual(model.outputShape(for: spec.input), [5])
        let names = model.namedParameters.map(\.name)
        XCTAssertEqual(names.prefix(4), ["layers.0.weight", "layers.0.bias", "layers.1.weight", "layers.1.bias"])
        XCTAssertEqual(model.namedBuffers.first?.name, "layers.1.running_mean")
        // Same count as PyTorch reports for nn_torch.py's CNN: convs 160+4640+18496+36928,
        // BN 4·2·(16+32+64+64)/… = 352, dense 4160+325.
        XCTAssertEqual(model.parameters.reduce(0) { $0 + $1.value.count }, 65_061)
        let summary = model.summary(inputShape: spec.input)
        XCTAssertTrue(summary.contains("layers.0 (Conv2D)"), summary)
        XCTAssertTrue(summary.contains("[16, 64, 128]"), summary)
        XCTAssertTrue(summary.contains("Trainable params: 65061"), summary)
        XCTAssertTrue(model.layers[1].kind == "BatchNorm+ReLU", "batchnorm followed by relu is fused")
    }

    func testBadSpecsThrowWithMessages() {
        let cases: [(ModelSpec, String)] = [
            (ModelSpec(input: [8], layers: [.conv2D(filters: 4)]), "conv2d needs"),
            (ModelSpec(input: [1, 8, 8], layers: [.dense(units: 0)]), "needs units"),
            (ModelSpec(input: [1], layers: [.reshape(shape: []), .dense(units: 2)]), "needs at least one axis"),
        ]
        for (spec, fragment) in cases {
            XCTAssertThrowsError(try ModelBuilder.build(spec, seed: 0)) { error in
                XCTAssertTrue("\(error)".contains(fragment), "\(error)")
            }
        }
        XCTAssertThrowsError(try JSONDecoder().decode(PaddingSpec.self, from: Data("\"full\"".utf8)))
    }

    static func tinySpec() -> ModelSpec {
        ModelSpec(input: [1, 8, 8], layers: [
            .conv2D(filters: 6), .batchNorm(), .relu, .maxPool(),
            .conv2D(filters: 8), .batchNorm(), .relu, .globalAvgPool,
            .dropout(rate: 0.1), .dense(units: 3),
        ])
    }

    /// Three classes of 8×8 images: a horizontal bar, a vertical bar, or a bright corner, in noise.
    static func tinyDataset(count: Int, seed: UInt64) -> (Tensor, [Int]) {
        var rng = SeededRNG(seed: seed)
        var x = Tensor(zeros: [count, 1, 8, 8])
        var labels: [Int] = []
        for s in 0..<count {
            let label = s % 3
            labels.append(label)
            let position = Int(rng.next() % 6) + 1
            for i in 0..<64 {
                let (r, c) = (i / 8, i % 8)
                var v = rng.normal() * 0.3
                if label == 0 && r == position { v += 1.5 }
                if label == 1 && c == position { v += 1.5 }
                if label == 2 && r < 3 && c < 3 { v += 1.5 }
                x.data[s * 64 + i] = v
            }
        }
        return (x, labels)
    }

    func trainStep(_ model: Sequential, _ optimizer: Optimizer, _ x: Tensor, _ y: [Int]) -> Float {
        model.zeroGradients()
        let logits = model.forward(x, training: true)
        let (loss, grad) = SoftmaxCrossEntropy().compute(logits: logits, targets: y)
        _ = model.backward(grad)
        optimizer.step()
        return loss
    }

    func testTinyCNNOverfitsToFullTrainingAccuracy() throws {
        let model = try ModelBuilder.build(Self.tinySpec(), seed: 3)
        model.threadCount = 2
        let optimizer = Adam(parameters: model.namedParameters, learningRate: 1e-2)
        let (x, y) = Self.tinyDataset(count: 24, seed: 4)
        var first: Float = 0, last: Float = 0
        for step in 0..<150 {
            last = trainStep(model, optimizer, x, y)
            if step == 0 { first = last }
        }
        XCTAssertLessThan(last, first / 5, "loss should fall")
        let predicted = model.predict(x, batchSize: 10).argmaxRows()
        XCTAssertEqual(predicted, y, "training accuracy must reach 100 %")
    }

    func testSameSeedGivesIdenticalWeightsAfterTraining() throws {
        func run(seed: UInt64) throws -> [Float] {
            let model = try ModelBuilder.build(Self.tinySpec(), seed: seed)
            let optimizer = Adam(parameters: model.namedParameters, learningRate: 1e-2)
            let (x, y) = Self.tinyDataset(count: 12, seed: 5)
            for _ in 0..<5 { _ = trainStep(model, optimizer, x, y) }
            return model.parameters.flatMap(\.value.data)
        }
        XCTAssertEqual(try run(seed: 9), try run(seed: 9))
        XCTAssertNotEqual(try run(seed: 9), try run(seed: 10))
    }

    /// Weight gradients are summed per fixed chunk of samples, in chunk order: the thread count
    /// and which worker took which chunk do not change a bit of the result.
    func testTrainingGivesIdenticalWeightsAtOneAndTwoThreads() throws {
        func run(threads: Int, fused: Bool) throws -> [Float] {
            let built = try ModelBuilder.build(Self.tinySpec(), seed: 4)
            let model = Sequential(layers: built.layers, spec: built.spec, fusesConvBlocks: fused)
            model.threadCount = threads
            let optimizer = Adam(parameters: model.namedParameters, learningRate: 1e-2)
            let (x, y) = Self.tinyDataset(count: 13, seed: 5)
            for _ in 0..<4 { _ = trainStep(model, optimizer, x, y) }
            return model.parameters.flatMap(\.value.data)
        }
        for fused in [true, false] {
            let one = try run(threads: 1, fused: fused)
            XCTAssertEqual(one, try run(threads: 2, fused: fused), "fused \(fused)")
            XCTAssertEqual(one, try run(threads: 3, fused: fused), "fused \(fused)")
        }
    }

    /// A profile names every stage (fused blocks by their layers) and sums time for each call.
    func testStageProfileTimesEveryStage() throws {
        let model = try ModelBuilder.build(Self.tinySpec(), seed: 4)
        let profile = StageProfile()
        model.profile = profile
        let (x, y) = Self.tinyDataset(count: 6, seed: 5)
        let optimizer = SGD(parameters: model.namedParameters, learningRate: 0.1)
        for _ in 0..<2 { _ = trainStep(model, optimizer, x, y) }
        XCTAssertEqual(profile.entries.map(\.name), model.stageNames)
        XCTAssertTrue(model.stageNames.contains { $0.hasSuffix("(fused)") && $0.contains("Conv2D") }, "\(model.stageNames)")
        for entry in profile.entries {
            XCTAssertEqual(entry.forwardCalls, 2, entry.name)
            XCTAssertEqual(entry.backwardCalls, 2, entry.name)
            XCTAssertGreaterThan(entry.forwardSeconds, 0, entry.name)
        }
        profile.reset()
        XCTAssertEqual(profile.entries.map(\.forwardCalls), [Int](repeating: 0, count: profile.entries.count))
    }

    func testSaveLoadGivesIdenticalOutputs() throws {
        let model = try ModelBuilder.build(Self.tinySpec(), seed: 6)
        let optimizer = SGD(parameters: model.namedParameters, learningRate: 0.1, momentum: 0.9)
        let (x, y) = Self.tinyDataset(count: 9, seed: 7)
        for _ in 0..<3 { _ = trainStep(model, optimizer, x, y) }
        let dir = SharedData.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("model.safetensors")
        try model.save(to: url, metadata: ["classes": "a,b,c"])
        let (loaded, metadata) = try Sequential.load(from: url)
        XCTAssertEqual(metadata["classes"], "a,b,c")
        XCTAssertEqual(loaded.spec, model.spec)
        XCTAssertEqual(loaded.forward(x, training: false), model.forward(x, training: false))
    }

    func testCheckpointResumeGivesIdenticalNextStep() throws {
        let dir = SharedData.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("checkpoint.safetensors")
        let (x, y) = Self.tinyDataset(count: 9, seed: 8)

        let model = try ModelBuilder.build(Self.tinySpec(), seed: 11)
        let optimizer = Adam(parameters: model.namedParameters, learningRate: 5e-3)
        for _ in 0..<3 { _ = trainStep(model, optimizer, x, y) }
        try Checkpoint.save(model: model, optimizer: optimizer, metadata: ["epoch": "3"], to: url)
        let lossA = trainStep(model, optimizer, x, y)

        // A fresh model with different initial weights, resumed from the file.
        let resumed = try ModelBuilder.build(Self.tinySpec(), seed: 99)
        let resumedOptimizer = Adam(parameters: resumed.namedParameters, learningRate: 1)
        let metadata = try Checkpoint.restore(from: url, model: resumed, optimizer: resumedOptimizer)
        XCTAssertEqual(metadata["epoch"], "3")
        XCTAssertEqual(resumedOptimizer.stepCount, 3)
        let lossB = trainStep(resumed, resumedOptimizer, x, y)
        XCTAssertEqual(lossA, lossB)
        XCTAssertEqual(resumed.parameters.map(\.value), model.parameters.map(\.value))
        XCTAssertEqual(resumed.buffers.map(\.value), model.buffers.map(\.value))
    }
}
