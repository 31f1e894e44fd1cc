import Dispatch
import FrogDSP

/// Worker threads that work through a list, each taking the next untaken item when it finishes
/// one; `map` returns the outputs in input order, whatever the thread count and timing.
///
/// Taking items one at a time (rather than a fixed share each) keeps one long recording from
/// holding up the others' share. Used by `detect` (`DetectionRun`) and `survey` (`SurveyRunner`).
package struct WorkerPool: Sendable {
    /// Threads `map` starts: the requested count, but no more than there are items, and at least
    /// one (so `makeWorker` runs, and its errors surface, even when there is nothing to do).
    package let workers: Int
    /// Threads each worker may use for its item: all of them shared out, at least one (more
    /// than one only when there are fewer items than threads).
    package let threadsPerWorker: Int

    package init(threads: Int, items: Int) {
        workers = max(1, min(threads, items))
        threadsPerWorker = max(1, threads / workers)
    }

    /// Calls `body` on every item and returns the outputs in the order of `items`.
    ///
    /// Each worker calls `makeWorker(worker)` once (`worker` in `0..<workers`) for state of its
    /// own, such as a model with workspaces that must not be shared, then passes it to `body`
    /// for every item it takes. After each item, `completed(index, output, done)` reports it,
    /// with `done` the items finished so far: one call at a time, in completion order (the pool
    /// holds its lock during the call, so keep it short: a progress line).
    ///
    /// A failure that must not stop the batch (a recording that cannot be read) belongs in
    /// `Output`. A worker whose `makeWorker` or `body` throws stops taking items; the other
    /// workers go on through the list, and `map` rethrows the first error once all have stopped.
    package func map<Item: Sendable, Worker, Output: Sendable>(
        _ items: [Item],
        makeWorker: @Sendable (_ worker: Int) throws -> Worker,
        body: @Sendable (_ state: inout Worker, _ item: Item) throws -> Output,
        completed: @Sendable (_ index: Int, _ output: Output, _ done: Int) -> Void = { _, _, _ in }
    ) throws -> [Output] {
        let shared = Locked(Shared<Output>(count: items.count))
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var state: Worker
            do {
                state = try makeWorker(worker)
            } catch {
                shared.withLock { $0.fail(error) }
                return
            }
            while let index = shared.withLock({ $0.take() }) {
                do {
                    let output = try body(&state, items[index])
                    shared.withLock { shared in
                        shared.outputs[index] = output
                        shared.done += 1
                        completed(index, output, shared.done)
                    }
                } catch {
                    shared.withLock { $0.fail(error) }
                    return
                }
            }
        }
        return try shared.withLock { shared in
            if let error = shared.firstError { throw error }
            // Every item was taken, and without an error every taken item has its output.
            return shared.outputs.map { $0! }
        }
    }

    /// The workers' common bookkeeping, only touched under the pool's lock.
    private struct Shared<Output> {
        var next = 0
        var done = 0
        var outputs: [Output?]
        var firstError: (any Error)?

        init(count: Int) { outputs = Array(repeating: nil, count: count) }

        /// The next untaken item, if any.
        mutating func take() -> Int? {
            guard next < outputs.count else { return nil }
            next += 1
            return next - 1
        }

        mutating func fail(_ error: any Error) {
            if firstError == nil { firstError = error }
        }
    }
}
