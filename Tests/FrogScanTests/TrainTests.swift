@testable import FrogConfig
import FrogDSP
import FrogNN
import FrogTestSupport
@testable import FrogTrain
import XCTest

final class TrainTests: XCTestCase {
    private func trainAndScore(_ family: RunConfig.ModelSection.Family) throws -> Double {
        let data = TrainSyntheticData.data()
        let trainer = try Trainer(config: try TrainSyntheticData.config(family), data: data, log: { _ in })
        _ = try trainer.run()
        return try trainer.evaluate(data.test).accuracy
    }

    // The bands are far apart and 10 frames long, so a working model separates them almost
    // perfectly; 0.95 leaves room for a few noisy windows, not for a broken training loop
    // (chance is 0.33).
    func testCNNLearnsSyntheticBands() throws {
        XCTAssertGreaterThan(try trainAndScore(.cnn), 0.95)
    }

    func testBiRNNLearnsSyntheticBands() throws {
        XCTAssertGreaterThan(try trainAndScore(.birnn), 0.95)
    }

    func testCRNNLearnsSyntheticBands() throws {
        XCTAssertGreaterThan(try trainAndScore(.crnn), 0.95)
    }

    func testSameSeedGivesIdenticalMetrics() throws {
        let data = TrainSyntheticData.data()
        let config = try TrainSyntheticData.config(.cnn, epochs: 2)
        let first = try Trainer(config: config, data: data, log: { _ in }).run().records
        let second = try Trainer(config: config, data: data, log: { _ in }).run().records
        XCTAssertEqual(first.map(\.loss), second.map(\.loss))
        XCTAssertEqual(first.map(\.validationLoss), second.map(\.validationLoss))
    }

    func testResumeEqualsUninterrupted() throws {
        try checkResumeEqualsUninterrupted(emaDecay: 0)
    }

    /// With a weight average, the checkpoint carries it too: validation (which scores the
    /// average) and the kept model agree after a resume.
    func testResumeWithWeightAverageEqualsUninterrupted() throws {
        try checkResumeEqualsUninterrupted(emaDecay: 0.9)
    }

    private func checkResumeEqualsUninterrupted(emaDecay: Double) throws {
        let data = TrainSyntheticData.data()
        var config = try TrainSyntheticData.config(.cnn, epochs: 4)
        config.train.emaDecay = emaDecay
        // Plateau reductions must carry over a resume; the schedule stays constant so the
        // 2-epoch run differs from the 4-epoch one only in where it stops.
        config.train.reduceLROnPlateau.patience = 1
        let root = SharedData.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }

        let whole = try RunFolder.create(in: root.path, name: "whole")
        let uninterrupted = try Trainer(config: config, data: data, log: { _ in }).run(folder: whole).records

        var short = config
        short.train.epochs = 2
        let parted = try RunFolder.create(in: root.path, name: "parted")
        _ = try Trainer(config: short, data: data, log: { _ in }).run(folder: parted)
        let resumed = try Trainer(config: config, data: data, log: { _ in }).run(folder: parted, resume: true).records

