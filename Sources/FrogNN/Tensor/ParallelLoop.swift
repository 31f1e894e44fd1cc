import Dispatch

/// Splits `0..<count` into at most `workers` contiguous chunks and runs them concurrently.
///
/// Parallelising over samples (or channels) beats BLAS threads inside the small per-sample GEMMs
/// of the reference models: each worker then runs a whole cache-resident GEMM on its own core.
enum ParallelLoop {
    /// Calls `body(worker, range)` once per chunk; runs inline when one worker suffices.
    static func run(count: Int, workers: Int, _ body: (_ worker: Int, _ range: Range<Int>) -> Void) {
        let chunks = max(1, min(workers, count))
        if chunks == 1 {
            if count > 0 { body(0, 0..<count) }
            return
        }
        DispatchQueue.concurrentPerform(iterations: chunks) { worker in
            let start = worker * count / chunks
            let end = (worker + 1) * count / chunks
            if start < end { body(worker, start..<end) }
        }
    }
}

/// A layer whose kernels can split their work over several threads.
public protocol ThreadedLayer: Layer {
    /// Worker threads the layer's own loops may use (BLAS threads are set separately).
    var threadCount: Int { get set }
}
