@testable import FrogConfig
import FrogDSP
import XCTest

final class ConfigTests: XCTestCase {
    func testEmptyFileGivesTheEmbeddedDefaults() throws {
        let config = try ConfigLoader.resolve(yaml: "", source: "empty.yaml")
        XCTAssertEqual(config, RunConfig())
        XCTAssertEqual(config.model.filters, [16, 32, 64, 64])
        XCTAssertEqual(config.features, FeatureConfig())
    }

    func testFileFillsMissingKeysFromDefaults() throws {
        let config = try ConfigLoader.resolve(
            yaml: """
                name: small
                model:
                  family: birnn
                  rnn: lstm
                features:
                  n_mels: 32
                """, source: "small.yaml")
        XCTAssertEqual(config.name, "small")
        XCTAssertEqual(config.model.family, .birnn)
        XCTAssertEqual(config.model.rnn, .lstm)
        XCTAssertEqual(config.model.hiddenSize, 64)
        XCTAssertEqual(config.features.nMels, 32)
        XCTAssertEqual(config.features.hopLength, 256)
        XCTAssertEqual(config.train.epochs, RunConfig().train.epochs)
    }

    func testOverridesParseScalarsListsAndNestedPaths() throws {
        let config = try ConfigLoader.resolve(
            yaml: "model:\n  conv_layers: 4\n", source: "c.yaml",
            overrides: [
                "model.conv_layers=3", "model.kernel_sizes=[5,3]", "model.pool=2",
                "model.conv_activation=leaky_relu", "train.epochs=40",
                "train.early_stopping.metric=val_loss", "data.ignore=[Pelobates_cultripes]",
                "model.filters=32", "features.fmax=8000", "model.batch_norm=false",
            ])
        XCTAssertEqual(config.model.convLayers, 3)
        XCTAssertEqual(config.model.kernelSizes, [5, 3])
        XCTAssertEqual(config.model.kernelSize(block: 2), 3, "a short list repeats its last value")
        XCTAssertEqual(config.model.convActivation, .leaky_relu)
        XCTAssertEqual(config.train.epochs, 40)
        XCTAssertEqual(config.train.earlyStopping.metric, .val_loss)
        XCTAssertEqual(config.data.ignore, ["Pelobates_cultripes"])
        XCTAssertEqual(config.model.filters, [32], "a scalar is a one-element list")
        XCTAssertEqual(config.features.fmax, 8000)
        XCTAssertFalse(config.model.batchNorm)
    }

    func testUnknownKeyInFileIsNamedWithTheFile() {
        XCTAssertThrowsError(
            try ConfigLoader.resolve(yaml: "model:\n  kernel_size: 3\n", source: "configs/cnn.yaml")
        ) { error in
            XCTAssertEqual(
                error as? ConfigError,
                .unknownKey(
                    path: "model.kernel_size", source: "configs/cnn.yaml",
                    known: RunConfig.ModelSection.CodingKeys.allCases.map(\.stringValue)))
            let message = "\(error)"
            XCTAssertTrue(message.contains("'model.kernel_size'"), message)
            XCTAssertTrue(message.contains("configs/cnn.yaml"), message)
            XCTAssertTrue(message.contains("kernel_sizes"), "lists the allowed keys: \(message)")
        }
    }

    func testUnknownKeysAreRejectedAtEveryLevel() {
        let cases = [
            ("epoch: 3", "epoch"),
            ("train:\n  early_stopping:\n    patients: 3", "train.early_stopping.patients"),
            ("features:\n  n_mel: 40", "features.n_mel"),
            ("features:\n  pcen:\n    gian: 1", "features.pcen.gian"),
        ]
        for (yaml, path) in cases {
            XCTAssertThrowsError(try ConfigLoader.resolve(yaml: yaml, source: "f.yaml")) { error in
                guard case .unknownKey(let reported, "f.yaml", _)? = error as? ConfigError else {
                    return XCTFail("\(yaml): \(error)")
                }
                XCTAssertEqual(reported, path)
            }
        }
    }

    func testUnknownOverrideKeyIsNamedAsSet() {
        XCTAssertThrowsError(
            try ConfigLoader.resolve(yaml: "", source: "f.yaml", overrides: ["train.epoks=3"])
        ) { error in
            guard case .unknownKey("train.epoks", "--set", _)? = error as? ConfigError else {
                return XCTFail("\(error)")
            }
        }
    }

    func testBadValuesAreReportedWithTheirKey() {
        let cases: [(String, [String], String)] = [
            ("", ["train.epochs=many"], "train.epochs"),
            ("", ["model.family=transformer"], "model.family"),
            ("", ["train.epochs=0"], "train.epochs"),
            ("", ["model.kernel_sizes=[4]"], "model.kernel_sizes"),
            ("", ["noequals"], ""),
            ("model: 3", [], "model"),
            ("", ["data.folds=1"], "data.folds"),
            ("", ["data.folds=3", "data.fold=4"], "data.fold"),
            ("", ["data.folds=3", "data.split_file=s.csv"], "data.folds"),
            ("", ["train.ema_decay=1"], "train.ema_decay"),
            ("", ["data.split_seed=-1"], "data.split_seed"),
            ("", ["clips.active_fraction=0"], "clips.active_fraction"),
            ("", ["clips.floor_db=-3"], "clips.floor_db"),
        ]
        for (yaml, overrides, path) in cases {
            XCTAssertThrowsError(
                try ConfigLoader.resolve(yaml: yaml, source: "f.yaml", overrides: overrides)
            ) { error in
                switch error as? ConfigError {
                case .invalidValue(let reported, _, _)?: XCTAssertEqual(reported, path, "\(error)")
                case .malformedOverride?: XCTAssertEqual(path, "")
                default: XCTFail("\(overrides): \(error)")
                }
            }
        }
    }

    func testResolvedYAMLRoundTrips() throws {
        let config = try ConfigLoader.resolve(
            yaml: "", source: "f.yaml",
            overrides: ["model.family=crnn", "features.top_db=80", "data.aliases={LF: Litoria_fallax}"])
        let text = try ConfigLoader.yaml(config)
        XCTAssertEqual(try ConfigLoader.resolve(yaml: text, source: "config.yaml"), config)
    }

    func testFlagsListOnlyWhatDiffers() throws {
        let config = try ConfigLoader.resolve(
            yaml: "name: other", source: "f.yaml", overrides: ["model.kernel_sizes=[5,3]", "train.epochs=7"])
        XCTAssertEqual(config.flags(differingFrom: RunConfig()), ["model.kernel_sizes=[5,3]", "train.epochs=7"])
        XCTAssertNotEqual(config.fingerprint, RunConfig().fingerprint)
        XCTAssertEqual(RunConfig().fingerprint, RunConfig().fingerprint)
    }
}
