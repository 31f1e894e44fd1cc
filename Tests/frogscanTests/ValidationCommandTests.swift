import Foundation
import FrogTestSupport
import XCTest

/// Bad model files and configurations through the built executable: refused up front with
/// exit code 1 (usage or configuration error), naming the file and the key (issue 16).
final class ValidationCommandTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = SharedData.temporaryDirectory("validation-cli")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    // Item 12: a model with sample rate -5 was blamed on every recording (exit 2).
    func testDetectWithABadSampleRateNamesTheModel() throws {
        // The bundled model with the sample rate inside its `features` metadata set to -5,
        // padded with spaces so the header keeps its length.
        let bytes = try Data(contentsOf: SharedData.repositoryRoot.appendingPathComponent("models/default.safetensors"))
        let length = Int(bytes.prefix(8).withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) })
        let header = String(decoding: bytes.subdata(in: 8..<(8 + length)), as: UTF8.self)
        let edited = header.replacingOccurrences(of: #"\"sample_rate\":22050"#, with: #"\"sample_rate\":-5   "#)
        XCTAssertNotEqual(edited, header, "the edit applied")
        let model = folder.appendingPathComponent("rate.safetensors").path
        try (bytes.prefix(8) + Data(edited.utf8) + bytes.suffix(from: 8 + length)).write(to: URL(fileURLWithPath: model))
        let inputs = folder.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: inputs, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: SharedData.repositoryRoot.appendingPathComponent("recordings/synth_001.flac"),
            to: inputs.appendingPathComponent("synth_001.flac"))
        let out = folder.appendingPathComponent("out")
        let result = try CLI.run(["detect", inputs.path, "--model", model, "--out", out.path])
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertTrue(result.stderr.contains(model) && result.stderr.contains("'features.sample_rate'"), result.stderr)
        XCTAssertFalse(result.stderr.contains("synth_001.flac"), "no recording is blamed: \(result.stderr)")
    }

    // Item 9: `--set train.epochs=` trained the default number of epochs.
    func testTrainWithAnEmptySetValueIsAConfigurationError() throws {
        let result = try CLI.run(["train", "--set", "train.epochs="], in: folder)
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertTrue(result.stderr.contains("'train.epochs'") && result.stderr.contains("no value"), result.stderr)
    }

    // Item 3: a config that could not fit in memory is refused before any data is read.
    func testTrainWithAHugeWorkingSetIsRefusedUpFront() throws {
        let config = folder.appendingPathComponent("big.yaml")
        try "clips:\n  seconds: 60\ntrain:\n  batch_size: 65536\nmodel:\n  filters: [4096]\n"
            .write(to: config, atomically: true, encoding: .utf8)
        let result = try CLI.run(["train", "--config", config.path], in: folder)
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertTrue(result.stderr.contains(config.path) && result.stderr.contains("train.batch_size"), result.stderr)
        XCTAssertTrue(result.stderr.contains("MemAvailable"), result.stderr)
    }
}