        XCTAssertEqual(resumed.count, 4)
        // Exactly equal: every random draw of epoch k depends only on (seed, k), and the
        // checkpoint restores weights, optimiser moments and dropout state bit for bit.
        XCTAssertEqual(resumed.map(\.loss), uninterrupted.map(\.loss))
        XCTAssertEqual(resumed.map(\.validationMacroF1), uninterrupted.map(\.validationMacroF1))
        XCTAssertEqual(resumed.map(\.learningRate), uninterrupted.map(\.learningRate))
        XCTAssertEqual(parted.epochRecords().map(\.epoch), [1, 2, 3, 4])
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: parted.modelPath)).count, try Data(contentsOf: URL(fileURLWithPath: whole.modelPath)).count)
        XCTAssertEqual(try SafeTensors.read(from: URL(fileURLWithPath: parted.modelPath)).tensors,
                       try SafeTensors.read(from: URL(fileURLWithPath: whole.modelPath)).tensors, "the same best weights")
    }

    /// With reduce-on-plateau off its best metric stays +∞, which JSON cannot hold: the
    /// checkpoint must still save, and a resume must read it back and continue.
    func testCheckpointWithReduceOnPlateauOffSavesAndResumes() throws {
        let data = TrainSyntheticData.data()
        var config = try TrainSyntheticData.config(.cnn, epochs: 1)
        XCTAssertEqual(config.train.reduceLROnPlateau.patience, 0)
        let root = SharedData.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = try RunFolder.create(in: root.path, name: "off")
        _ = try Trainer(config: config, data: data, log: { _ in }).run(folder: folder)
        config.train.epochs = 2
        let resumed = try Trainer(config: config, data: data, log: { _ in }).run(folder: folder, resume: true)
        XCTAssertEqual(resumed.records.map(\.epoch), [1, 2])
    }

    /// Resuming with a weight average from a checkpoint saved without one names the file and
    /// the setting instead of starting a fresh average silently.
    func testResumingAnAverageFromACheckpointWithoutOneIsAnError() throws {
        let data = TrainSyntheticData.data()
        var config = try TrainSyntheticData.config(.cnn, epochs: 1)
        let root = SharedData.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = try RunFolder.create(in: root.path, name: "plain")
        _ = try Trainer(config: config, data: data, log: { _ in }).run(folder: folder)
        config.train.emaDecay = 0.9
        config.train.epochs = 2
        XCTAssertThrowsError(try Trainer(config: config, data: data, log: { _ in }).run(folder: folder, resume: true)) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains(folder.checkpointPath) && text.contains("train.ema_decay"), text)
        }
    }

    /// `train.ema_decay`: the epochs are judged and the model kept by the moving average, not
    /// the last step's weights; the two differ, and the kept network scores as recorded.
    func testWeightAverageIsWhatIsValidatedAndKept() throws {
        let data = TrainSyntheticData.data()
        var config = try TrainSyntheticData.config(.cnn, epochs: 3)
        config.train.emaDecay = 0.95
        config.train.stepsPerEpoch = 5
        config.train.earlyStopping.metric = .val_loss
        let trainer = try Trainer(config: config, data: data, log: { _ in })
        let result = try trainer.run()
        XCTAssertEqual(trainer.average?.updates, 15, "one update per optimiser step")
        let kept = result.records[result.bestEpoch - 1]
        XCTAssertEqual(try trainer.evaluate(data.validation).loss, kept.validationLoss, accuracy: 1e-9)

        var single = config
        single.train.epochs = 1
        let one = try Trainer(config: single, data: data, log: { _ in })
        _ = try one.run()
        XCTAssertEqual(one.network.namedTensors, one.average?.tensors, "after one epoch the kept model is the average")
        var plain = config
        plain.train.emaDecay = 0
        let other = try Trainer(config: plain, data: data, log: { _ in })
        _ = try other.run()
        XCTAssertNotEqual(other.network.namedTensors, trainer.network.namedTensors)
    }

    func testEarlyStoppingKeepsTheBestEpoch() throws {
        let data = TrainSyntheticData.data()
        var config = try TrainSyntheticData.config(.cnn, epochs: 12)
        config.train.earlyStopping.patience = 2
        config.train.earlyStopping.metric = .val_loss
        let result = try Trainer(config: config, data: data, log: { _ in }).run()
        let best = result.records.min { $0.validationLoss < $1.validationLoss }!
        XCTAssertEqual(result.bestEpoch, best.epoch)
        if result.stoppedEarly { XCTAssertEqual(result.records.count, result.bestEpoch + 2) }
    }

    func testEpochOrderBalancesAndFillsStepsPerEpoch() {
        var generator = SeededRNG(seed: 3)
        let labels = [Int](repeating: 0, count: 90) + [Int](repeating: 1, count: 10)
        let over = EpochOrder.indices(classIndices: labels, classCount: 2, balance: .init(mode: .oversample), wanted: nil, generator: &generator)
        XCTAssertEqual(over.filter { labels[$0] == 1 }.count, 90, "the rare class repeated up to the common one")
        let under = EpochOrder.indices(classIndices: labels, classCount: 2, balance: .init(mode: .undersample), wanted: nil, generator: &generator)
        XCTAssertEqual(under.count, 20)
        let steps = EpochOrder.indices(classIndices: labels, classCount: 2, balance: .init(mode: .undersample), wanted: 50, generator: &generator)
        XCTAssertEqual(steps.count, 50)
        XCTAssertEqual(Set(EpochOrder.indices(classIndices: labels, classCount: 2, balance: .init(mode: .none), wanted: nil, generator: &generator)).count, 100)
    }

    func testClassWeightsAreBalancedInverseFrequencies() {
        let labels = [0, 0, 0, 1, 2, 2]
        // n / (classes × n_c) over the 3 classes present; class 3 has no windows.
        let weights = EpochOrder.classWeights(classIndices: labels, classCount: 4, balance: .class_weights)
        XCTAssertEqual(weights, [6.0 / 9, 2, 1, 0])
        XCTAssertNil(EpochOrder.classWeights(classIndices: labels, classCount: 4, balance: .oversample))
        var generator = SeededRNG(seed: 1)
        XCTAssertEqual(
            EpochOrder.indices(classIndices: labels, classCount: 4, balance: .init(mode: .class_weights), wanted: nil, generator: &generator).sorted(),
            Array(0..<6), "every window once")
    }

    func testCNNWithClassWeightsLearns() throws {
        let data = TrainSyntheticData.data()
        var config = try TrainSyntheticData.config(.cnn)
        config.balance.mode = .class_weights
        let trainer = try Trainer(config: config, data: data, log: { _ in })
        _ = try trainer.run()
        XCTAssertGreaterThan(try trainer.evaluate(data.test).accuracy, 0.95)
    }
}

