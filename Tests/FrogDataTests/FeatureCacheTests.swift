import FrogData
import FrogDSP
import XCTest

final class FeatureCacheTests: XCTestCase {
    func testComputesOnceThenReadsAndRecomputesCorruptEntries() throws {
        let folder = FixtureFiles.folder(with: ["rec.wav"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let recording = folder.appendingPathComponent("rec.wav").path
        try Data(repeating: 7, count: 200_000).write(to: URL(fileURLWithPath: recording))
        let cache = FeatureCache(directory: folder.appendingPathComponent("cache").path)
        let image = FeatureImage(bins: 3, frames: 2, values: [1, 2, 3, 4, 5, -.infinity], secondsPerFrame: 0.01, startSeconds: 0.5, binFrequencies: [1, 2, 3])
        var computed = 0
        func get(_ parameters: [String: Int]) throws -> FeatureImage {
            try cache.image(for: recording, parameters: parameters) {
                computed += 1
                return image
            }
        }
        XCTAssertEqual(try get(["n_fft": 1024]), image)
        XCTAssertEqual(try get(["n_fft": 1024]), image)
        XCTAssertEqual(computed, 1, "second call read the cache")
        _ = try get(["n_fft": 512])
        XCTAssertEqual(computed, 2, "other parameters, other entry")

        // Corrupt every entry: flip a byte in the payload.
        let entries = try FileManager.default.contentsOfDirectory(atPath: cache.directory)
        XCTAssertEqual(entries.count, 2)
        for name in entries {
            let path = cache.directory + "/" + name
            var bytes = [UInt8](FileManager.default.contents(atPath: path)!)
            bytes[40] ^= 0xFF
            try Data(bytes).write(to: URL(fileURLWithPath: path))
        }
        XCTAssertEqual(try get(["n_fft": 1024]), image)
        XCTAssertEqual(computed, 3, "a corrupt entry is recomputed")

        // Changing the recording changes the key.
        let before = try cache.key(for: recording, parameters: ["n_fft": 1024])
        try Data(repeating: 8, count: 200_000).write(to: URL(fileURLWithPath: recording))
        XCTAssertNotEqual(try cache.key(for: recording, parameters: ["n_fft": 1024]), before)
    }
}
