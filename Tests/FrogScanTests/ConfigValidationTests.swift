import Foundation
import FrogAudio
@testable import FrogConfig
import FrogDSP
import FrogTestSupport
@testable import FrogTrain
import XCTest

/// Training configurations that must be refused up front, naming the file and the key
/// (issue 16, items 3, 9 and the configuration part of 14).
final class ConfigValidationTests: XCTestCase {
    /// Resolving must throw `invalidValue` for `key`, attributed to `source`.
    private func assertRefused(
        _ yaml: String, _ overrides: [String] = [], key: String, source: String? = nil,
        file: StaticString = #filePath, line: UInt = #line
    ) {
        XCTAssertThrowsError(
            try ConfigLoader.resolve(yaml: yaml, source: "configs/bad.yaml", overrides: overrides), file: file, line: line
        ) { error in
            guard case .invalidValue(let reported, let reportedSource, _)? = error as? ConfigError else {
                return XCTFail("\(overrides): \(error)", file: file, line: line)
            }
            XCTAssertEqual(reported, key, "\(error)", file: file, line: line)
            if let source { XCTAssertEqual(reportedSource, source, "\(error)", file: file, line: line) }
        }
    }

    // Item 3: values that passed validation and then allocated terabytes or ran on and on.
    func testValuesThatExhaustedTheMachineAreRefused() {
        let cases: [(String, String)] = [
            ("features.sample_rate=1000000000000", "features.sample_rate"),
            ("model.kernel_sizes=[999]", "model.kernel_sizes"),
            ("clips.seconds=1000000", "clips.seconds"),
            ("features.n_fft=1000000000", "features.n_fft"),
            ("features.n_mels=1000000", "features.n_mels"),
            ("train.learning_rate=.inf", "train.learning_rate"),
        ]
        for (override, key) in cases { assertRefused("", [override], key: key) }
    }

    func testEveryNumericKeyHasARange() {
        let cases: [(String, String)] = [
            ("train.momentum=.nan", "train.momentum"),
            ("train.gamma=0", "train.gamma"),
            ("train.batch_size=1000000000", "train.batch_size"),
            ("train.epochs=10000000", "train.epochs"),
            ("train.weight_decay=.inf", "train.weight_decay"),
            ("train.gradient_clip=.nan", "train.gradient_clip"),
            ("train.reduce_lr_on_plateau.min_learning_rate=-1", "train.reduce_lr_on_plateau.min_learning_rate"),
            ("train.reduce_lr_on_plateau.patience=-1", "train.reduce_lr_on_plateau.patience"),
            ("train.warmup_epochs=1000", "train.warmup_epochs"),
            ("train.threads=100000", "train.threads"),
            ("model.filters=[16, 100000]", "model.filters"),
            ("model.dense_units=[10000000]", "model.dense_units"),
            ("model.hidden_size=1000000", "model.hidden_size"),
            ("model.pool=1000", "model.pool"),
            ("augment.gain_db=.nan", "augment.gain_db"),
            ("augment.mixup_alpha=.inf", "augment.mixup_alpha"),
            ("augment.noise_snr_db=[0, .inf]", "augment.noise_snr_db"),
            ("augment.time_mask_frames=-1", "augment.time_mask_frames"),
            ("clips.hop_seconds=.inf", "clips.hop_seconds"),
            ("clips.floor_db=.inf", "clips.floor_db"),
            ("features.power=.nan", "features.power"),
            ("features.fmin=.nan", "features.fmin"),
            ("features.hop_length=2000", "features.hop_length"),
            ("features.sample_rate=-5", "features.sample_rate"),
            ("features.amin=.inf", "features.amin"),
            ("data.folds=1000", "data.folds"),
            ("balance.background_share=1", "balance.background_share"),
            ("balance.background_share=-0.1", "balance.background_share"),
        ]
        for (override, key) in cases { assertRefused("", [override], key: key) }
    }

    func testBackgroundShareNeedsOversampling() throws {
        assertRefused("", ["balance.mode=undersample", "balance.background_share=0.5"], key: "balance.background_share")
        let config = try ConfigLoader.resolve(yaml: "", source: "configs/ok.yaml", overrides: ["balance.background_share=0.5"])
        XCTAssertEqual(config.balance.backgroundShare, 0.5)
    }

    // Item 14: a window too short in time was blamed on model.pool.
    func testShortWindowsAreBlamedOnTheirOwnKey() {
        assertRefused("", ["clips.seconds=0.001"], key: "clips.seconds")
        assertRefused("", ["clips.seconds=0.03"], key: "clips.seconds")  // 3 frames; 3 pools need 8
        assertRefused("", ["features.hop_length=1000000000"], key: "features.hop_length")
        assertRefused("", ["features.n_mels=4"], key: "features.n_mels")
        // A crnn whose bins do not divide by the pool is still model.pool's doing.
        assertRefused("", ["model.family=crnn", "features.n_mels=40", "model.conv_layers=5"], key: "model.pool")
    }

    func testRangeErrorsNameTheFile() {
        assertRefused("train:\n  momentum: .nan\n", key: "train.momentum", source: "configs/bad.yaml")
        assertRefused("", ["train.momentum=.nan"], key: "train.momentum", source: "configs/bad.yaml with --set")
    }