/// Pseudo-labelling of weak labels: call-free windows of weakly labelled recordings become
/// background windows after `train.pseudo_label_epoch`.
final class PseudoLabelTests: XCTestCase {
    /// Classes species_0, species_1 and noise (flat background windows); in every species
    /// recording of train one window in four is background (no call) yet carries the species label.
    private func data() -> (TrainingData, callFree: Set<Int>) {
        var data = TrainSyntheticData.data(classes: 3)
        data.classes[2] = "noise"
        var generator = SeededRNG(seed: 9)
        func flat() -> FeatureImage {
            var image = TrainSyntheticData.window(classIndex: 0, generator: &generator)
            image.values = image.values.map { _ in generator.normal() * 0.5 - 60 }
            return image
        }
        for split in [\TrainingData.train, \TrainingData.validation, \TrainingData.test] {
            for index in data[keyPath: split].indices where data[keyPath: split][index].classIndex == 2 {
                data[keyPath: split][index].features = flat()
            }
        }
        var callFree = Set<Int>()
        for index in data.train.indices where data.train[index].classIndex != 2 && index % 4 == 0 {
            data.train[index].features = flat()
            callFree.insert(index)
        }
        data.weakRecordings = Set(data.train.filter { $0.classIndex != 2 }.map(\.recording))
        return (data, callFree)
    }

    private func config(epochs: Int) throws -> RunConfig {
        var config = try TrainSyntheticData.config(.cnn, epochs: epochs)
        config.train.pseudoLabelEpoch = 6
        config.train.pseudoLabelScore = 0.6
        return config
    }

    func testCallFreeWindowsOfWeakRecordingsBecomeBackground() throws {
        let (data, callFree) = data()
        var lines: [String] = []
        let trainer = try Trainer(config: try config(epochs: 7), data: data, log: { lines.append($0) })
        _ = try trainer.run()
        let relabelled = Set(data.train.indices.filter { trainer.data.train[$0].classIndex != data.train[$0].classIndex })
        XCTAssertFalse(relabelled.isEmpty, lines.joined(separator: " / "))
        XCTAssertTrue(relabelled.allSatisfy { trainer.data.train[$0].classIndex == 2 && trainer.data.train[$0].targets == [0, 0, 1] })
        let right = relabelled.intersection(callFree).count
        XCTAssertGreaterThanOrEqual(Double(right) / Double(relabelled.count), 0.8, "mostly the call-free windows: \(right) of \(relabelled.count)")
        XCTAssertTrue(lines.contains { $0.hasPrefix("pseudo-labels after epoch 6: \(relabelled.count) of ") }, lines.joined(separator: "\n"))
        // Background windows and strong labels are never candidates.
        XCTAssertTrue(relabelled.allSatisfy { data.weakRecordings.contains(data.train[$0].recording) })
    }

    func testResumeAfterPseudoLabellingEqualsUninterrupted() throws {
        let (data, _) = data()
        let root = SharedData.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let whole = try RunFolder.create(in: root.path, name: "whole")
        let uninterrupted = try Trainer(config: try config(epochs: 8), data: data, log: { _ in }).run(folder: whole).records
        let parted = try RunFolder.create(in: root.path, name: "parted")
        _ = try Trainer(config: try config(epochs: 7), data: data, log: { _ in }).run(folder: parted)
        let resumed = try Trainer(config: try config(epochs: 8), data: data, log: { _ in }).run(folder: parted, resume: true).records
        XCTAssertEqual(resumed.map(\.loss), uninterrupted.map(\.loss))
    }
}

/// `train.early_stopping.start_epoch`: no epoch before it is kept, and patience counts from it.
final class EarlyStoppingStartTests: XCTestCase {
    func testNoEpochBeforeTheStartIsKept() throws {
        var config = try TrainSyntheticData.config(.cnn, epochs: 4)
        config.train.earlyStopping.startEpoch = 3
        config.train.earlyStopping.patience = 1
        let result = try Trainer(config: config, data: TrainSyntheticData.data(), log: { _ in }).run()
        XCTAssertGreaterThanOrEqual(result.bestEpoch, 3)
        XCTAssertGreaterThanOrEqual(result.records.count, 4, "patience only counts from the start epoch")
        XCTAssertThrowsError(try ConfigLoader.resolve(
            yaml: "", source: "test", overrides: ["train.epochs=5", "train.early_stopping.start_epoch=6"])) { error in
            XCTAssertTrue("\(error)".contains("train.early_stopping.start_epoch"), "\(error)")
        }
    }
}
