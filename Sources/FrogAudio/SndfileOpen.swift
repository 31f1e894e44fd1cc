import CSndfile
import Foundation

/// `sf_open` behind a lock. When it fails, libsndfile keeps the error in process-wide state
/// (`sf_error(NULL)`), so two threads opening bad files at once could read each other's
/// message; serialising the open and the error query keeps each message with its file.
enum SndfileOpen {
    struct Result {
        var handle: OpaquePointer?
        var errorCode: Int32
        var message: String
    }

    private static let lock = NSLock()

    static func open(path: String, mode: Int32, info: inout SF_INFO) -> Result {
        lock.lock()
        defer { lock.unlock() }
        if let handle = sf_open(path, mode, &info) {
            return Result(handle: handle, errorCode: 0, message: "")
        }
        return Result(handle: nil, errorCode: sf_error(nil), message: String(cString: sf_strerror(nil)))
    }

    /// `sf_open_virtual` over bytes in memory; the caller keeps `source` alive while the handle is open.
    static func open(source: MemoryAudioSource, mode: Int32, info: inout SF_INFO) -> Result {
        lock.lock()
        defer { lock.unlock() }
        var callbacks = MemoryAudioSource.callbacks
        let user = Unmanaged.passUnretained(source).toOpaque()
        if let handle = sf_open_virtual(&callbacks, mode, &info, user) {
            return Result(handle: handle, errorCode: 0, message: "")
        }
        return Result(handle: nil, errorCode: sf_error(nil), message: String(cString: sf_strerror(nil)))
    }
}
