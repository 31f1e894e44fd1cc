/// A reusable Float32 scratch allocation owned by one layer.
///
/// Recurrent layers keep their per-step caches (gates, cell states, hidden states) here so that
/// repeated forward/backward passes of the same batch shape allocate nothing. The pointer is
/// internal to FrogNN and never escapes into a public API.
final class ScratchBuffer {
    private(set) var pointer: UnsafeMutablePointer<Float>
    private(set) var capacity: Int

    init() {
        capacity = 0
        pointer = UnsafeMutablePointer<Float>.allocate(capacity: 1)
    }

    deinit { pointer.deallocate() }

    /// At least `count` floats; the contents are undefined when the allocation grows.
    @discardableResult
    func reserve(_ count: Int) -> UnsafeMutablePointer<Float> {
        if count > capacity {
            pointer.deallocate()
            pointer = UnsafeMutablePointer<Float>.allocate(capacity: count)
            capacity = count
        }
        return pointer
    }

    /// At least `count` floats, the first `count` of them one (the column-sum GEMV's vector).
    func reserveOnes(_ count: Int) -> UnsafeMutablePointer<Float> {
        let p = reserve(count)
        p.update(repeating: 1, count: count)
        return p
    }

    /// At least `count` floats, the first `count` of them zero.
    @discardableResult
    func reserveZeroed(_ count: Int) -> UnsafeMutablePointer<Float> {
        let p = reserve(count)
        p.update(repeating: 0, count: count)
        return p
    }
}
