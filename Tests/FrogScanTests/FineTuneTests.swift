import Foundation
@testable import FrogConfig
@testable import FrogCore
import FrogDSP
@testable import FrogModel
import FrogNN
import FrogTestSupport
@testable import FrogTrain
import XCTest

/// Fine-tuning (`train.init_from`): which tensors are copied, the new head, freezing, the
/// features and window taken from the init model, and provenance.
///
/// Weights are compared with `==` on the Float arrays: copying and freezing must leave them
/// bit-identical, so there is no tolerance.
final class FineTuneTests: XCTestCase {
    private var root: URL!

    override func setUp() {
        root = SharedData.temporaryDirectory("frogscan-finetune")
    }

    override func tearDown() {
        try? FileManager.default.removeItem(at: root)
    }

    /// A CNN trained one epoch on `classes` synthetic species (seed 7), saved as a model file.
    private func makeInitModel(
        classes: Int = 3, configure: (inout RunConfig) -> Void = { _ in }
    ) throws -> (path: String, bundle: ModelBundle) {
        var config = try TrainSyntheticData.config(.cnn, epochs: 1)
        configure(&config)
        let trainer = try Trainer(config: config, data: TrainSyntheticData.data(classes: classes), log: { _ in })
        _ = try trainer.run()
        let bundle = trainer.bundle()
        let path = root.appendingPathComponent("init-\(UUID().uuidString).safetensors").path
        try bundle.save(to: path)
        return (path, bundle)
    }

    /// The fine-tuning config: the same small CNN, another seed (so fresh weights differ from
    /// the init model's), starting from `path`.
    private func fineTuneConfig(from path: String, epochs: Int = 2) throws -> RunConfig {
        var config = try TrainSyntheticData.config(.cnn, epochs: epochs)
        config.seed = 8
        config.train.initFrom = path
        return config
    }

    private func tensors(_ network: Sequential) -> [String: Tensor] {
        Dictionary(uniqueKeysWithValues: network.namedTensors.map { ($0.name, $0.tensor) })
    }

    // MARK: - Copying

    func testMatchingTensorsAreCopiedBitForBit() throws {
        let (path, initBundle) = try makeInitModel()
        var lines: [String] = []
        let trainer = try Trainer(
            config: try fineTuneConfig(from: path), data: TrainSyntheticData.data(), log: { lines.append($0) })
        let fineTune = try XCTUnwrap(trainer.fineTune)
        // Same architecture and classes: everything is copied, nothing new or skipped.
        XCTAssertEqual(fineTune.transfers.map(\.action), Array(repeating: .copied, count: fineTune.transfers.count))
        XCTAssertEqual(Set(fineTune.transfers.map(\.name)), Set(initBundle.network.namedTensors.map(\.name)))
        XCTAssertEqual(tensors(trainer.network), tensors(initBundle.network))
        // A fresh network of this seed differs, so equality above is the copy's doing.
        let fresh = try Trainer(
            config: try TrainSyntheticData.config(.cnn, epochs: 1).with { $0.seed = 8 }, data: TrainSyntheticData.data(),
            log: { _ in })
        XCTAssertNotEqual(tensors(fresh.network)["layers.0.weight"], tensors(initBundle.network)["layers.0.weight"])
        let log = lines.joined(separator: "\n")
        XCTAssertTrue(log.contains("init from \(path)"), log)
        XCTAssertTrue(log.contains("model id \(initBundle.modelID)"), log)
        let row = try XCTUnwrap(lines.joined(separator: "\n").split(separator: "\n").first { $0.hasPrefix("  layers.0.weight ") })
        XCTAssertEqual(row.split(separator: " ").map(String.init), ["layers.0.weight", "copied", "[8,1,3,3]", "[8,1,3,3]"])
    }

