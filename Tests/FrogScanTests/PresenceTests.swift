import FrogAudio
@testable import FrogConfig
@testable import FrogCore
import FrogData
@testable import FrogDetect
import FrogDSP
@testable import FrogEvaluate
@testable import FrogModel
import FrogNN
@testable import FrogSurvey
@testable import FrogSynth
import FrogTestSupport
@testable import FrogTrain
import XCTest

/// Presence (the survey figure), the decision rule every command shares, thresholds chosen
/// against a false-positive budget, `calibrate`, and negatives from folders and manifests.
final class PresenceTests: XCTestCase {
    private var root: URL!

    override func setUpWithError() throws { root = SharedData.temporaryDirectory("presence") }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: root) }

    // MARK: - Counting

    func testPresenceOnAHandMadeSetGivesExactFigures() {
        let files = [
            PresenceMetrics.File(path: "a.wav", seconds: 300, truth: ["A"], detections: ["A": 2]),
            PresenceMetrics.File(path: "b.wav", seconds: 300, truth: ["B"], detections: ["A": 1]),
            PresenceMetrics.File(path: "c.wav", seconds: 60, truth: ["A", "B"], detections: ["A": 1, "B": 3]),
            PresenceMetrics.File(path: "rain.wav", seconds: 1800, truth: [], detections: ["A": 2, "B": 1]),
            PresenceMetrics.File(path: "wind.wav", seconds: 1800, truth: [], detections: [:]),
        ]
        let p = PresenceMetrics(species: ["A", "B", "C"], files: files)
        // A: found in a and c, falsely in b and rain. B: found in c, missed in b, falsely in rain.
        XCTAssertEqual(p.perSpecies[0], ClassMetrics(truePositives: 2, falsePositives: 2, falseNegatives: 0))
        XCTAssertEqual(p.perSpecies[1], ClassMetrics(truePositives: 1, falsePositives: 1, falseNegatives: 1))
        XCTAssertEqual(p.perSpecies[0].f1, 4.0 / 6.0, accuracy: 1e-12)
        // C has no labelled file: listed, left out of the macro mean.
        XCTAssertEqual(p.perSpecies[2].support, 0)
        XCTAssertEqual(p.macro.f1, (4.0 / 6.0 + 0.5) / 2, accuracy: 1e-12)
        XCTAssertEqual(p.macro.precision, 0.5, accuracy: 1e-12)
        XCTAssertEqual(p.macro.recall, 0.75, accuracy: 1e-12)
        XCTAssertEqual(p.frogFreeFiles, 2)
        XCTAssertEqual(p.falseDetections, 3)
        XCTAssertEqual(p.falsePerHour!, 3, accuracy: 1e-12)  // 3 detections in one hour of frog-free audio
        XCTAssertEqual(p.falsePerHour(species: 0)!, 2, accuracy: 1e-12)
        XCTAssertEqual(p.frogFreeShare!, 0.5, accuracy: 1e-12)
        let json = p.json(minWindows: 2)
        XCTAssertTrue(json.contains("\"false_detections_per_hour\": 3.000000"), json)
        XCTAssertTrue(json.contains("\"frog_free_file_share\": 0.500000"), json)
        XCTAssertTrue(p.filesCSV().contains("rain.wav,1800.000,1,,A:2;B:1\n"), p.filesCSV())
        let csv = p.perSpeciesCSV(thresholds: ["A": 0.5])
        XCTAssertTrue(csv.contains("\nA,2,2,2,0,0.500000,1.000000,0.666667,2,2.000000,0.50000\n"), csv)
    }

    func testNoFrogFreeAudioLeavesTheFalseAlarmFiguresUndefined() {
        let p = PresenceMetrics(species: ["A"], files: [.init(path: "a", seconds: 10, truth: ["A"], detections: [:])])
        XCTAssertNil(p.falsePerHour)
        XCTAssertNil(p.frogFreeShare)
        XCTAssertTrue(p.json(minWindows: 1).contains("\"false_detections_per_hour\": null"))
    }

    // MARK: - The rule

    private func windows(_ scores: [Float], hop: Double = 0.5, length: Double = 1) -> [ScoredWindow] {
        scores.enumerated().map { ScoredWindow(start: Double($0.offset) * hop, end: Double($0.offset) * hop + length, scores: [$0.element, 1 - $0.element]) }
    }

    func testMinWindowsDropsEventsWithFewerPositiveWindows() {
        // One lone positive window (t = 0), then a gap, then three in a row (t = 2.5 … 3.5).
        let scan = PresenceEvaluation.Scan(path: "x", seconds: 10, truth: [], windows: windows([0.9, 0.1, 0.1, 0.1, 0.1, 0.8, 0.9, 0.7, 0.1]))
        let one = PresenceEvaluation.detections(of: scan, classes: ["A", "noise"], reported: [true, false], thresholds: [0.5, 0.5], minWindows: 1)
        let two = PresenceEvaluation.detections(of: scan, classes: ["A", "noise"], reported: [true, false], thresholds: [0.5, 0.5], minWindows: 2)
        let four = PresenceEvaluation.detections(of: scan, classes: ["A", "noise"], reported: [true, false], thresholds: [0.5, 0.5], minWindows: 4)
        XCTAssertEqual(one, ["A": 2])
        XCTAssertEqual(two, ["A": 1])
        XCTAssertEqual(four, [:])
    }

    func testBudgetCounterAgreesWithTheMerger() {
        var generator = SeededRNG(seed: 11)
        let scans = (0..<6).map { i in
            PresenceEvaluation.Scan(
                path: "f\(i)", seconds: 60, truth: [],
                windows: windows((0..<100).map { _ in generator.uniform() }))
        }
        for threshold: Float in [0.2, 0.5, 0.7, 0.9, 0.97] {
            for minWindows in 1...3 {
                let merged = scans.reduce(0) {
                    $0 + (PresenceEvaluation.detections(
                        of: $1, classes: ["A", "noise"], reported: [true, false], thresholds: [threshold, 1],
                        minWindows: minWindows)["A"] ?? 0)
                }
                XCTAssertEqual(
                    PresenceThresholds.detections(of: 0, threshold: threshold, in: scans, minWindows: minWindows), merged,
                    "threshold \(threshold), min windows \(minWindows)")
            }
        }
    }

    func testBudgetThresholdIsTheLowestThatKeepsTheBudget() {
        var generator = SeededRNG(seed: 5)
        // Two hours of frog-free windows; a budget of 10 per hour allows 20 detections.
        let scans = (0..<4).map { i in
            PresenceEvaluation.Scan(
                path: "n\(i)", seconds: 1800, truth: [], windows: windows((0..<400).map { _ in generator.uniform() * generator.uniform() }))
        }
        for minWindows in [1, 2] {
            let chosen = PresenceThresholds.withinBudget(
                frogFree: scans, classCount: 2, reported: [true, false], maxFalsePerHour: 10, minWindows: minWindows)
            XCTAssertNil(chosen[1], "background classes get none")
            let threshold = chosen[0]!
            XCTAssertLessThanOrEqual(PresenceThresholds.detections(of: 0, threshold: threshold, in: scans, minWindows: minWindows), 20)
            // The score just below it breaks the budget: nothing lower was allowed.
            XCTAssertGreaterThan(PresenceThresholds.detections(of: 0, threshold: threshold.nextDown, in: scans, minWindows: minWindows), 20)
        }
    }

    func testRuleSweepListsEveryRuleWithTheFiguresOfThatRule() throws {
        var generator = SeededRNG(seed: 3)
        let classes = ["A", "noise"]
        func scan(_ name: String, truth: Set<String>) -> PresenceEvaluation.Scan {
            .init(path: name, seconds: 600, truth: truth, windows: windows((0..<300).map { _ in generator.uniform() }))
        }
        let scans = [scan("a1", truth: ["A"]), scan("a2", truth: ["A"]), scan("n1", truth: []), scan("n2", truth: [])]
        let floor: [Float] = [0.6, 0.5]
        let rows = try CSVRecords.parse(
            CrossValidation.ruleSweep(scans: scans, classes: classes, background: ["noise"], floor: floor), source: "sweep")
        XCTAssertEqual(rows[0].fields, [
            "min_windows", "min_threshold", "max_false_per_hour", "presence_macro_f1", "precision", "recall", "false_per_hour",
            "frog_free_share",
        ])
        XCTAssertEqual(rows.count - 1, 4 * 4 * 6, "min_windows 1-4 × 4 floors × (max-F1 + 5 budgets)")
        // One row recomputed by hand: 2 windows, floor 0.9, budget 10 per hour.
        let raised = PresenceThresholds.raised(
            floor.map { max($0, 0.9) }, scans: scans, classes: classes, background: ["noise"], maxFalsePerHour: 10, minWindows: 2)
        let expected = PresenceEvaluation.metrics(
            scans: scans, classes: classes, background: ["noise"], thresholds: raised.thresholds, minWindows: 2)
        let row = try XCTUnwrap(rows.first { $0.fields.prefix(3) == ["2", "0.9", "10"] })
        XCTAssertEqual(Double(row.fields[3])!, expected.macro.f1, accuracy: 1e-3)
        XCTAssertEqual(Double(row.fields[6])!, expected.falsePerHour!, accuracy: 0.05)
        XCTAssertLessThanOrEqual(Double(row.fields[6])!, 10, "the budget holds on the audio it was chosen on")
    }

    /// Synthetic recordings: calls of "low" (700 Hz) and "high" (3.5 kHz) and a frog-free one
    /// with short 3.5 kHz clicks (one window each), which min_windows 2 must ignore.
    private func writeRecordings() throws -> URL {
        let folder = root.appendingPathComponent("site")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let files: [(String, [SyntheticRecording.Call])] = [
            ("20240101_200000.wav", [.init(hz: 700, start: 1, end: 4), .init(hz: 3500, start: 5.994, end: 6.294)]),
            ("20240101_210000.wav", [.init(hz: 3500, start: 0.5, end: 3.5)]),
            ("20240101_220000.wav", [.init(hz: 3500, start: 1.898, end: 2.198), .init(hz: 3500, start: 5.994, end: 6.294)]),
        ]
        for (name, calls) in files {
            try SyntheticRecording.write(to: folder.appendingPathComponent(name).path, seconds: 8, calls: calls)
        }
        return folder
    }

    func testTheRuleAModelCarriesIsWhatDetectSurveyAndEvaluateApply() throws {
        let folder = try writeRecordings()
        var classifier = BandEnergyClassifier()
        classifier.decision = DecisionRule(minWindows: 2)
        let model = classifier
        let paths = try RecordingDiscovery.recordings(in: [folder.path])

        // detect
        let detected = try DetectionRun(
            options: .init(inputs: [folder.path], outputFolder: root.appendingPathComponent("out")),
            makeClassifier: { model }).run()
        var byDetect: [String: [String: Int]] = [:]
        for outcome in detected.outcomes {
            for record in outcome.records { byDetect[outcome.file, default: [:]][record.detection.species, default: 0] += 1 }
        }
        // evaluate's presence (scan once, replay the rule)
        let scans = try PresenceEvaluation.scan(
            classifier: model, files: paths.map { ($0, Set<String>()) }, backgrounds: [])
        let presence = PresenceEvaluation.metrics(scans: scans, classifier: model)
        for file in presence.files { XCTAssertEqual(file.detections, byDetect[file.path] ?? [:], file.path) }
        // the lone short clicks were dropped by the rule, the real calls kept
        XCTAssertEqual(byDetect[paths[2]] ?? [:], [:])
        XCTAssertEqual(byDetect[paths[0]]?["low"], 1)
        XCTAssertNil(byDetect[paths[0]]?["high"])
        XCTAssertEqual(byDetect[paths[1]]?["high"], 1)
        // with the rule switched off the clicks are detections
        let loose = PresenceEvaluation.metrics(
            scans: scans, classes: model.classes, background: model.backgroundClasses, thresholds: model.thresholds, minWindows: 1)
        XCTAssertEqual(loose.files[2].detections["high"], 2)

        // survey run: the same detections per recording
        let db = try SurveyDatabase(path: root.appendingPathComponent("survey.sqlite").path)
        _ = try SurveyJob(root: root, database: db, config: SurveyConfig(), makeClassifier: { model }).run(arguments: "test")
        let reports = root.appendingPathComponent("reports")
        try SurveyReports(database: db, time: SurveyTime(siteZone: TimeZone(identifier: "UTC")!)).write(to: reports)
        let rows = try CSVRecords.parse(try String(contentsOf: reports.appendingPathComponent("recordings.csv"), encoding: .utf8), source: "recordings.csv")
        let column = rows[0].fields.firstIndex(of: "detections")!
        let surveyed = rows.dropFirst().map { Int($0.fields[column])! }
        XCTAssertEqual(surveyed, paths.map { byDetect[$0]?.values.reduce(0, +) ?? 0 })

        // A rerun with another rule is another analysis, not "already done": the clicks come back.
        XCTAssertEqual(DetectionSettings().analysisTag, "")
        let again = try SurveyJob(
            root: root, database: db, config: SurveyConfig(), settings: DetectionSettings(minWindows: 1),
            makeClassifier: { model }).run(arguments: "test --min-windows 1")
        XCTAssertEqual(again.processed, paths.count)
        try SurveyReports(database: db, time: SurveyTime(siteZone: TimeZone(identifier: "UTC")!)).write(to: reports)
        let looser = try CSVRecords.parse(try String(contentsOf: reports.appendingPathComponent("recordings.csv"), encoding: .utf8), source: "recordings.csv")
        XCTAssertEqual(Int(looser[3].fields[column]), 2, "the two clicks of the third file")
    }

    func testTheDecisionRuleIsStoredInTheModelFile() throws {
        let bundle = try tinyModel()
        bundle.decision = DecisionRule(minWindows: 3, thresholdMode: "false_positive_budget", maxFalsePerHour: 12, calibration: "test")
        let path = root.appendingPathComponent("m.safetensors").path
        try bundle.save(to: path)
        XCTAssertEqual(try ModelBundle.load(path: path).decision, bundle.decision)
    }

    // MARK: - calibrate

    /// A small untrained CNN on the detection tests' 16 kHz, 32-mel features: its scores are arbitrary, which is all
    /// a budget needs.
    private func tinyModel(seed: UInt64 = 3) throws -> ModelBundle {
        let features = BandEnergyClassifier().featureConfig
        var config = RunConfig()
        config.model.convLayers = 2
        config.model.filters = [4, 4]
        config.model.denseUnits = []
        let layout = InputLayout(arrangement: .image, normalization: .peak, bins: 32, frames: 32)
        let network = try ModelFactory.network(config: config.model, inputShape: layout.sampleShape, classCount: 3, seed: seed)
        return ModelBundle(
            network: network, layout: layout, head: .softmax, classes: ["low", "high", "noise"], featureConfig: features,
            thresholds: [0.2, 0.2, 0.5], backgroundClasses: ["noise"],
            provenance: .init(configFingerprint: "x", data: "test", date: "2026-12-06", frogscanVersion: "test", run: "test", epoch: 1))
    }

    func testCalibrationMeetsItsBudgetOnTheCalibrationFiles() throws {
        var settings = RunConfig.SyntheticNegativesSection()
        settings.files = 4
        settings.seconds = 20
        let files = try SyntheticNegatives.files(settings, sampleRate: 16_000, folder: root.path)
        XCTAssertEqual(files.count, 4)
        let model = try tinyModel()
        let before = PresenceEvaluation.metrics(
            scans: try PresenceEvaluation.scan(classifier: model, files: [], backgrounds: files), classifier: model)
        XCTAssertGreaterThan(before.falseDetections, 0, "an untrained model at 0.2 fires on noise")
        let outcome = try Calibration.run(model: model, backgrounds: files, maxFalsePerHour: 90, minWindows: 2)
        let hours = 80.0 / 3600
        let after = PresenceEvaluation.metrics(
            scans: try PresenceEvaluation.scan(classifier: outcome.model, files: [], backgrounds: files), classifier: outcome.model)
        for index in after.species.indices {
            XCTAssertLessThanOrEqual(Double(after.falseDetectionsBySpecies[index]), 90 * hours, after.species[index])
        }
        XCTAssertTrue(zip(outcome.rows.map(\.before), outcome.rows.map(\.after)).allSatisfy { $0 <= $1 }, "never lowered")
        XCTAssertEqual(outcome.model.decision.minWindows, 2)
        XCTAssertEqual(outcome.model.decision.maxFalsePerHour, 90)
        XCTAssertTrue(outcome.model.decision.calibration?.contains("4 frog-free files") ?? false, "\(outcome.model.decision)")
        // The calibrated model round-trips with its rule.
        let path = root.appendingPathComponent("calibrated.safetensors").path
        try outcome.model.save(to: path)
        XCTAssertEqual(try ModelBundle.load(path: path).thresholds, outcome.model.thresholds)
    }

    func testSyntheticNegativesAreSeededAndVaried() throws {
        var settings = RunConfig.SyntheticNegativesSection()
        settings.files = 4
        settings.seconds = 2
        let a = try SyntheticNegatives.files(settings, sampleRate: 22_050, folder: root.appendingPathComponent("a").path)
        let b = try SyntheticNegatives.files(settings, sampleRate: 22_050, folder: root.appendingPathComponent("b").path)
        XCTAssertEqual(a.map { ($0 as NSString).lastPathComponent }, ["001-crickets.wav", "002-rain.wav", "003-wind.wav", "004-traffic.wav"])
        for (x, y) in zip(a, b) { XCTAssertEqual(FileManager.default.contents(atPath: x), FileManager.default.contents(atPath: y)) }
        let levels = try a.map { path -> Float in
            let samples = try AudioFile.read(path: path, targetRate: 22_050)[0]
            return (samples.map { $0 * $0 }.reduce(0, +) / Float(samples.count)).squareRoot()
        }
        XCTAssertEqual(Set(levels.map { Int(20 * log10($0)) }).count, 4, "levels differ: \(levels)")
    }

    /// The non-frog families put their energy where they should: bird whistles high, rumbles
    /// and voices low, knocks broadband; and the default kinds stay the steady field four.
    func testNonFrogSoundFamiliesHaveTheirSpectra() throws {
        XCTAssertEqual(RunConfig.SyntheticNegativesSection().kinds, [.crickets, .rain, .wind, .traffic])
        let rate = 22_050
        func share(_ kind: SyntheticNegatives.Kind, _ low: Double, _ high: Double) -> Double {
            var random = SynthRandom(seed: 7)
            let x = SyntheticNegatives.audio(kind, seconds: 12, rate: rate, random: &random)
            let range = 0..<x.count
            let band = SynthBandEnergy.power(x, range: range, rate: rate, lowHz: low, highHz: high)
            let all = SynthBandEnergy.power(x, range: range, rate: rate, lowHz: 20, highHz: Double(rate) / 2)
            XCTAssertGreaterThan(all, 0, "\(kind) is not silent")
            return band / all
        }
        XCTAssertGreaterThan(share(.birds, 1_000, 10_000), 0.6)
        XCTAssertGreaterThan(share(.rumble, 20, 700), 0.8)
        XCTAssertGreaterThan(share(.voices, 60, 3_000), 0.8)
        XCTAssertGreaterThan(share(.knocks, 2_000, 11_000), 0.02, "knocks reach the highs")
    }

    // MARK: - Negatives from folders and manifests

    func testNegativesFromAFolderAndManifests() throws {
        let folder = root.appendingPathComponent("negs/audio")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for name in ["b.wav", "a.wav"] { try SyntheticRecording.write(to: folder.appendingPathComponent(name).path, seconds: 1, calls: []) }
        let csv = root.appendingPathComponent("negs/manifest.csv")
        try "file,label\naudio/a.wav,NEG_rain\n".write(to: csv, atomically: true, encoding: .utf8)
        let txt = root.appendingPathComponent("list.txt")
        try "# frog-free\nnegs/audio/b.wav\n\n".write(to: txt, atomically: true, encoding: .utf8)
        XCTAssertEqual(try AudioSources.expand([folder.path], what: "data.negatives"), [folder.path + "/a.wav", folder.path + "/b.wav"])
        XCTAssertEqual(try AudioSources.expand([csv.path], what: "data.negatives"), [root.path + "/negs/audio/a.wav"])
        XCTAssertEqual(try AudioSources.expand([txt.path, txt.path], what: "data.negatives"), [root.path + "/negs/audio/b.wav"])
        // A manifest naming a missing file: the manifest's line is in the error.
        try "file\naudio/a.wav\naudio/gone.wav\n".write(to: csv, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try AudioSources.expand([csv.path], what: "data.negatives")) { error in
            XCTAssertTrue("\(error)".contains("manifest.csv line 3"), "\(error)")
        }
        try "name\nx.wav\n".write(to: csv, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try AudioSources.expand([csv.path], what: "data.negatives")) { error in
            XCTAssertTrue("\(error)".contains("'file' column"), "\(error)")
        }
    }

    func testNegativesFolderTrainsAndAShareIsHeldOutForValidation() throws {
        let negatives = root.appendingPathComponent("negatives")
        try FileManager.default.createDirectory(at: negatives, withIntermediateDirectories: true)
        for i in 0..<4 { try SyntheticRecording.write(to: negatives.appendingPathComponent("n\(i).wav").path, seconds: 3, rate: 22_050, calls: []) }
        for i in 0..<3 {
            try SyntheticRecording.write(to: root.appendingPathComponent("low_\(i).wav").path, seconds: 3, rate: 22_050, calls: [.init(hz: 500, start: 0, end: 3)])
            try SyntheticRecording.write(to: root.appendingPathComponent("high_\(i).wav").path, seconds: 3, rate: 22_050, calls: [.init(hz: 4000, start: 0, end: 3)])
        }
        let csv = "file,label\n" + (0..<3).map { "low_\($0).wav,low\nhigh_\($0).wav,high\n" }.joined()
        try csv.write(to: root.appendingPathComponent("labels.csv"), atomically: true, encoding: .utf8)
        var log: [String] = []
        let config = try ConfigLoader.resolve(
            yaml: "", source: "test",
            overrides: [
                "data.recordings=\(root.path)", "data.labels=\(root.path)/labels.csv", "data.negatives=[\(negatives.path)]",
                "data.validation_negatives=0.25", "data.synthetic_negatives.files=2", "data.synthetic_negatives.seconds=3",
                "data.validation_fraction=0.3", "data.test_fraction=0.3", "data.cache=\(root.path)/cache",
            ])
        let data = try DatasetBuilder.build(config: config, log: { log.append($0) })
        XCTAssertEqual(data.validationBackgrounds.count, 1, "a quarter of the 4 real negatives")
        let held = data.validationBackgrounds[0]
        XCTAssertTrue(held.hasPrefix(negatives.path))
        XCTAssertTrue(data.validation.contains { $0.recording == held && $0.classIndex == 2 })
        XCTAssertFalse(data.train.contains { $0.recording == held })
        let trainedNegatives = Set(data.train.filter { $0.classIndex == 2 }.map(\.recording))
        XCTAssertEqual(trainedNegatives.count, 5, "3 real + 2 synthetic negatives train: \(trainedNegatives)")
        let report = log.joined(separator: "\n")
        XCTAssertTrue(report.contains("negatives: 3 file(s)"), report)
        XCTAssertTrue(report.contains("synthetic crickets: 1 file(s)"), report)
        XCTAssertTrue(report.contains("held out as frog-free validation audio"), report)
    }

    func testBudgetModeNeedsHeldOutNegatives() throws {
        XCTAssertThrowsError(try ConfigLoader.resolve(yaml: "", source: "test", overrides: ["evaluate.threshold=false_positive_budget"])) { error in
            XCTAssertTrue("\(error)".contains("data.validation_negatives"), "\(error)")
        }
        XCTAssertThrowsError(try ConfigLoader.resolve(yaml: "", source: "test", overrides: ["evaluate.min_windows=0"])) { error in
            XCTAssertTrue("\(error)".contains("evaluate.min_windows"), "\(error)")
        }
    }
}
