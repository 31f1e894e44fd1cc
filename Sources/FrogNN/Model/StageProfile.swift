import Dispatch

/// Wall-clock seconds per stage of a `Sequential` (a layer, or a fused conv block), forward and
/// backward, summed while it is attached as `Sequential.profile`: where a training step's time
/// goes, layer by layer (`frogscan bench --profile`).
public final class StageProfile {
    /// One stage's name (`layers.0–3 ConvBlock`, `layers.18 Dense`) and its summed times.
    public struct Entry: Equatable, Sendable {
        public var name: String
        public var forwardSeconds = 0.0
        public var backwardSeconds = 0.0
        public var forwardCalls = 0
        public var backwardCalls = 0

        /// Mean milliseconds per forward / backward call (0 before the first).
        public var forwardMilliseconds: Double { forwardCalls > 0 ? forwardSeconds / Double(forwardCalls) * 1000 : 0 }
        public var backwardMilliseconds: Double { backwardCalls > 0 ? backwardSeconds / Double(backwardCalls) * 1000 : 0 }
    }

    public private(set) var entries: [Entry] = []

    public init() {}

    /// Clears the sums (after a warm-up, say), keeping the stage names.
    public func reset() {
        for i in entries.indices { entries[i] = Entry(name: entries[i].name) }
    }

    func prepare(names: [String]) {
        if entries.map(\.name) != names { entries = names.map { Entry(name: $0) } }
    }

    @inline(__always)
    func time<R>(_ stage: Int, backward: Bool, _ body: () -> R) -> R {
        let start = DispatchTime.now().uptimeNanoseconds
        let result = body()
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        if backward {
            entries[stage].backwardSeconds += seconds
            entries[stage].backwardCalls += 1
        } else {
            entries[stage].forwardSeconds += seconds
            entries[stage].forwardCalls += 1
        }
        return result
    }
}
