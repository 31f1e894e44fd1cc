import Foundation
import Synchronization
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
        let results = Mutex<[[Float]]>(Array(repeating: [], count: 8))
        DispatchQueue.concurrentPerform(iterations: 8) { [config] i in
            var c = config
            c.nFFT = [2048, 1024, 512, 768][i % 4]
            let image = FeatureExtractor(config: c, plans: cache).features(samples: signal)
            results.withLock { $0[i] = image.values }
        }
        XCTAssertEqual(cache.count, 4)
        let values = results.withLock { $0 }
        XCTAssertEqual(values[0], serial.values)
        XCTAssertEqual(values[4], serial.values)
        XCTAssertEqual(values[1], values[5])
    }
}
