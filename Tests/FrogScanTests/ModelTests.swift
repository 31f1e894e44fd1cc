@testable import FrogConfig
import FrogDSP
@testable import FrogModel
import FrogNN
import FrogTestSupport
@testable import FrogTrain
import XCTest

final class ModelTests: XCTestCase {
    func testFactoryShapesForEveryFamily() throws {
        for family in RunConfig.ModelSection.Family.allCases {
            let config = try TrainSyntheticData.config(family)
            let shape = family == .birnn ? [16, 16] : [1, 16, 16]
            let network = try ModelFactory.network(config: config.model, inputShape: shape, classCount: 3, seed: 1)
            XCTAssertEqual(network.outputShape(for: shape), [3], "\(family)")
        }
    }

    func testReferenceCNNMatchesDesign() throws {
        // DESIGN.md's reference CNN on 1×64×128 with 5 classes.
        let spec = ModelFactory.spec(for: RunConfig().model, inputShape: [1, 64, 128], classCount: 5)
        let filters = spec.layers.compactMap { layer -> Int? in
            if case let .conv2D(filters, _, _, _, _) = layer { filters } else { nil }
        }
        XCTAssertEqual(filters, [16, 32, 64, 64])
        XCTAssertEqual(spec.layers.filter { $0.type == "maxpool" }.count, 3)
        XCTAssertEqual(spec.layers.filter { $0.type == "batchnorm" }.count, 4)
        XCTAssertEqual(spec.layers.suffix(4).map(\.type), ["dropout", "dense", "relu", "dense"])
    }

    func testCRNNPoolsOverFrequencyOnly() throws {
        var model = RunConfig().model
        model.family = .crnn
        let spec = ModelFactory.spec(for: model, inputShape: [1, 64, 128], classCount: 5)
        let pools = spec.layers.filter { $0.type == "maxpool" }
        XCTAssertFalse(pools.isEmpty)
        XCTAssertTrue(pools.allSatisfy { $0 == .maxPool(pool: [model.pool, 1]) }, "\(pools)")
        // Time keeps all 128 frames into the recurrent layer; frequency is halved per pooled block.
        let network = try ModelBuilder.build(spec, seed: 0)
        let output = network.forward(Tensor(zeros: [2, 1, 64, 128]), training: false)
        XCTAssertEqual(output.shape, [2, 5])
    }

    func testTimeOnlyPoolingKeepsFrequencyBands() throws {
        for (pool, type) in [(RunConfig.ModelSection.GlobalPool.avgTime, "avgpool"), (.maxTime, "maxpool")] {
            var model = RunConfig().model
            model.globalPool = pool
            let spec = ModelFactory.spec(for: model, inputShape: [1, 64, 128], classCount: 5)
            // Three pooled blocks leave 64 channels × 8 bands × 16 frames; only time is pooled.
            let last = spec.layers.lastIndex { $0.type == type }!
            let window: LayerSpec = pool == .avgTime ? .avgPool(pool: [1, 16]) : .maxPool(pool: [1, 16])
            XCTAssertEqual(spec.layers[last], window, "\(pool)")
            XCTAssertEqual(spec.layers[last + 1].type, "flatten")
            let network = try ModelBuilder.build(spec, seed: 0)
            let dense = network.layers.compactMap { $0 as? Dense }.first!
            XCTAssertEqual(dense.weight.value.count, 64 * 8 * 64, "the head sees every band's channels")
            XCTAssertEqual(network.forward(Tensor(zeros: [2, 1, 64, 128]), training: false).shape, [2, 5])
        }
    }

    func testBundleRoundTripGivesIdenticalScores() throws {
        let data = TrainSyntheticData.data()
        let trainer = try Trainer(config: try TrainSyntheticData.config(.cnn, epochs: 1), data: data, log: { _ in })
        _ = try trainer.run()
        let bundle = trainer.bundle(thresholds: [0.25, 0.5, 0.75])
        let directory = SharedData.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("model.safetensors").path
        try bundle.save(to: path)
        let loaded = try ModelBundle.load(path: path)
        let windows = data.test.prefix(10).map(\.features)
        XCTAssertEqual(try loaded.scores(windows), try bundle.scores(windows))
        XCTAssertEqual(loaded.classes, data.classes)
        XCTAssertEqual(loaded.thresholds, [0.25, 0.5, 0.75])
        XCTAssertEqual(loaded.windowFrames, TrainSyntheticData.frames)
        XCTAssertEqual(loaded.featureConfig, trainer.config.features)
        XCTAssertEqual(loaded.modelID, bundle.modelID)
        XCTAssertEqual(loaded.modelID.count, 16)
        // Scores are probabilities.
        for row in try loaded.scores(windows) { XCTAssertEqual(row.reduce(0, +), 1, accuracy: 1e-5) }
    }

    func testForeignAndTruncatedFilesAreRejectedClearly() throws {
        let directory = SharedData.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let foreign = directory.appendingPathComponent("foreign.safetensors")
        try SafeTensors.write([NamedTensor(name: "w", tensor: Tensor(zeros: [2]))], to: foreign)
        XCTAssertThrowsError(try ModelBundle.load(path: foreign.path)) { error in
            guard case .notAModel? = error as? ModelError else { return XCTFail("\(error)") }
            XCTAssertTrue("\(error)".contains(foreign.path))
        }
        let trainer = try Trainer(config: try TrainSyntheticData.config(.cnn, epochs: 1), data: TrainSyntheticData.data(), log: { _ in })
        let good = directory.appendingPathComponent("good.safetensors").path
        try trainer.bundle().save(to: good)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: good))
        let truncated = directory.appendingPathComponent("truncated.safetensors")
        try bytes.prefix(bytes.count / 2).write(to: truncated)
        XCTAssertThrowsError(try ModelBundle.load(path: truncated.path)) { error in
            guard case .corrupt? = error as? ModelError else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try ModelBundle.load(path: directory.appendingPathComponent("missing").path))
    }
}
