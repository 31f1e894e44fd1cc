import FrogAudio
@testable import FrogConfig
import FrogData
import FrogDSP
import FrogNN
import FrogTestSupport
@testable import FrogTrain
import XCTest

/// The dataset and augmentation options that real data needs: negatives as the background
/// class, mixup and the library's extra steps from the config, and noisy evaluation.
final class TrainDataOptionsTests: XCTestCase {
    private var root: URL!

    override func setUpWithError() throws {
        root = SharedData.temporaryDirectory()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: root)
    }

    /// A 3 s mono tone at `hz` (or white noise when `hz` is nil) at 22,050 Hz.
    private func writeRecording(_ name: String, hz: Double?) throws -> String {
        var generator = SeededRNG(seed: UInt64(name.utf8.reduce(0) { $0 &* 31 &+ Int($1) }.magnitude))
        let samples = (0..<66_150).map { i -> Float in
            if let hz { return 0.3 * Float(sin(2 * Double.pi * hz * Double(i) / 22_050)) }
            return Float.random(in: -0.1...0.1, using: &generator)
        }
        let path = root.appendingPathComponent(name).path
        try AudioWriter.write([samples], sampleRate: 22_050, to: path)
        return path
    }

    /// Two species (weak labels in a CSV) and one negative recording.
    private func config(extra: [String] = []) throws -> RunConfig {
        for i in 0..<3 {
            _ = try writeRecording("low_\(i).wav", hz: 500)
            _ = try writeRecording("high_\(i).wav", hz: 4000)
        }
        let negative = try writeRecording("rain.wav", hz: nil)
        let csv = "file,label\n" + (0..<3).map { "low_\($0).wav,low\nhigh_\($0).wav,high\n" }.joined()
        try csv.write(to: root.appendingPathComponent("labels.csv"), atomically: true, encoding: .utf8)
        return try ConfigLoader.resolve(
            yaml: "", source: "test",
            overrides: [
                "data.recordings=\(root.path)", "data.labels=\(root.path)/labels.csv",
                "data.negatives=[\(negative)]", "data.validation_fraction=0.3", "data.test_fraction=0.3",
                "data.cache=\(root.path)/cache",
            ] + extra)
    }

    func testNegativesBecomeBackgroundWindowsOfTheirOwnGroup() throws {
        let data = try DatasetBuilder.build(config: try config())
        XCTAssertEqual(data.classes, ["high", "low", "noise"])
        let all = data.train + data.validation + data.test
        let negatives = all.filter { $0.recording.hasSuffix("rain.wav") }
        XCTAssertFalse(negatives.isEmpty)
        XCTAssertTrue(negatives.allSatisfy { $0.classIndex == 2 && $0.targets == [0, 0, 1] })
        XCTAssertTrue(negatives.allSatisfy { $0.group == "negative:\(root.path)/rain.wav" })
        XCTAssertEqual(all.filter { $0.classIndex == 2 }.count, negatives.count, "only the negative is background")
    }

    /// Negatives always train, whatever the seed or fold deals (as `dataset split` writes them):
    /// validation and test keep only species recordings.
    func testNegativesAlwaysTrain() throws {
        var seen: Set<String> = []
        for extra in [["seed=1"], ["seed=2"], ["seed=3"], ["data.folds=3", "data.fold=1"], ["data.folds=3", "data.fold=3"]] {
            let data = try DatasetBuilder.build(config: try config(extra: extra))
            XCTAssertTrue(data.train.contains { $0.recording.hasSuffix("rain.wav") }, "\(extra)")
            XCTAssertFalse((data.validation + data.test).contains { $0.classIndex == 2 }, "\(extra)")
            seen.formUnion(data.validation.map(\.recording))
        }
        XCTAssertGreaterThan(seen.count, 2, "the species recordings still move between splits")
    }

    /// `data.split_seed` fixes the split while `seed` varies (a seed ensemble on one split); the
    /// runs without it above show that the seed alone moves recordings between splits.
    func testSplitSeedFixesTheSplitAcrossSeeds() throws {
        func splits(_ extra: [String]) throws -> [Set<String>] {
            let data = try DatasetBuilder.build(config: try config(extra: extra))
            return [Set(data.validation.map(\.recording)), Set(data.test.map(\.recording))]
        }
        let reference = try splits(["seed=1", "data.split_seed=1"])
        XCTAssertFalse(reference[0].isEmpty)
        for seed in 2...4 {
            XCTAssertEqual(try splits(["seed=\(seed)", "data.split_seed=1"]), reference, "seed \(seed)")
        }
        for fold in 1...3 {
            let folds = ["data.folds=3", "data.fold=\(fold)", "data.split_seed=5"]
            XCTAssertEqual(try splits(folds + ["seed=1"]), try splits(folds + ["seed=9"]), "fold \(fold)")
        }
    }

    func testANegativeAlsoUsedAsOverlayIsDecodedOnceWithTheSameWindows() throws {
        let negative = root.appendingPathComponent("rain.wav").path
        var config = try config(extra: ["augment.noise_files=[\(root.path)/rain.wav]"])
        let data = try DatasetBuilder.build(config: config)
        let fresh = ClipExtractor(config: config.clips, classes: data.classes).slidingClips(
            of: try DatasetBuilder.features(of: negative, extractor: FeatureExtractor(config: config.features)))
        XCTAssertEqual(data.noise.map(\.values), fresh.map(\.values))
        config.data.negatives = [root.appendingPathComponent("missing.wav").path]
        XCTAssertThrowsError(try DatasetBuilder.build(config: config)) { error in
            XCTAssertTrue("\(error)".contains("missing.wav") && "\(error)".contains("data.negatives"), "\(error)")
        }
    }

    /// augment.time_crop: training windows carry real context on each side (validation and
    /// test do not), and the trainer crops a network-wide stretch at a seeded random offset.
    func testTimeCropWidensTrainingWindowsWithRealContext() throws {
        let plain = try DatasetBuilder.build(config: try config())
        let crop = try config(extra: ["augment.time_crop=0.25"])
        let data = try DatasetBuilder.build(config: crop)
        let frames = crop.windowFrames, margin = crop.timeCropMarginFrames
        XCTAssertEqual(margin, Int((0.25 * Double(frames)).rounded()))
        XCTAssertTrue(data.train.allSatisfy { $0.features.frames == frames + 2 * margin })
        XCTAssertEqual(data.validation.map(\.features), plain.validation.map(\.features))
        XCTAssertEqual(data.test.map(\.features), plain.test.map(\.features))
        XCTAssertEqual(data.train.map(\.startSeconds), plain.train.map(\.startSeconds))
        // The middle of each widened window is the plain window; the sides are the recording's
        // neighbouring frames (or its quietest value past an end).
        let extractor = FeatureExtractor(config: crop.features)
        for (wide, narrow) in zip(data.train, plain.train) {
            XCTAssertEqual(wide.features.frames(margin..<(margin + frames)).values, narrow.features.values)
            let image = try DatasetBuilder.features(of: wide.recording, extractor: extractor)
            let start = Int((wide.startSeconds / image.secondsPerFrame).rounded())
            if start >= margin {
                XCTAssertEqual(wide.features.frames(0..<margin).values, image.frames((start - margin)..<start).values)
            } else {
                XCTAssertEqual(wide.features[0, 0], image.values.min())
            }
        }
        // Training on the wider windows: the network still sees the window length, and the run
        // is reproducible.
        var settings = crop
        settings.train.epochs = 1
        settings.train.stepsPerEpoch = 2
        settings.train.batchSize = 4
        settings.train.threads = 1
        let first = try Trainer(config: settings, data: data, log: { _ in })
        let second = try Trainer(config: settings, data: data, log: { _ in })
        let (a, b) = (try first.run(), try second.run())
        XCTAssertEqual(a.records.map(\.loss), b.records.map(\.loss))
        XCTAssertEqual(first.bundle().windowFrames, frames)
        // Overlay clips from a file that is also a negative stay window-long.
        let overlaid = try DatasetBuilder.build(
            config: try config(extra: ["augment.time_crop=0.25", "augment.noise_files=[\(root.path)/rain.wav]"]))
        XCTAssertFalse(overlaid.noise.isEmpty)
        XCTAssertTrue(overlaid.noise.allSatisfy { $0.frames == frames })
        XCTAssertTrue(overlaid.train.allSatisfy { $0.features.frames == frames + 2 * margin })
        XCTAssertThrowsError(try config(extra: ["augment.time_crop=1.5"])) { error in
            XCTAssertTrue("\(error)".contains("augment.time_crop"), "\(error)")
        }
    }

    func testNegativesNeedABackgroundLabel() throws {
        XCTAssertThrowsError(try DatasetBuilder.build(config: try config(extra: ["clips.background_label=\"\""]))) { error in
            XCTAssertTrue("\(error)".contains("clips.background_label"), "\(error)")
        }
    }

    func testMixupAndExtraStepsComeFromTheConfig() throws {
        let config = try ConfigLoader.resolve(
            yaml: """
                augment:
                  mixup: 0.5
                  mixup_alpha: 0.2
                  steps: [{name: time_stretch, min_rate: 0.9, max_rate: 1.1}, {name: frequency_shift, max_bins: 2}]
                """,
            source: "a.yaml")
        let names = config.augment.pipeline(frames: 16, hasBackgrounds: false).steps.map(\.name)
        XCTAssertEqual(names, [.timeStretch, .frequencyShift, .mixup])
        XCTAssertThrowsError(try ConfigLoader.resolve(yaml: "augment: {steps: [{name: samplewise_center}]}", source: "a.yaml")) {
            XCTAssertTrue("\($0)".contains("augment.steps[0]"), "\($0)")
        }
        XCTAssertThrowsError(try ConfigLoader.resolve(yaml: "augment: {mixup: 2}", source: "a.yaml")) {
            XCTAssertTrue("\($0)".contains("augment.mixup"), "\($0)")
        }
    }

    // Mixup makes soft targets; the softmax loss must use them and training must still work.
    func testCNNWithMixupStillLearns() throws {
        let data = TrainSyntheticData.data()
        var config = try TrainSyntheticData.config(.cnn, epochs: 10)
        config.augment.mixup = 0.5
        config.augment.mixupAlpha = 0.2
        let trainer = try Trainer(config: config, data: data, log: { _ in })
        _ = try trainer.run()
        XCTAssertGreaterThan(try trainer.evaluate(data.test).accuracy, 0.95)
    }

    func testNoisyEvaluationMixesEveryWindowDeterministically() throws {
        let path = try writeRecording("wind.wav", hz: nil)
        let features = FeatureConfig()
        let frames = 16
        let clean = (0..<3).map { c in
            Example(
                features: FeatureImage(
                    bins: features.nMels, frames: frames,
                    values: [Float](repeating: -60 + Float(c), count: frames * features.nMels),
                    secondsPerFrame: features.secondsPerFrame,
                    binFrequencies: [Float](repeating: 1000, count: features.nMels)),
                classIndex: c, targets: [0, 0, 0], recording: "r\(c)", group: "g", startSeconds: 0)
        }
        let first = try ModelEvaluation.withNoise(clean, features: features, noiseFiles: [path], snrDB: 0, seed: 9)
        let again = try ModelEvaluation.withNoise(clean, features: features, noiseFiles: [path], snrDB: 0, seed: 9)
        XCTAssertEqual(first.map(\.features.values), again.map(\.features.values))
        for (noisy, original) in zip(first, clean) {
            XCTAssertNotEqual(noisy.features.values, original.features.values)
            XCTAssertEqual(noisy.classIndex, original.classIndex)
        }
        XCTAssertThrowsError(try ModelEvaluation.withNoise(clean, features: features, noiseFiles: ["/nonexistent.wav"], snrDB: 0, seed: 1))
    }
}
