import Foundation
import FrogDSP
@testable import FrogModel
import FrogNN
import FrogTestSupport
import XCTest

/// Model files that must be refused at load (issue 16, items 1, 2, 8 and 12): each is the
/// bundled model with one metadata value or byte changed, and each error must name the file
/// and the metadata key.
final class ModelValidationTests: XCTestCase {
    private var folder: URL!
    private var original: SafeTensorsFile!

    override func setUpWithError() throws {
        folder = SharedData.temporaryDirectory("model-validation")
        let bundled = SharedData.repositoryRoot.appendingPathComponent("models/default.safetensors")
        original = try SafeTensors.decode(try Data(contentsOf: bundled), path: bundled.path)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    /// The bundled model re-saved with `edit` applied to its metadata and `tensors`.
    private func model(
        _ name: String, metadata edit: (inout [String: String]) throws -> Void = { _ in },
        tensors change: (inout [String: Tensor]) -> Void = { _ in }
    ) throws -> String {
        var metadata = original.metadata
        try edit(&metadata)
        var tensors = original.tensors
        change(&tensors)
        let path = folder.appendingPathComponent("\(name).safetensors").path
        let data = try SafeTensors.encode(
            original.names.map { NamedTensor(name: $0, tensor: tensors[$0]!) }, metadata: metadata)
        try data.write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Sets `key` in the JSON object stored under metadata `field` (a JSON number or string).
    private func set(_ key: String, to value: Any, in field: String) -> (inout [String: String]) throws -> Void {
        { metadata in
            var object = try JSONSerialization.jsonObject(with: Data(metadata[field]!.utf8)) as! [String: Any]
            object[key] = value
            metadata[field] = String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
        }
    }

    /// Loading `path` must throw `invalidMetadata` for `key`, with the file and key in the text.
    private func assertRefused(_ path: String, key: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try ModelBundle.load(path: path), file: file, line: line) { error in
            guard case .invalidMetadata(let reportedPath, let reportedKey, _)? = error as? ModelError else {
                return XCTFail("\(key): \(error)", file: file, line: line)
            }
            XCTAssertEqual(reportedPath, path, file: file, line: line)
            XCTAssertEqual(reportedKey, key, file: file, line: line)
            let text = "\(error)"
            XCTAssertTrue(text.hasPrefix(path + ": "), text, file: file, line: line)
            XCTAssertTrue(text.contains("'\(key)'") && text.contains("retrain"), text, file: file, line: line)
        }
    }

    func testBundledModelStillLoads() throws {
        let bundle = try ModelBundle.load(path: try model("unchanged"))
        XCTAssertEqual(bundle.classes.count, 6)
        XCTAssertEqual(bundle.windowFrames, 129)
    }

    // Item 1: duplicate class names crashed detect ("Duplicate values for key").
    func testDuplicateClassNamesAreRefused() throws {
        let path = try model("duplicate-classes") { metadata in
            metadata["classes"] = #"["a","b","c","a","e","noise"]"#
        }
        assertRefused(path, key: "classes")
    }

    // Item 2: n_fft 0 crashed FFTW, hop_length 0 divided by zero, frames 1e9 allocated 256 GB.
    func testValuesThatCrashedAreRefused() throws {
        assertRefused(try model("n-fft-0", metadata: set("n_fft", to: 0, in: "features")), key: "features.n_fft")
        assertRefused(try model("hop-0", metadata: set("hop_length", to: 0, in: "features")), key: "features.hop_length")
        assertRefused(try model("frames-1e9", metadata: set("frames", to: 1_000_000_000, in: "input")), key: "input.frames")
    }

    // Item 8: models that ran and produced nonsense.
    func testNonsenseFeatureAndInputValuesAreRefused() throws {
        assertRefused(try model("mels-0", metadata: set("n_mels", to: 0, in: "features")), key: "features.n_mels")
        assertRefused(try model("fmax-equals-fmin", metadata: set("fmax", to: 100, in: "features")), key: "features.fmax")
        assertRefused(try model("frames-0", metadata: set("frames", to: 0, in: "input")), key: "input.frames")
        assertRefused(try model("bins-mismatch", metadata: set("bins", to: 32, in: "input")), key: "input")
        assertRefused(
            try model("threshold-negative") { $0["thresholds"] = "[0.5,0.5,0.5,0.5,0.5,-1]" }, key: "thresholds")
    }

    /// Found by FuzzModel: a misspelt key loaded silently with the default value.
    func testUnknownFeatureKeyIsRefused() throws {
        assertRefused(try model("misspelt", metadata: set("scalino", to: "db", in: "features")), key: "features.scalino")
    }

    // Item 12: a model's bad sample rate was blamed on every recording.
    func testBadSampleRateNamesTheModel() throws {
        for rate in [0, -5, 1_000_000_000] {
            assertRefused(
                try model("rate\(rate)", metadata: set("sample_rate", to: rate, in: "features")), key: "features.sample_rate")
        }
    }

    // Item 8: NaN weights ran, scoring every window NaN.
    func testNonFiniteWeightsAreRefused() throws {
        for (name, value) in [("nan", Float.nan), ("inf", Float.infinity)] {
            let path = try model("weights-\(name)", tensors: { tensors in
                var tensor = tensors["layers.0.weight"]!
                tensor.data[5] = value
                tensors["layers.0.weight"] = tensor
            })
            XCTAssertThrowsError(try ModelBundle.load(path: path)) { error in
                guard case .corrupt(path, let reason)? = error as? ModelError else { return XCTFail("\(error)") }
                XCTAssertTrue(reason.contains("layers.0.weight") && reason.contains("finite"), reason)
                XCTAssertFalse(reason.contains(path), "the path is named once: \(error)")
            }
        }
    }

    // Item 8: a header-length field one byte short shifted every weight by a byte, and loaded.
    func testHeaderLengthOneByteShortIsRefused() throws {
        let bytes = try Data(contentsOf: URL(fileURLWithPath: try model("padded")))
        let length = Int(bytes.prefix(8).withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) })
        // Re-pad the header with 8 more spaces, so a one-byte-shorter header is still valid
        // JSON (a cut that lands in the JSON itself was always refused).
        var header = bytes.subdata(in: 8..<(8 + length))
        header.append(contentsOf: [UInt8](repeating: UInt8(ascii: " "), count: 8))
        let body = bytes.subdata(in: (8 + length)..<bytes.count)
        func file(headerLength: Int) -> String {
            var data = Data()
            withUnsafeBytes(of: UInt64(headerLength).littleEndian) { data.append(contentsOf: $0) }
            data.append(header)
            data.append(body)
            let path = folder.appendingPathComponent("header-\(headerLength).safetensors").path
            XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: data))
            return path
        }
        XCTAssertNoThrow(try ModelBundle.load(path: file(headerLength: header.count)), "the re-padded file is valid")
        let short = file(headerLength: header.count - 1)
        XCTAssertThrowsError(try ModelBundle.load(path: short)) { error in
            guard case .corrupt(short, let reason)? = error as? ModelError else { return XCTFail("\(error)") }
            XCTAssertTrue(reason.contains("header-length"), reason)
        }
    }

    func testEnsembleOfABadMemberNamesThatMember() throws {
        let good = try model("good")
        let bad = try model("bad-member", metadata: set("hop_length", to: 0, in: "features"))
        XCTAssertThrowsError(try ModelEnsemble.load(paths: [good, bad])) { error in
            guard case .invalidMetadata(bad, "features.hop_length", _)? = error as? ModelError else {
                return XCTFail("\(error)")
            }
        }
    }
}
