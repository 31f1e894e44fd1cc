import Dispatch
import Synchronization

/// Splits `0..<count` into chunks that `workers` threads take one at a time, each taking the
/// next free chunk when it finishes one (dynamic scheduling).
///
/// Parallelising over samples (or channels) beats BLAS threads inside the small per-sample GEMMs
/// of the reference models: each worker then runs a whole cache-resident GEMM on its own core.
/// Several chunks per worker, rather than one half each, keep a shared machine from stalling the
/// layer: when another process takes a worker's core, the other worker takes its chunks instead
/// of waiting at the end of the layer for it.
enum ParallelLoop {
    /// Chunks per worker in `run`: more evens out a slowed worker, fewer costs less hand-off.
    static let chunksPerWorker = 4

    /// Calls `body(worker, range)` for chunks covering `0..<count`; `worker` (in `0..<workers`)
    /// names the thread, for per-worker scratch. Runs inline when one worker suffices. Which
    /// worker gets which chunk depends on timing: `body` must not add into per-worker sums
    /// (use `runChunks` for that). Calls run concurrently: each may write only its range's
    /// outputs and its worker's scratch.
    static func run(count: Int, workers: Int, _ body: (_ worker: Int, _ range: Range<Int>) -> Void) {
        let threads = max(1, min(workers, count))
        if threads == 1 {
            if count > 0 { body(0, 0..<count) }
            return
        }
        runChunks(count: count, workers: threads, chunks: min(count, threads * chunksPerWorker)) { worker, _, range in
            body(worker, range)
        }
    }

    /// How many chunks `runChunks` splits `count` items into by default: a number that depends
    /// on `count` only, so per-chunk partial sums added in chunk order give the same result at
    /// any thread count and any timing.
    static func chunkCount(for count: Int) -> Int { min(count, 8) }

    /// Calls `body(worker, chunk, range)` for chunks `0..<chunks` of `0..<count` (chunk i covers
    /// `i·count/chunks ..< (i+1)·count/chunks`), the workers taking the next free chunk in turn.
    /// Calls run concurrently: each may write only its range's outputs, its chunk's partial
    /// sums and its worker's scratch.
    static func runChunks(
        count: Int, workers: Int, chunks: Int? = nil,
        _ body: (_ worker: Int, _ chunk: Int, _ range: Range<Int>) -> Void
    ) {
        let chunkCount = chunks ?? chunkCount(for: count)
        guard count > 0, chunkCount > 0 else { return }
        @Sendable func range(_ chunk: Int) -> Range<Int> { (chunk * count / chunkCount)..<((chunk + 1) * count / chunkCount) }
        let threads = max(1, min(workers, chunkCount))
        if threads == 1 {
            for chunk in 0..<chunkCount where !range(chunk).isEmpty { body(0, chunk, range(chunk)) }
            return
        }
        let next = Atomic<Int>(0)
        withoutActuallyEscaping(body) { body in
            let shared = SharedBody(body)
            DispatchQueue.concurrentPerform(iterations: threads) { worker in
                while true {
                    let chunk = next.wrappingAdd(1, ordering: .relaxed).oldValue
                    guard chunk < chunkCount else { return }
                    let r = range(chunk)
                    if !r.isEmpty { shared.body(worker, chunk, r) }
                }
            }
        }
    }

    /// The caller's loop body, handed to the workers of one `concurrentPerform` call.
    ///
    /// `@unchecked`: the bodies are layer kernels that capture raw pointers and the layer
    /// itself, none of which Swift can prove Sendable. Sharing one is safe because (1) the box
    /// does not outlive `runChunks`: `concurrentPerform` returns only when every worker is done,
    /// so the pointers it captured stay valid and every write happens before the caller reads;
    /// (2) `run` and `runChunks` require of `body` that calls for different chunks touch
    /// disjoint memory: each writes only the outputs of its own range, its chunk's partial
    /// sums or its worker's scratch (`worker` never runs two chunks at once), and only reads
    /// what all of them share.
    private struct SharedBody: @unchecked Sendable {
        let body: (_ worker: Int, _ chunk: Int, _ range: Range<Int>) -> Void
        init(_ body: @escaping (_ worker: Int, _ chunk: Int, _ range: Range<Int>) -> Void) { self.body = body }
    }
}

/// A layer whose kernels can split their work over several threads.
public protocol ThreadedLayer: Layer {
    /// Worker threads the layer's own loops may use (BLAS threads are set separately).
    var threadCount: Int { get set }
}
