extension Workspace {
    /// At least `count` floats of scratch, the first `count` of them zero (gradients that are
    /// accumulated into, or only partly written).
    func zeroed(count: Int) -> UnsafeMutablePointer<Float> {
        let p = buffer(count: count)
        p.update(repeating: 0, count: count)
        return p
    }

    /// At least `count` floats of scratch, the first `count` of them one (the column-sum GEMV's
    /// vector).
    func ones(count: Int) -> UnsafeMutablePointer<Float> {
        let p = buffer(count: count)
        p.update(repeating: 1, count: count)
        return p
    }
}
