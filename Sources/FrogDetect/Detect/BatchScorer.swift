import Foundation
import FrogDSP
import FrogModel

/// Scores batches of windows for the scanners of one recording: at once on the calling thread
/// (one classifier), or shared between the calling thread and threads of its own, one per
/// further classifier copy, while the calling thread also decodes, resamples and computes
/// features.
///
/// Why copies and not one classifier with several threads: with one recording, the front end
/// (decode, resample, spectrogram) is a quarter of the work and ran between batches with the
/// other cores idle; and a multi-threaded model waits at every layer for its slowest thread.
/// Here the workers score whole batches, and the calling thread, when it has cut enough batches
/// ahead, scores queued ones itself instead of waiting: as many threads busy as classifiers,
/// none waiting on another. Every batch is the same windows a single classifier would get,
/// scored the same way, so the scores, and the detections, do not depend on the thread count.
///
/// Results are taken back by ticket; scanners take theirs in submission order. At most
/// `capacity` batches wait or run per scanner, so memory stays constant in the recording's length.
final class BatchScorer: @unchecked Sendable {
    /// `@unchecked Sendable`: every mutable field is touched only under `condition`, and each
    /// classifier is used by one thread only (the calling thread's, or its own worker's), which
    /// is the contract `WindowClassifier` needs (it may keep workspaces).
    private let condition = NSCondition()
    private var queue: [(ticket: Int, windows: [FeatureImage])] = []
    private var results: [Int: Result<[[Float]], any Error>] = [:]
    private var nextTicket = 0
    private var closed = false
    private var running = 0
    /// The calling thread's classifier.
    private let own: any WindowClassifier
    private let threaded: Bool

    /// Batches a scanner may have submitted and not yet taken before it scores or waits itself:
    /// one for each worker and a spare, so no worker runs dry while the calling thread scores.
    let capacity: Int

    /// `classifiers[0]` is the calling thread's; each further one gets a thread, started here
    /// and stopped by `close()` (which the owner must call, also when it stops early).
    init(classifiers: [any WindowClassifier]) {
        precondition(!classifiers.isEmpty, "BatchScorer needs a classifier")
        own = classifiers[0]
        threaded = classifiers.count > 1
        capacity = threaded ? classifiers.count + 1 : 1
        running = classifiers.count - 1
        for classifier in classifiers.dropFirst() {
            let worker = Worker(classifier: classifier)
            let thread = Thread { [self] in work(with: worker) }
            thread.name = "frogscan-scorer"
            thread.start()
        }
    }

    /// A classifier handed to the one thread that uses it.
    private struct Worker: @unchecked Sendable {
        let classifier: any WindowClassifier
    }

    /// Queues `windows` for scoring (scores them at once without workers) and returns the
    /// ticket to take their scores with.
    func submit(_ windows: [FeatureImage]) -> Int {
        condition.lock()
        let ticket = nextTicket
        nextTicket += 1
        guard threaded else {
            condition.unlock()
            let result = Result { try own.scores(windows) }
            condition.lock()
            results[ticket] = result
            condition.unlock()
            return ticket
        }
        queue.append((ticket, windows))
        condition.signal()
        condition.unlock()
        return ticket
    }

    /// Whether `ticket`'s scores are in.
    func isReady(_ ticket: Int) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        return results[ticket] != nil
    }

    /// The scores of `ticket` (one row per window), rethrowing the classifier's error. Until
    /// they are in, the calling thread scores queued batches itself, and waits once none is left.
    func take(_ ticket: Int) throws -> [[Float]] {
        condition.lock()
        while results[ticket] == nil {
            if queue.isEmpty {
                condition.wait()
                continue
            }
            let job = queue.removeFirst()
            condition.unlock()
            let result = Result { try own.scores(job.windows) }
            condition.lock()
            results[job.ticket] = result
        }
        let result = results.removeValue(forKey: ticket)!
        condition.unlock()
        return try result.get()
    }

    /// Stops the workers once the queue is empty and waits for them; idempotent.
    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        while running > 0 { condition.wait() }
        condition.unlock()
    }

    private func work(with worker: Worker) {
        condition.lock()
        while true {
            while queue.isEmpty && !closed { condition.wait() }
            if queue.isEmpty { break }
            let job = queue.removeFirst()
            condition.unlock()
            let result = Result { try worker.classifier.scores(job.windows) }
            condition.lock()
            results[job.ticket] = result
            condition.broadcast()
        }
        running -= 1
        condition.broadcast()
        condition.unlock()
    }
}
