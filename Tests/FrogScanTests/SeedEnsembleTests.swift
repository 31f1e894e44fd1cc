@testable import FrogConfig
import FrogDetect
import FrogEvaluate
@testable import FrogModel
import FrogSynth
import FrogTestSupport
@testable import FrogTrain
import XCTest

/// `train.seeds`: several seeds on one split, kept as one ensemble whose rule is chosen on its
/// own validation scores.
final class SeedEnsembleTests: XCTestCase {
    private var root: URL!

    override func setUpWithError() throws { root = SharedData.temporaryDirectory("seeds") }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: root) }

    func testMembersDifferInSeedOnlyAndShareTheSplitSeed() throws {
        var config = RunConfig()
        config.name = "x"
        config.seed = 7
        config.train.seeds = 3
        let members = SeedEnsemble.members(of: config)
        XCTAssertEqual(members.map(\.seed), [7, 8, 9])
        XCTAssertEqual(members.map(\.splitSeed), [7, 7, 7])
        XCTAssertEqual(members.map(\.name), ["x-seed7", "x-seed8", "x-seed9"])
        XCTAssertEqual(members.map(\.train.seeds), [1, 1, 1])
        config.data.splitSeed = 2
        XCTAssertEqual(SeedEnsemble.members(of: config).map(\.splitSeed), [2, 2, 2])
        var member = members[1]
        member.seed = config.seed
        member.name = config.name
        member.train.seeds = config.train.seeds
        member.data.splitSeed = nil
        XCTAssertEqual(member, { var c = config; c.data.splitSeed = nil; return c }(), "nothing else changes")
        XCTAssertThrowsError(try ConfigLoader.resolve(yaml: "", source: "test", overrides: ["train.seeds=0"])) { error in
            XCTAssertTrue("\(error)".contains("train.seeds"), "\(error)")
        }
    }

    func testMeanScansAverageWindowByWindowAndRefuseDifferentWindows() throws {
        func scan(_ path: String, _ scores: [[Float]]) -> PresenceEvaluation.Scan {
            .init(path: path, seconds: 2, truth: [], windows: scores.enumerated().map {
                ScoredWindow(start: Double($0.offset) * 0.5, end: Double($0.offset) * 0.5 + 1, scores: $0.element)
            })
        }
        let a = [scan("f", [[0.5, 0.5], [1, 0]])], b = [scan("f", [[0.25, 0.75], [0, 1]])]
        let mean = try XCTUnwrap(SeedEnsemble.meanScans([a, b]))
        XCTAssertEqual(mean[0].windows.map(\.scores), [[0.375, 0.625], [0.5, 0.5]])
        XCTAssertNil(SeedEnsemble.meanScans([a, [scan("g", [[0.4, 0.6], [0, 1]])]]), "another file")
        XCTAssertNil(SeedEnsemble.meanScans([a, [scan("f", [[0.4, 0.6]])]]), "other windows")
    }

    /// Two seeds of a tiny CNN on two synthetic species and frog-free files: the folder's
    /// thresholds are the budget rule chosen on the ensemble's own validation scores and scans
    /// (recomputed here from the saved members), the folder loads as that ensemble with them,
    /// and it is the newest run, so commands without --model use it.
    func testTheEnsembleRuleIsChosenOnItsOwnValidationScores() throws {
        let negatives = root.appendingPathComponent("negatives")
        try FileManager.default.createDirectory(at: negatives, withIntermediateDirectories: true)
        for i in 0..<4 {
            try SyntheticRecording.write(
                to: negatives.appendingPathComponent("n\(i).wav").path, seconds: 3, rate: 8_000,
                calls: [.init(hz: 1_200 + 300 * Double(i), start: 1, end: 1.3)])
        }
        var labels = "file,label\n"
        for i in 0..<4 {
            try SyntheticRecording.write(
                to: root.appendingPathComponent("low_\(i).wav").path, seconds: 3, rate: 8_000, calls: [.init(hz: 500 + 20 * Double(i), start: 0.5, end: 2.5)])
            try SyntheticRecording.write(
                to: root.appendingPathComponent("high_\(i).wav").path, seconds: 3, rate: 8_000, calls: [.init(hz: 2_500 + 50 * Double(i), start: 0.5, end: 2.5)])
            labels += "low_\(i).wav,low\nhigh_\(i).wav,high\n"
        }
        try labels.write(to: root.appendingPathComponent("labels.csv"), atomically: true, encoding: .utf8)
        let config = try ConfigLoader.resolve(
            yaml: "", source: "test",
            overrides: [
                "name=tiny", "seed=3", "train.seeds=2", "data.recordings=\(root.path)", "data.labels=\(root.path)/labels.csv",
                "data.negatives=[\(negatives.path)]", "data.validation_negatives=0.5", "data.validation_fraction=0.25",
                "data.test_fraction=0.25", "data.cache=\(root.path)/cache", "features.sample_rate=8000", "features.n_fft=256",
                "features.hop_length=128", "features.n_mels=16", "features.fmax=4000", "clips.seconds=0.5", "clips.hop_seconds=0.25",
                "model.conv_layers=2", "model.filters=[8,8]", "model.dense_units=[]", "train.epochs=2", "train.batch_size=16",
                "train.learning_rate=0.01", "evaluate.threshold=false_positive_budget", "evaluate.max_false_per_hour=0",
            ])
        let runs = root.appendingPathComponent("runs")
        let outcome = try SeedEnsemble.run(config: config, outputRoot: runs.path, log: { _ in })
        XCTAssertEqual(outcome.members.count, 2)
        let splits = try outcome.members.map { try String(contentsOfFile: $0.folder.splitPath, encoding: .utf8) }
        XCTAssertEqual(splits[0], splits[1], "one split")
        XCTAssertTrue(outcome.folder.hasSuffix("-tiny-ensemble"), outcome.folder)

        // The rule, recomputed from the saved members on member 1's validation data.
        let models = try outcome.members.map { try ModelBundle.load(path: $0.folder.modelPath) }
        let ensemble = try ModelEnsemble(models, names: outcome.members.map(\.folder.modelPath))
        let data = try DatasetBuilder.build(config: SeedEnsemble.members(of: config)[0])
        XCTAssertFalse(data.validationBackgrounds.isEmpty)
        let scores = try ensemble.scores(data.validation.map(\.features))
        let scans = try PresenceEvaluation.scan(
            classifier: ensemble,
            files: PresenceEvaluation.truth(of: data.validation, classes: ensemble.classes, background: ensemble.backgroundClasses),
            backgrounds: [])
        let expected = PresenceThresholds.raised(
            SplitEvaluation.chooseThresholds(classes: ensemble.classes, windows: data.validation, scores: scores, settings: config.evaluate),
            scans: scans, classes: ensemble.classes, background: ensemble.backgroundClasses, maxFalsePerHour: 0,
            minWindows: config.evaluate.minWindows
        ).thresholds
        let source = try ModelSource.resolve(outcome.folder)
        XCTAssertEqual(source.files, outcome.members.map(\.folder.modelPath))
        XCTAssertEqual(source.thresholdsMode, "seed_ensemble_false_positive_budget")
        let rule = try XCTUnwrap(source.decision, "decision.json")
        XCTAssertEqual(rule.minWindows, config.evaluate.minWindows)
        XCTAssertEqual(rule.maxFalsePerHour, 0)
        XCTAssertTrue(rule.calibration?.hasPrefix("validation: ") ?? false, "\(rule)")
        let stored = try XCTUnwrap(source.thresholds)
        for (name, value) in zip(ensemble.classes, expected) {
            XCTAssertEqual(try XCTUnwrap(stored[name]), value, accuracy: 1e-4, name)
        }
        // Not what the members' own thresholds average to (the reason for choosing them anew).
        let averaged = ensemble.thresholds
        XCTAssertTrue(zip(averaged, expected).contains { abs($0 - $1) > 1e-3 }, "\(averaged) \(expected)")

        let loaded = try XCTUnwrap(try ModelEnsemble.load(paths: [outcome.folder]) as? ModelEnsemble)
        XCTAssertEqual(loaded.thresholds, ensemble.classes.map { stored[$0]! })
        XCTAssertEqual(loaded.decision, rule)
        XCTAssertEqual(ModelLocation.newestRunModel(in: runs), outcome.folder)
        XCTAssertNotNil(outcome.test?.presence, "the ensemble's test report measures presence")
    }
}
