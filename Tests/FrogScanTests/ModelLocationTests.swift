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
        // An ensemble folder (train.seeds, --folds) is a model too; made in the same second as its
        // last member, it still wins, because its models.txt was written after the member's model.
        let ensemble = folder.appendingPathComponent("runs/20240301-000000-new-ensemble")
        try AtomicFile.write("m\n", to: ensemble.appendingPathComponent("models.txt"))
        let member = folder.appendingPathComponent("runs/20240301-000000-new/model.safetensors").path
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 1_000)], ofItemAtPath: member)
        try FileManager.default.setAttributes(
            [.modificationDate: Date(timeIntervalSince1970: 1_001)], ofItemAtPath: ensemble.appendingPathComponent("models.txt").path)
        XCTAssertEqual(try ModelLocation.resolveDefault(from: folder), ensemble.path)
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 1_002)], ofItemAtPath: member)
        XCTAssertEqual(try ModelLocation.resolveDefault(from: folder), member)
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