    func testNewSpeciesGetANewHeadAndTheBodyIsCopied() throws {
        let (path, initBundle) = try makeInitModel(classes: 3)
        let trainer = try Trainer(config: try fineTuneConfig(from: path), data: TrainSyntheticData.data(classes: 4), log: { _ in })
        let fineTune = try XCTUnwrap(trainer.fineTune)
        let output = try XCTUnwrap(trainer.network.spec?.layers.lastIndex { $0.type == "dense" })
        let initTensors = tensors(initBundle.network), now = tensors(trainer.network)
        for transfer in fineTune.transfers {
            let layer = try XCTUnwrap(FineTune.layerIndex(transfer.name))
            if layer == output {
                XCTAssertEqual(transfer.action, .new, transfer.name)
                XCTAssertTrue(transfer.reason.contains("class list differs (new species_3)"), transfer.reason)
                XCTAssertEqual(now[transfer.name]?.shape.first, 4)
            } else {
                XCTAssertEqual(transfer.action, .copied, transfer.name)
                XCTAssertEqual(now[transfer.name], initTensors[transfer.name], transfer.name)
            }
        }
        XCTAssertFalse(fineTune.copiedBodyParameters.isEmpty)
        XCTAssertEqual(fineTune.copiedBodyParameters, fineTune.bodyParameters)
    }

    func testFewerOrReorderedClassesAlsoGetANewHead() throws {
        let (path, _) = try makeInitModel(classes: 3)
        let fewer = try Trainer(config: try fineTuneConfig(from: path), data: TrainSyntheticData.data(classes: 2), log: { _ in })
        let fewerReasons = try XCTUnwrap(fewer.fineTune).transfers.filter { $0.action == .new }.map(\.reason)
        XCTAssertEqual(fewerReasons.count, 2)  // output weight and bias
        XCTAssertTrue(fewerReasons.allSatisfy { $0.contains("dropped species_2") }, "\(fewerReasons)")

        // Same names in another order: the shapes match, but row c would score another species.
        var reordered = TrainSyntheticData.data(classes: 3)
        reordered.classes = ["species_2", "species_1", "species_0"]
        let trainer = try Trainer(config: try fineTuneConfig(from: path), data: reordered, log: { _ in })
        let new = try XCTUnwrap(trainer.fineTune).transfers.filter { $0.action == .new }
        XCTAssertEqual(new.count, 2)
        XCTAssertTrue(new.allSatisfy { $0.reason.contains("another order") }, "\(new.map(\.reason))")
    }

    func testShapeMismatchesAreSkippedWithTheirShapes() throws {
        let (path, _) = try makeInitModel()
        var config = try fineTuneConfig(from: path)
        config.model.filters = [8, 12]  // the second conv block is wider than the init model's
        let trainer = try Trainer(config: config, data: TrainSyntheticData.data(), log: { _ in })
        let fineTune = try XCTUnwrap(trainer.fineTune)
        let byName = Dictionary(uniqueKeysWithValues: fineTune.transfers.map { ($0.name, $0) })
        XCTAssertEqual(byName["layers.0.weight"]?.action, .copied)
        let second = try XCTUnwrap(fineTune.transfers.first { $0.action == .skipped })
        XCTAssertEqual(second.shape?.first, 12)
        XCTAssertEqual(second.sourceShape?.first, 8)
        XCTAssertEqual(second.reason, "shape differs; initialised afresh")
        XCTAssertTrue(fineTune.reportTable.contains("skipped"), fineTune.reportTable)
        XCTAssertTrue(fineTune.csv.contains("\(second.name),skipped,12x"), fineTune.csv)
    }

