import Foundation
import XCTest

/// Paths of this target's committed fixtures and scratch folders with fake recordings.
enum FixtureFiles {
    static func path(_ name: String) throws -> String {
        guard let root = Bundle.module.resourceURL?.appendingPathComponent("Fixtures") else {
            throw XCTSkip("fixture bundle missing")
        }
        return root.appendingPathComponent(name).path
    }

    /// A scratch folder with an empty file for each name (the loader only needs the names).
    static func folder(with names: [String]) -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("frogdata-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for name in names {
            let file = url.appendingPathComponent(name)
            try? FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            XCTAssertTrue(FileManager.default.createFile(atPath: file.path, contents: Data()))
        }
        return url
    }
}
