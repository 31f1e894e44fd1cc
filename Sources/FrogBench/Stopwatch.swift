import Foundation

/// Wall-clock timing for benchmarks (monotonic clock).
package enum Stopwatch {
    /// Seconds taken by `body`.
    package static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    /// Median seconds over `repeats` runs of `body`, after one warm-up run (then `afterWarmUp`).
    package static func medianSeconds(
        repeats: Int, afterWarmUp: () -> Void = {}, _ body: () throws -> Void
    ) rethrows -> Double {
        try body()
        afterWarmUp()
        var times: [Double] = []
        for _ in 0..<max(1, repeats) { times.append(try seconds(body)) }
        times.sort()
        return times[times.count / 2]
    }
}
