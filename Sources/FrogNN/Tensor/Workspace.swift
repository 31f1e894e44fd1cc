/// Reusable Float32 scratch memory for a layer's kernels (im2col columns, per-worker gradient
/// partials), so the hot loops never allocate: it grows to the largest size asked for and then
/// stays allocated for the life of the layer.
public final class Workspace {
    private var storage: UnsafeMutablePointer<Float>
    private(set) public var capacity: Int

    public init(capacity: Int = 0) {
        self.capacity = max(capacity, 1)
        storage = .allocate(capacity: self.capacity)
        storage.initialize(repeating: 0, count: self.capacity)
    }

    deinit { storage.deallocate() }

    /// At least `count` floats of scratch; contents are unspecified (callers overwrite).
    func buffer(count: Int) -> UnsafeMutablePointer<Float> {
        if count > capacity {
            storage.deallocate()
            capacity = count
            storage = .allocate(capacity: count)
            storage.initialize(repeating: 0, count: count)
        }
        return storage
    }
}

/// A pool of workspaces, one per worker thread, so parallel loops never share scratch memory.
final class WorkspacePool {
    private var spaces: [Workspace] = []

    /// The workspace of worker `index`, created on first use.
    func workspace(_ index: Int) -> Workspace {
        while spaces.count <= index { spaces.append(Workspace()) }
        return spaces[index]
    }

    /// Creates workspaces up to `count` up front, so parallel workers only read the array.
    func reserve(_ count: Int) {
        while spaces.count < count { spaces.append(Workspace()) }
    }
}
