import CSndfile
import Foundation

/// Writes Float32 samples to an audio file with libsndfile, atomically: the samples go to a
/// temporary file in the destination's folder, which is renamed over the destination only
/// once complete, so a reader never sees half a file.
public enum AudioWriter {
    /// Container and sample encoding.
    public enum Format: String, CaseIterable, Sendable {
        /// WAV, unsigned 8-bit PCM (WAV's only 8-bit encoding).
        case wav8
        case wav16
        case wav24
        case wav32
        /// WAV, IEEE float32.
        case wavFloat
        /// WAVE_FORMAT_EXTENSIBLE header, 16-bit PCM (as some recorders write).
        case wavExtensible
        /// FLAC, 16-bit.
        case flac
        /// FLAC, 24-bit.
        case flac24
        /// Ogg Vorbis (lossy).
        case ogg
        /// AIFF, 16-bit big-endian PCM.
        case aiff
        /// MPEG-1 Layer III (lossy; libsndfile 1.1+ with LAME; 8–48 kHz only).
        case mp3

        var sndfileCode: Int32 {
            switch self {
            case .wav8: return Int32(SF_FORMAT_WAV | SF_FORMAT_PCM_U8)
            case .wav16: return Int32(SF_FORMAT_WAV | SF_FORMAT_PCM_16)
            case .wav24: return Int32(SF_FORMAT_WAV | SF_FORMAT_PCM_24)
            case .wav32: return Int32(SF_FORMAT_WAV | SF_FORMAT_PCM_32)
            case .wavFloat: return Int32(SF_FORMAT_WAV | SF_FORMAT_FLOAT)
            case .wavExtensible: return Int32(SF_FORMAT_WAVEX | SF_FORMAT_PCM_16)
            case .flac: return Int32(SF_FORMAT_FLAC | SF_FORMAT_PCM_16)
            case .flac24: return Int32(SF_FORMAT_FLAC | SF_FORMAT_PCM_24)
            case .ogg: return Int32(SF_FORMAT_OGG | SF_FORMAT_VORBIS)
            case .aiff: return Int32(SF_FORMAT_AIFF | SF_FORMAT_PCM_16)
            case .mp3: return Int32(SF_FORMAT_MPEG | SF_FORMAT_MPEG_LAYER_III)
            }
        }
    }

    /// Writes `channels` (one array per channel, equal lengths) at `sampleRate` to `path`.
    /// Samples outside [-1, 1] are clipped in integer formats.
    public static func write(
        _ channels: [[Float]], sampleRate: Int, to path: String, format: Format = .wav16
    ) throws {
        guard !channels.isEmpty, sampleRate > 0 else {
            throw AudioError.writeFailed(path, "need at least one channel and a positive rate")
        }
        let frames = channels[0].count
        guard channels.allSatisfy({ $0.count == frames }) else {
            throw AudioError.writeFailed(path, "channels differ in length")
        }
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp").path
        do {
            try writeFile(channels, frames: frames, sampleRate: sampleRate, to: temporary, format: format)
            if rename(temporary, path) != 0 {
                throw AudioError.writeFailed(path, String(cString: strerror(errno)))
            }
        } catch let error as AudioError {
            unlink(temporary)
            if case .writeFailed(_, let reason) = error { throw AudioError.writeFailed(path, reason) }
            throw error
        }
    }

    private static func writeFile(
        _ channels: [[Float]], frames: Int, sampleRate: Int, to path: String, format: Format
    ) throws {
        var info = SF_INFO()
        info.samplerate = Int32(sampleRate)
        info.channels = Int32(channels.count)
        info.format = format.sndfileCode
        guard sf_format_check(&info) != 0 else {
            throw AudioError.writeFailed(
                path, "libsndfile cannot write \(format.rawValue) at \(sampleRate) Hz, \(channels.count) channel(s)")
        }
        let opened = SndfileOpen.open(path: path, mode: Int32(SFM_WRITE), info: &info)
        guard let handle = opened.handle else { throw AudioError.writeFailed(path, opened.message) }
        // Float → integer conversion wraps around without this; clipping is the lesser harm.
        sf_command(handle, Int32(SFC_SET_CLIPPING), nil, Int32(SF_TRUE))
        let block = 65_536
        let count = channels.count
        var interleaved = [Float](repeating: 0, count: block * count)
        var start = 0
        var failure: String?
        while start < frames, failure == nil {
            let n = min(block, frames - start)
            for c in 0..<count {
                channels[c].withUnsafeBufferPointer { source in
                    for i in 0..<n { interleaved[i * count + c] = source[start + i] }
                }
            }
            let written = interleaved.withUnsafeBufferPointer {
                sf_writef_float(handle, $0.baseAddress, sf_count_t(n))
            }
            if written != n { failure = String(cString: sf_strerror(handle)) }
            start += n
        }
        if sf_close(handle) != 0, failure == nil { failure = "closing failed" }
        if let failure { throw AudioError.writeFailed(path, failure) }
    }
}