    func testAnotherArchitectureIsAnErrorSayingWhatToSet() throws {
        let (path, _) = try makeInitModel()
        var config = try fineTuneConfig(from: path)
        config.model.family = .birnn
        config.model.hiddenSize = 12
        XCTAssertThrowsError(try Trainer(config: config, data: TrainSyntheticData.data(), log: { _ in })) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains(path) && text.contains("'model'") && text.contains("config.yaml"), text)
        }
    }

    func testCrossValidationFolderIsAnErrorNamingItsMembers() throws {
        let (path, _) = try makeInitModel()
        let folder = root.appendingPathComponent("x-cv")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "\(path)\n\(path)\n".write(to: folder.appendingPathComponent("models.txt"), atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try InitModel.load(folder.path)) { error in
            XCTAssertTrue("\(error)".contains("cross-validation folder of 2 models"), "\(error)")
        }
    }

    // MARK: - Freezing

    func testFrozenFeaturesStayBitIdenticalAndTheHeadTrains() throws {
        let (path, initBundle) = try makeInitModel()
        var config = try fineTuneConfig(from: path, epochs: 2)
        config.train.freeze = .features
        config.train.unfreezeAfter = 0
        config.train.weightDecay = 0.01  // decay must not move frozen weights either
        var lines: [String] = []
        let trainer = try Trainer(config: config, data: TrainSyntheticData.data(), log: { lines.append($0) })
        _ = try trainer.run()
        let fineTune = try XCTUnwrap(trainer.fineTune)
        let initTensors = tensors(initBundle.network), now = tensors(trainer.network)
        var frozenCount = 0
        for (name, tensor) in now {
            let layer = try XCTUnwrap(FineTune.layerIndex(name))
            if layer < fineTune.headStart {
                // Weights and BatchNorm running statistics alike.
                XCTAssertEqual(tensor, initTensors[name], "\(name) moved while frozen")
                frozenCount += 1
            } else {
                XCTAssertNotEqual(tensor, initTensors[name], "\(name) is in the head and should train")
            }
        }
        XCTAssertTrue(now.keys.contains { $0.hasSuffix("running_mean") && FineTune.layerIndex($0)! < fineTune.headStart })
        XCTAssertGreaterThan(frozenCount, 4)
        // No optimiser state accumulated for the frozen parameters.
        for (key, slot) in trainer.optimizer.stateTensors() {
            let name = key.split(separator: ".", maxSplits: 1).last.map(String.init) ?? key
            if fineTune.bodyParameters.contains(name), !key.hasPrefix("step.") {
                XCTAssertTrue(slot.data.allSatisfy { $0 == 0 }, "\(key) drifted")
            }
        }
        XCTAssertTrue(lines.contains { $0.hasPrefix("features frozen") && $0.contains("for the whole run") }, "\(lines)")
    }

    func testFeaturesTrainAfterUnfreezeAfterAtTheirScale() throws {
        let (path, initBundle) = try makeInitModel()
        func run(epochs: Int) throws -> (Trainer, [String]) {
            var config = try fineTuneConfig(from: path, epochs: epochs)
            config.train.freeze = .features
            config.train.unfreezeAfter = 1
            config.train.bodyLearningRateScale = 0.5
            // Only the last epoch may be kept, so the result is the weights after it.
            config.train.earlyStopping.startEpoch = epochs
            var lines: [String] = []
            let trainer = try Trainer(config: config, data: TrainSyntheticData.data(), log: { lines.append($0) })
            _ = try trainer.run()
            return (trainer, lines)
        }
        let initTensors = tensors(initBundle.network)
        let (one, _) = try run(epochs: 1)
        XCTAssertEqual(tensors(one.network)["layers.0.weight"], initTensors["layers.0.weight"], "frozen in epoch 1")
        let (two, lines) = try run(epochs: 2)
        let fineTune = try XCTUnwrap(two.fineTune)
        XCTAssertNotEqual(tensors(two.network)["layers.0.weight"], initTensors["layers.0.weight"], "trains in epoch 2")
        XCTAssertTrue(lines.contains("epoch 2: features unfrozen; copied feature layers train at 0.5 × the learning rate"), "\(lines)")
        for (named, scale) in zip(two.optimizer.parameters, two.optimizer.learningRateScales) {
            XCTAssertEqual(scale, fineTune.copiedBodyParameters.contains(named.name) ? 0.5 : 1, named.name)
        }
        XCTAssertEqual(two.network.frozenLayerCount, 0)
    }

    /// A fine-tuning run resumed after the features were released continues exactly: the
    /// checkpoint carries the body's own step counts (fewer than the optimiser's).
    func testResumeAfterUnfreezingEqualsUninterrupted() throws {
        let (path, _) = try makeInitModel()
        var config = try fineTuneConfig(from: path, epochs: 4)
        config.train.freeze = .features
        config.train.unfreezeAfter = 2
        config.train.bodyLearningRateScale = 0.3
        let data = TrainSyntheticData.data()
        let whole = try RunFolder.create(in: root.path, name: "whole")
        let uninterrupted = try Trainer(config: config, data: data, log: { _ in }).run(folder: whole).records
        var short = config
        short.train.epochs = 3
        let parted = try RunFolder.create(in: root.path, name: "parted")
        _ = try Trainer(config: short, data: data, log: { _ in }).run(folder: parted)
        let checkpoint = try SafeTensors.read(from: URL(fileURLWithPath: parted.checkpointPath))
        XCTAssertTrue(checkpoint.tensors.keys.contains("optimizer.step.layers.0.weight"), "\(checkpoint.tensors.keys.sorted())")
        let resumed = try Trainer(config: config, data: data, log: { _ in }).run(folder: parted, resume: true).records
        XCTAssertEqual(resumed.map(\.loss), uninterrupted.map(\.loss))
        XCTAssertEqual(resumed.map(\.validationLoss), uninterrupted.map(\.validationLoss))
    }

    func testFreezeWithoutInitFromIsAConfigError() throws {
        XCTAssertThrowsError(try ConfigLoader.resolve(yaml: "train:\n  freeze: features\n", source: "test.yaml")) { error in
            XCTAssertTrue("\(error)".contains("train.freeze") && "\(error)".contains("init_from"), "\(error)")
        }
    }

    // MARK: - Features, window, provenance

    func testFeaturesAndWindowComeFromTheInitModel() throws {
        let (path, bundle) = try makeInitModel { config in
            // Not the defaults (1024, 256), so taking them over shows.
            config.features.nFFT = 2048
            config.features.hopLength = 512
            config.clips.normalization = .peak
        }
        // The config names no feature keys: the model's are used, and its window in seconds.
        let loose = try ConfigLoader.resolve(yaml: "", source: "test", overrides: ["train.init_from=\(ConfigLoader.quoted(path))"])
        let adopted = try InitModel.load(path).adopting(loose, givenKeys: try ConfigLoader.givenKeys(path: nil, overrides: []))
        XCTAssertEqual(adopted.features, bundle.featureConfig)
        XCTAssertEqual(adopted.features.nFFT, 2048)
        XCTAssertEqual(adopted.windowFrames, bundle.layout.frames)
        XCTAssertEqual(adopted.clips.normalization, .peak)

        // Asking for other values names every key that differs, and only those.
        let overrides = ["features.n_fft=1024", "features.hop_length=512", "features.n_mels=40", "clips.normalization=window"]
        let strict = try ConfigLoader.resolve(yaml: "", source: "test", overrides: overrides)
        XCTAssertThrowsError(
            try InitModel.load(path).adopting(strict, givenKeys: try ConfigLoader.givenKeys(path: nil, overrides: overrides))
        ) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains("features.n_fft (1024 here, 2048 in the init model)"), text)
            XCTAssertTrue(text.contains("features.n_mels"), text)
            XCTAssertTrue(text.contains("clips.normalization (window here, peak in the init model)"), text)
            XCTAssertFalse(text.contains("features.hop_length"), "hop_length agrees: \(text)")
        }
    }

    func testGivenKeysAreTheFileAndOverrideLeaves() throws {
        let file = root.appendingPathComponent("c.yaml")
        try "features:\n  n_fft: 512\n  pcen:\n    alpha: 0.9\nclips:\n".write(to: file, atomically: true, encoding: .utf8)
        let keys = try ConfigLoader.givenKeys(path: file.path, overrides: ["train.epochs=3"])
        XCTAssertEqual(keys, ["features.n_fft", "features.pcen.alpha", "train.epochs"])
    }

    func testProvenanceNamesTheInitModelAndRoundTrips() throws {
        let (path, initBundle) = try makeInitModel()
        let trainer = try Trainer(config: try fineTuneConfig(from: path, epochs: 1), data: TrainSyntheticData.data(), log: { _ in })
        _ = try trainer.run()
        let saved = root.appendingPathComponent("tuned.safetensors").path
        try trainer.bundle().save(to: saved)
        let loaded = try ModelBundle.load(path: saved)
        let source = try XCTUnwrap(loaded.provenance.initFrom)
        XCTAssertEqual(source.modelID, initBundle.modelID)
        XCTAssertEqual(source.modelID, try ContentHash.ofFile(at: URL(fileURLWithPath: path)))
        XCTAssertEqual(source.path, path)
        XCTAssertEqual(source.classes, initBundle.classes)
        // A model trained from scratch has none.
        XCTAssertNil(try ModelBundle.load(path: path).provenance.initFrom)
    }
}

extension RunConfig {
    /// A copy changed by `change`, for one-line variations in tests.
    func with(_ change: (inout RunConfig) -> Void) -> RunConfig {
        var copy = self
        change(&copy)
        return copy
    }
}
