import Foundation
@testable import FrogDSP
import XCTest

final class FFTPlanCacheTests: XCTestCase {
    func testConcurrentExtractionGivesIdenticalResults() throws {
        // Plans are created under the cache's lock and executed concurrently with each
        // extractor's own buffers; results must not depend on who planned first.
        let signal = try Fixture.signal()
        let cache = FFTPlanCache()
        var config = FeatureConfig()
        config.nFFT = 2048
        let serial = FeatureExtractor(config: config, plans: cache).features(samples: signal)
        let results = ResultBox(count: 8)
        DispatchQueue.concurrentPerform(iterations: 8) { i in
            var c = config
            c.nFFT = [2048, 1024, 512, 768][i % 4]
            let image = FeatureExtractor(config: c, plans: cache).features(samples: signal)
            results.set(i, image.values)
        }
        XCTAssertEqual(cache.count, 4)
        XCTAssertEqual(results.get(0), serial.values)
        XCTAssertEqual(results.get(4), serial.values)
        XCTAssertEqual(results.get(1), results.get(5))
    }
}

private final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [[Float]]
    init(count: Int) { values = Array(repeating: [], count: count) }
    func set(_ i: Int, _ v: [Float]) { lock.lock(); values[i] = v; lock.unlock() }
    func get(_ i: Int) -> [Float] { lock.lock(); defer { lock.unlock() }; return values[i] }
}
