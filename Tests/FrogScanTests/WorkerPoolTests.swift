import Foundation
import Synchronization
import XCTest

@testable import FrogCore

final class WorkerPoolTests: XCTestCase {
    private struct Failure: Error, Equatable { let item: Int }

    /// Items that take uneven times (so workers finish out of order) come back in input order,
    /// and `completed` sees each item once, with `done` counting up one call at a time.
    func testSeveralThreadsReturnOutputsInInputOrder() throws {
        let items = Array(0..<60)
        let seen = Mutex<(indices: [Int], done: [Int])>(([], []))
        let outputs = try WorkerPool(threads: 4, items: items.count).map(items) { _ in () } body: { _, item in
            usleep(UInt32((item * 7919) % 13) * 200)
            return item * item
        } completed: { index, output, done in
            XCTAssertEqual(output, index * index)
            seen.withLock { $0.indices.append(index); $0.done.append(done) }
        }
        XCTAssertEqual(outputs, items.map { $0 * $0 })
        seen.withLock {
            XCTAssertEqual($0.indices.sorted(), items)
            XCTAssertEqual($0.done, Array(1...items.count))
        }
    }

    /// Each worker makes its state once and keeps it across its items.
    func testEachWorkerMakesItsStateOnceAndKeepsIt() throws {
        let made = Mutex<[Int]>([])
        let pool = WorkerPool(threads: 3, items: 30)
        let outputs = try pool.map(Array(0..<30)) { worker in
            made.withLock { $0.append(worker) }
            return 0
        } body: { count, item in
            count += 1
            return item
        }
        XCTAssertEqual(outputs, Array(0..<30))
        XCTAssertEqual(made.withLock { $0.sorted() }, [0, 1, 2])
    }

    /// One thread, and more threads than items: as many workers as items, at least one.
    func testWorkerCountIsBoundedByItemsAndAtLeastOne() throws {
        XCTAssertEqual(WorkerPool(threads: 1, items: 10).workers, 1)
        XCTAssertEqual(WorkerPool(threads: 8, items: 3).workers, 3)
        XCTAssertEqual(WorkerPool(threads: 0, items: 3).workers, 1)
        XCTAssertEqual(WorkerPool(threads: 4, items: 0).workers, 1)
        // Threads left over go to the workers' items: 8 threads over 3 items, 2 each.
        XCTAssertEqual(WorkerPool(threads: 8, items: 3).threadsPerWorker, 2)
        XCTAssertEqual(WorkerPool(threads: 2, items: 1).threadsPerWorker, 2)
        XCTAssertEqual(WorkerPool(threads: 2, items: 10).threadsPerWorker, 1)
        XCTAssertEqual(WorkerPool(threads: 0, items: 3).threadsPerWorker, 1)

        for threads in [1, 16] {
            let outputs = try WorkerPool(threads: threads, items: 3).map(["a", "b", "c"]) { _ in () } body: { _, item in
                item.uppercased()
            }
            XCTAssertEqual(outputs, ["A", "B", "C"], "threads \(threads)")
        }
        let made = Mutex(0)
        let none = try WorkerPool(threads: 4, items: 0).map([Int]()) { _ in made.withLock { $0 += 1 } } body: { _, item in item }
        XCTAssertEqual(none, [])
        XCTAssertEqual(made.withLock { $0 }, 1, "one worker is made even for no items, so its errors surface")
    }

    /// A failure kept in the output (a bad recording) does not stop the batch.
    func testFailuresInTheOutputDoNotStopTheOthers() throws {
        let outputs = try WorkerPool(threads: 3, items: 20).map(Array(0..<20)) { _ in () } body: { _, item -> Result<Int, Failure> in
            item % 5 == 2 ? .failure(Failure(item: item)) : .success(item)
        }
        XCTAssertEqual(outputs.count, 20)
        for (item, output) in outputs.enumerated() {
            XCTAssertEqual(output, item % 5 == 2 ? .failure(Failure(item: item)) : .success(item))
        }
    }

    /// A thrown error stops only the worker that threw: the others finish the list, then `map`
    /// rethrows it. With one thread the batch stops there.
    func testAThrowingWorkerStopsAloneAndTheErrorIsRethrown() {
        let finished = Mutex<Set<Int>>([])
        XCTAssertThrowsError(
            try WorkerPool(threads: 3, items: 30).map(Array(0..<30)) { _ in () } body: { _, item in
                if item == 0 { throw Failure(item: item) }
                return item
            } completed: { index, _, _ in
                finished.withLock { _ = $0.insert(index) }
            }
        ) { XCTAssertEqual($0 as? Failure, Failure(item: 0)) }
        XCTAssertEqual(finished.withLock { $0 }, Set(1..<30))

        let single = Mutex(0)
        XCTAssertThrowsError(
            try WorkerPool(threads: 1, items: 10).map(Array(0..<10)) { _ in () } body: { _, item in
                if item == 3 { throw Failure(item: item) }
                return item
            } completed: { _, _, done in
                single.withLock { $0 = done }
            }
        ) { XCTAssertEqual($0 as? Failure, Failure(item: 3)) }
        XCTAssertEqual(single.withLock { $0 }, 3)

        XCTAssertThrowsError(
            try WorkerPool(threads: 2, items: 4).map(Array(0..<4)) { _ -> Int in throw Failure(item: -1) } body: { _, item in item }
        ) { XCTAssertEqual($0 as? Failure, Failure(item: -1)) }
    }
}
