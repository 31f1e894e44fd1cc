import Dispatch
@testable import FrogNN
import XCTest

final class ParallelLoopTests: XCTestCase {
    /// Every index once, every chunk once with its fixed range, workers named in range.
    func testChunksCoverEveryIndexOnceWithFixedBoundaries() {
        for (count, workers) in [(1, 2), (7, 2), (32, 2), (33, 3), (5, 8), (64, 1)] {
            let lock = DispatchSemaphore(value: 1)
            var seen = [Int](repeating: 0, count: count)
            var chunkRanges: [Int: Range<Int>] = [:]
            var workersSeen = Set<Int>()
            ParallelLoop.runChunks(count: count, workers: workers) { worker, chunk, range in
                lock.wait()
                for i in range { seen[i] += 1 }
                XCTAssertNil(chunkRanges[chunk], "chunk \(chunk) ran twice")
                chunkRanges[chunk] = range
                workersSeen.insert(worker)
                lock.signal()
            }
            XCTAssertEqual(seen, [Int](repeating: 1, count: count), "count \(count), workers \(workers)")
            let chunks = ParallelLoop.chunkCount(for: count)
            XCTAssertEqual(chunkRanges.count, chunks)
            for (chunk, range) in chunkRanges {
                XCTAssertEqual(range, (chunk * count / chunks)..<((chunk + 1) * count / chunks), "boundaries depend on count only")
            }
            XCTAssertTrue(workersSeen.isSubset(of: Set(0..<workers)))
        }
    }

    func testRunCoversEveryIndexOnce() {
        for (count, workers) in [(0, 2), (1, 2), (9, 2), (100, 3)] {
            let lock = DispatchSemaphore(value: 1)
            var seen = [Int](repeating: 0, count: count)
            ParallelLoop.run(count: count, workers: workers) { worker, range in
                XCTAssertLessThan(worker, max(1, workers))
                lock.wait()
                for i in range { seen[i] += 1 }
                lock.signal()
            }
            XCTAssertEqual(seen, [Int](repeating: 1, count: count))
        }
    }
}
