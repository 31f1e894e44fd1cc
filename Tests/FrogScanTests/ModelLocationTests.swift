import Foundation
import FrogCore
import FrogModel
import FrogTestSupport
import XCTest

/// The default-model rule shared by `detect`, `survey run` and `evaluate`.
final class ModelLocationTests: XCTestCase {
    func testNewestRunWinsOverBundledAndAbsenceNamesBothPlaces() throws {
        let folder = SharedData.temporaryDirectory("model-location")
        defer { try? FileManager.default.removeItem(at: folder) }
        XCTAssertThrowsError(try ModelLocation.resolveDefault(from: folder)) { error in
            XCTAssertTrue("\(error)".contains("runs"), "\(error)")
            XCTAssertTrue("\(error)".contains("models/default.safetensors"), "\(error)")
        }
        let bundled = folder.appendingPathComponent("models/default.safetensors")
        try AtomicFile.write("b", to: bundled)
        XCTAssertEqual(try ModelLocation.resolveDefault(from: folder), bundled.path)
        for name in ["20240101-000000-old", "20240301-000000-new"] {
            try AtomicFile.write("m", to: folder.appendingPathComponent("runs/\(name)/model.safetensors"))
        }
        XCTAssertEqual(
            try ModelLocation.resolveDefault(from: folder),
            folder.appendingPathComponent("runs/20240301-000000-new/model.safetensors").path)
    }

    /// `--model` given wins; none given falls back to the default rule.
    func testSourceUsesTheGivenModelsElseTheDefault() throws {
        let folder = SharedData.temporaryDirectory("model-source")
        defer { try? FileManager.default.removeItem(at: folder) }
        let bundled = folder.appendingPathComponent("models/default.safetensors")
        try AtomicFile.write("b", to: bundled)
        XCTAssertEqual(try ModelLocation.source([], from: folder).files, [bundled.path])
        XCTAssertEqual(try ModelLocation.source(["a.safetensors", "b.safetensors"], from: folder).files, ["a.safetensors", "b.safetensors"])
        try FileManager.default.removeItem(at: bundled)
        XCTAssertThrowsError(try ModelLocation.source([], from: folder)) { error in
            XCTAssertTrue("\(error)".contains("models/default.safetensors"), "\(error)")
        }
    }
}