    // Item 9: a duplicate YAML key silently used one of the two values.
    func testDuplicateKeysAreRefused() {
        XCTAssertThrowsError(
            try ConfigLoader.resolve(yaml: "train:\n  epochs: 5\n  batch_size: 8\n  epochs: 7\n", source: "configs/bad.yaml")
        ) { error in
            XCTAssertEqual(
                error as? ConfigError,
                .invalidValue(
                    path: "train.epochs", source: "configs/bad.yaml",
                    message: "is given twice (lines 2 and 4); keep one of them"))
        }
        assertRefused("train:\n  epochs: 5\nmodel:\n  pool: 2\ntrain:\n  batch_size: 8\n", key: "train")
        assertRefused("augment:\n  steps: [{name: time_stretch, name: gain}]\n", key: "augment.steps[0].name")
        assertRefused("", ["data.aliases={a: b, a: c}"], key: "data.aliases.a", source: "--set")
        XCTAssertThrowsError(try FeatureConfig.decode(yaml: "features:\n  n_fft: 512\n  n_fft: 1024\n", path: "f.yaml")) { error in
            XCTAssertTrue("\(error)".hasPrefix("f.yaml: 'features.n_fft' is given twice"), "\(error)")
        }
    }

    // Item 9: `--set train.epochs=` trained the default 30 epochs.
    func testEmptySetValueIsRefused() {
        assertRefused("", ["train.epochs="], key: "train.epochs", source: "--set")
        assertRefused("", ["data.split_file=  "], key: "data.split_file", source: "--set")
        // An explicit empty string is still how a string key is emptied.
        XCTAssertEqual(try ConfigLoader.resolve(yaml: "", source: "t", overrides: [#"data.cache="""#]).data.cache, "")
    }

    // Item 9: duplicate classes gave two outputs for one species.
    func testDuplicateClassesAreRefused() {
        assertRefused("", ["data.classes=[a, b, a]"], key: "data.classes")
        assertRefused("data:\n  background_classes: [noise, noise]\n", key: "data.background_classes")
    }

    // Item 3: the working set is estimated and refused when it cannot fit.
    func testWorkingSetBeyondAvailableMemoryIsRefused() throws {
        let config = try ConfigLoader.resolve(yaml: "", source: "t")
        XCTAssertNoThrow(try config.validate(availableMemory: Double(1 << 30)), "the default fits in 1 GB")
        XCTAssertThrowsError(try config.validate(availableMemory: Double(1 << 20))) { error in
            guard case .workingSetTooLarge(_, let message, let keys)? = error as? ConfigError else {
                return XCTFail("\(error)")
            }
            XCTAssertTrue(keys.contains("train.batch_size") && keys.contains("clips.seconds"), "\(keys)")
            XCTAssertTrue(message.contains("1.0 MB available"), message)
        }
        // Every value in range, together far beyond any machine: refused by the real check.
        XCTAssertThrowsError(
            try ConfigLoader.resolve(
                yaml: "", source: "configs/big.yaml",
                overrides: ["clips.seconds=60", "train.batch_size=65536", "model.filters=[4096]"])
        ) { error in
            guard case .workingSetTooLarge("configs/big.yaml with --set", _, let keys)? = error as? ConfigError else {
                return XCTFail("\(error)")
            }
            XCTAssertEqual(keys.first, "train.batch_size")
            XCTAssertTrue("\(error)".contains("MemAvailable"), "\(error)")
        }
    }

    func testAvailableMemoryIsReadFromMeminfo() throws {
        let folder = SharedData.temporaryDirectory("meminfo")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("meminfo").path
        try "MemTotal:       32000000 kB\nMemFree:         1000 kB\nMemAvailable:    2048 kB\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        XCTAssertEqual(SystemMemory.availableBytes(meminfo: path), 2048 * 1024)
        XCTAssertNil(SystemMemory.availableBytes(meminfo: folder.appendingPathComponent("none").path))
    }

    func testShippedConfigsPassTheNewRanges() throws {
        let configs = try FileManager.default.contentsOfDirectory(
            atPath: SharedData.repositoryRoot.appendingPathComponent("configs").path
        ).filter { $0.hasSuffix(".yaml") && !$0.hasSuffix("synth.yaml") && $0 != "labels-example.yaml" }
        XCTAssertGreaterThanOrEqual(configs.count, 6)
        for name in configs {
            let path = SharedData.repositoryRoot.appendingPathComponent("configs/\(name)").path
            XCTAssertNoThrow(try ConfigLoader.load(path: path), name)
        }
    }

    // Item 9: classes named in the config but absent from the labels trained to macro-F1 0.
    func testClassesAbsentFromTheDataAreRefusedNamingTheLabels() throws {
        let root = SharedData.temporaryDirectory("absent-classes")
        defer { try? FileManager.default.removeItem(at: root) }
        var csv = "file,start_s,end_s,label\n"
        for (index, species) in ["low", "high"].enumerated() {
            let samples = (0..<22_050).map { Float(sin(Double($0) * Double(index + 1) * 0.1)) * 0.1 }
            try AudioWriter.write([samples], sampleRate: 22_050, to: root.appendingPathComponent("\(species).wav").path)
            csv += "\(species).wav,0.2,0.6,\(species)\n"
        }
        let labels = root.appendingPathComponent("labels.csv").path
        try csv.write(toFile: labels, atomically: true, encoding: .utf8)
        let config = try ConfigLoader.resolve(
            yaml: "", source: "t",
            overrides: ["data.recordings=\(root.path)", "data.labels=\(labels)", "data.cache=\"\"", "data.classes=[low, hihg, noise]"])
        XCTAssertThrowsError(try DatasetBuilder.build(config: config) { _ in }) { error in
            XCTAssertEqual(
                error as? ConfigError,
                .dataMismatch(
                    path: labels, key: "data.classes",
                    message: "no annotation there has class 'hihg' (labels found: high, low); fix the spelling, "
                        + "map a label to it with data.aliases, or remove it from data.classes"))
        }
    }
}
