import Foundation

/// A value that threads share, reached only through `withLock` (a pthread mutex).
///
/// Used instead of `Synchronization.Mutex` because ThreadSanitizer can see it: on Linux, `Mutex`
/// takes a contended lock through a priority-inheritance futex in the kernel, which the
/// sanitizer does not intercept, so `make test-tsan` reported races between accesses inside
/// `Mutex.withLock`. `NSLock` is a pthread mutex, which the sanitizer intercepts.
///
/// `@unchecked Sendable`: `value` is private and read or written only inside `withLock`, while
/// `lock` is held, so no two threads touch it at once; `NSLock` itself is thread-safe.
public final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    public init(_ value: Value) { self.value = value }

    /// Runs `body` with exclusive access to the value.
    public func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
