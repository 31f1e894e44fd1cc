// `@preconcurrency`: to Swift 6, C's `stdout` is a mutable global, so reading it is an error.
// Reading it is safe: the C runtime sets it before `main` and nothing in frogscan assigns it,
// and stdio locks each FILE itself, so buffering and flushing it from any thread is safe.
// Only this file imports the C library this way, for these two calls.
#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
@preconcurrency import Darwin
#endif

/// Standard output as C stdio sees it (`print` writes through it).
enum StandardOutput {
    /// Flush at every newline, even into a file or pipe.
    static func lineBuffered() { setvbuf(stdout, nil, _IOLBF, 0) }

    /// Writes out what is buffered.
    static func flush() { fflush(stdout) }
}
