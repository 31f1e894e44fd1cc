import Foundation
import FrogAudio
import FrogData
import FrogTestSupport
import XCTest

@testable import FrogConfig
@testable import FrogTrain

/// Issue 20 item 3: errors about data and run folders say what is wrong with a path that
/// exists, instead of "<path> does not exist" (ConfigError.missingData) or "cannot read
/// configuration" (a failed append to metrics.csv).
final class DataErrorTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = SharedData.temporaryDirectory("data-error")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    /// Every message, word for word: the path, what is wrong and what to do.
    func testMessages() {
        let cases: [(DataError, String)] = [
            (.noTrainingWindows(recordings: "rec", labels: "lab.csv"),
             "no training windows: the labels in lab.csv gave no window of a training recording in rec (no label matched a "
                + "recording, or every labelled recording went to validation or test); run 'frogscan dataset check "
                + "--recordings rec --labels lab.csv' and look at data.split_file, data.validation_fraction and data.test_fraction"),
            (.noValidationWindows(recordings: "rec", labels: "lab.csv"),
             "no validation windows: none of the labelled recordings in rec (labels lab.csv) went to the validation split; "
                + "add recordings (or groups), raise data.validation_fraction, or check data.split_file"),
            (.tooFewClasses(labels: "lab.csv", found: ["noise"]),
             "training needs at least 2 classes (the background class counts), and the labels in lab.csv give 1: noise; "
                + "label calls of more species ('frogscan dataset summary' shows what was read), keep "
                + "clips.background_label set so call-free windows train a 'no frog' class, or check data.ignore and data.aliases"),
            (.emptySplit(split: "test", splitFile: "runs/A/split.csv", recordings: 3),
             "runs/A/split.csv puts none of the 3 recording(s) given in split 'test'; pass the recordings the model was "
                + "trained on, or another --split"),
            (.notARunFolder(path: "runs/x", reason: "it is a file, not a folder"),
             "runs/x is not a run folder: it is a file, not a folder (expected runs/<time>-<name>/, as frogscan train writes)"),
            (.noCheckpoint(run: "runs/A", checkpoint: "runs/A/checkpoint.safetensors"),
             "nothing to resume in runs/A: it has no checkpoint.safetensors yet (the run stopped before its first epoch "
                + "ended); start the training again without --resume"),
            (.cannotAppend(path: "runs/A/metrics.csv", reason: "it is not writable"),
             "cannot append to runs/A/metrics.csv: it is not writable; the run folder must stay in place and writable "
                + "while training runs"),
        ]
        for (error, message) in cases {
            XCTAssertEqual(error.description, message)
            XCTAssertFalse(error.description.contains("does not exist"), message)
            XCTAssertFalse(error.description.contains("configuration"), message)
        }
    }

    func testTrainerWithoutTrainingOrValidationWindowsSaysSo() throws {
        let config = try TrainSyntheticData.config(.cnn, epochs: 1)
        let full = TrainSyntheticData.data(classes: 2)
        let noTrain = TrainingData(classes: full.classes, train: [], validation: full.validation, test: full.test)
        XCTAssertThrowsError(try Trainer(config: config, data: noTrain, log: { _ in })) { error in
            XCTAssertEqual(error as? DataError, .noTrainingWindows(recordings: config.data.recordings, labels: config.data.labels))
        }
        let noValidation = TrainingData(classes: full.classes, train: full.train, validation: [], test: full.test)
        XCTAssertThrowsError(try Trainer(config: config, data: noValidation, log: { _ in })) { error in
            XCTAssertEqual(error as? DataError, .noValidationWindows(recordings: config.data.recordings, labels: config.data.labels))
        }
    }

    func testPreviewWithoutTrainingWindowsSaysSo() throws {
        let config = try TrainSyntheticData.config(.cnn, epochs: 1)
        let data = TrainingData(classes: ["a", "b"], train: [], validation: [], test: [])
        XCTAssertThrowsError(try DatasetPreview(perClass: 1, augment: false, seed: 0).render(data: data, config: config)) { error in
            XCTAssertEqual(error as? DataError, .noTrainingWindows(recordings: config.data.recordings, labels: config.data.labels))
        }
    }

    /// One species and no background class: the labels file exists, so it is not "missing".
    func testOneClassIsTooFewClassesNamingTheLabels() throws {
        let samples = (0..<22_050).map { Float(sin(Double($0) * 0.1)) * 0.1 }
        try AudioWriter.write([samples], sampleRate: 22_050, to: folder.appendingPathComponent("a.wav").path)
        let labels = folder.appendingPathComponent("labels.csv").path
        try "file,start_s,end_s,label\na.wav,0.2,0.6,crinia\n".write(toFile: labels, atomically: true, encoding: .utf8)
        let config = try ConfigLoader.resolve(
            yaml: "", source: "t",
            overrides: ["data.recordings=\(folder.path)", "data.labels=\(labels)", "data.cache=\"\"", "clips.background_label=\"\""])
        XCTAssertThrowsError(try DatasetBuilder.build(config: config) { _ in }) { error in
            XCTAssertEqual(error as? DataError, .tooFewClasses(labels: labels, found: ["crinia"]))
        }
    }

    func testSplitWithNoneOfTheGivenRecordingsNamesTheSplitFile() throws {
        let windows = TrainSyntheticData.windows(classes: 2, recordingsPerClass: 1, prefix: "given", seed: 1)
        let splitFile = folder.appendingPathComponent("split.csv").path
        try SplitFile(rows: [SplitFile.Row(recording: "other.wav", group: "other.wav", split: .test)]).write(to: splitFile)
        XCTAssertThrowsError(try ModelEvaluation.filter(windows, split: "test", splitFile: splitFile)) { error in
            XCTAssertEqual(error as? DataError, .emptySplit(split: "test", splitFile: splitFile, recordings: 2))
        }
    }

    func testRunFolderThatIsAFileOrMissingSaysWhich() throws {
        let file = folder.appendingPathComponent("model.safetensors").path
        try "x".write(toFile: file, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try RunFolder(existing: file)) { error in
            XCTAssertEqual(error as? DataError, .notARunFolder(path: file, reason: "it is a file, not a folder"))
        }
        let missing = folder.appendingPathComponent("nope").path
        XCTAssertThrowsError(try RunFolder(existing: missing)) { error in
            XCTAssertEqual(error as? DataError, .notARunFolder(path: missing, reason: "it does not exist"))
        }
    }

    func testResumeWithoutACheckpointNamesTheRun() throws {
        let config = try TrainSyntheticData.config(.cnn, epochs: 1)
        let run = try RunFolder.create(in: folder.path, name: "fresh")
        let trainer = try Trainer(config: config, data: TrainSyntheticData.data(classes: 2), log: { _ in })
        XCTAssertThrowsError(try trainer.run(folder: run, resume: true)) { error in
            XCTAssertEqual(error as? DataError, .noCheckpoint(run: run.path, checkpoint: run.checkpointPath))
        }
    }

    /// A failed append to metrics.csv was reported as "cannot read configuration".
    func testFailedAppendToMetricsSaysWhatHappened() throws {
        let metrics = folder.appendingPathComponent("metrics.csv").path
        XCTAssertThrowsError(try Trainer.appendLine("1,0.5", to: metrics)) { error in
            XCTAssertEqual(
                error as? DataError, .cannotAppend(path: metrics, reason: "it is gone (was the run folder moved or deleted?)"))
        }
        try "epoch\n".write(toFile: metrics, atomically: true, encoding: .utf8)
        try Trainer.appendLine("1", to: metrics)
        XCTAssertEqual(try String(contentsOfFile: metrics, encoding: .utf8), "epoch\n1\n")
    }
}
