import CSndfile
import Foundation

extension AudioFile {
    /// Opens a recording held in memory (libsndfile's virtual I/O over `data`), decoded exactly
    /// as `init(path:)` decodes a file; `name` stands for the path in errors. Used by the fuzz
    /// targets and their regression test, which feed bytes rather than files.
    public convenience init(data: Data, name: String) throws {
        guard !data.isEmpty else { throw AudioError.empty(name) }
        let source = MemoryAudioSource(bytes: [UInt8](data))
        var sfInfo = SF_INFO()
        let opened = SndfileOpen.open(source: source, mode: Int32(SFM_READ), info: &sfInfo)
        guard let handle = opened.handle else {
            throw Self.openError(path: name, code: opened.errorCode, message: opened.message) {
                AudioMagic.looksLikeAudio(head: Array(source.bytes.prefix(12)))
            }
        }
        try self.init(handle: handle, sfInfo: sfInfo, path: name, source: source)
    }
}

/// Read-only bytes with a position, behind the C callbacks of `SF_VIRTUAL_IO`. libsndfile
/// copies the callback table at open and keeps only `Unmanaged` user data, so `AudioFile`
/// retains this object for as long as the handle is open.
final class MemoryAudioSource {
    let bytes: [UInt8]
    var position = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    /// The callback table; each entry recovers the source from `user_data`.
    static var callbacks: SF_VIRTUAL_IO {
        SF_VIRTUAL_IO(
            get_filelen: { user in sf_count_t(MemoryAudioSource.from(user).bytes.count) },
            seek: { offset, whence, user in
                let source = MemoryAudioSource.from(user)
                let base: Int
                switch whence {
                case SEEK_SET: base = 0
                case SEEK_CUR: base = source.position
                case SEEK_END: base = source.bytes.count
                default: return -1
                }
                // Past the end is allowed (as for a file); before the start is not.
                let (target, overflow) = base.addingReportingOverflow(Int(offset))
                guard !overflow, target >= 0 else { return -1 }
                source.position = target
                return sf_count_t(target)
            },
            read: { pointer, count, user in
                let source = MemoryAudioSource.from(user)
                guard let pointer, count > 0, source.position < source.bytes.count else { return 0 }
                let n = min(Int(count), source.bytes.count - source.position)
                source.bytes.withUnsafeBytes { all in
                    pointer.copyMemory(from: all.baseAddress! + source.position, byteCount: n)
                }
                source.position += n
                return sf_count_t(n)
            },
            write: { _, _, _ in 0 },
            tell: { user in sf_count_t(MemoryAudioSource.from(user).position) })
    }

    private static func from(_ user: UnsafeMutableRawPointer?) -> MemoryAudioSource {
        Unmanaged<MemoryAudioSource>.fromOpaque(user!).takeUnretainedValue()
    }
}
