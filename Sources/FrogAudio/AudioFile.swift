import CSndfile
import Foundation

/// An open recording, decoded by libsndfile to Float32 in [-1, 1].
///
/// Owns the `SNDFILE*` handle and closes it in `deinit`. Reads are sequential from the current
/// position; `seek(toFrame:)` moves it. Not thread-safe: use one `AudioFile` per thread.
///
///     let file = try AudioFile(path: "site1/20241001_190000.wav")
///     while case let block = try file.readFrames(65_536), !block[0].isEmpty { … }
public final class AudioFile {
    /// What the header says; `frames` becomes what the file holds once a read finds it ends
    /// early (see `damage`).
    public private(set) var info: AudioFileInfo
    /// Sample rates a header may give: below 1 kHz or above 768 kHz it is damaged (a 1 Hz
    /// header on a 2 s file would make hours of frames to analyse).
    public static let plausibleSampleRates = 1_000...768_000
    /// Frames more than this short of the header count as truncation: MP3 decoders may drop
    /// up to two frames of encoder padding (2 × 1152) at the end of a sound file.
    static let truncationToleranceFrames = 2_304

    private let handle: OpaquePointer
    /// 8- and 16-bit PCM is read as Int16 and scaled here: libsndfile's own int→float
    /// conversion is several times slower, and the result is bit-identical (x · 2⁻¹⁵ is exact).
    private let readsAsInt16: Bool
    private var floatScratch: [Float] = []
    /// Frame the next read starts at.
    private var position = 0
    private var headerDamage: AudioDamage?
    private var readTruncation: AudioDamage?
    private var nonFiniteCount = 0
    private var int16Scratch: [Int16] = []
    /// The bytes a handle opened through virtual I/O reads from (nil for a file on disk);
    /// kept alive as long as the handle.
    private let source: AnyObject?

    /// Opens `path` for reading; throws `AudioError` naming the file when it cannot be decoded.
    public convenience init(path: String) throws {
        try FileCheck.requireReadableFile(path)
        var sfInfo = SF_INFO()
        let opened = SndfileOpen.open(path: path, mode: Int32(SFM_READ), info: &sfInfo)
        guard let handle = opened.handle else {
            throw Self.openError(path: path, code: opened.errorCode, message: opened.message)
        }
        try self.init(handle: handle, sfInfo: sfInfo, path: path, source: nil)
    }

    /// Takes ownership of an open handle; `path` names the recording in errors.
    init(handle: OpaquePointer, sfInfo: SF_INFO, path: String, source: AnyObject?) throws {
        self.handle = handle
        self.source = source
        info = AudioFileInfo(
            path: path, format: SndfileNames.format(sfInfo.format),
            subtype: SndfileNames.subtype(sfInfo.format), sampleRate: Int(sfInfo.samplerate),
            channels: Int(sfInfo.channels), frames: Int(sfInfo.frames))
        let minor = Int(sfInfo.format) & Int(SF_FORMAT_SUBMASK)
        readsAsInt16 = [Int(SF_FORMAT_PCM_16), Int(SF_FORMAT_PCM_S8), Int(SF_FORMAT_PCM_U8)]
            .contains(minor)
        // The handle is owned from here on, so deinit closes it even if the checks below throw.
        guard info.sampleRate > 0, info.channels > 0 else {
            throw AudioError.corrupt(path, "header gives \(info.sampleRate) Hz, \(info.channels) channels")
        }
        guard Self.plausibleSampleRates.contains(info.sampleRate) else {
            throw AudioError.implausibleSampleRate(path, info.sampleRate)
        }
        guard info.frames > 0 else { throw AudioError.empty(path) }
        if [Int(SF_FORMAT_WAV), Int(SF_FORMAT_WAVEX)].contains(Int(sfInfo.format) & Int(SF_FORMAT_TYPEMASK)) {
            headerDamage = WAVHeaderProbe.damage(path: path, sampleRate: info.sampleRate)
        }
        // Integer output formats would otherwise wrap around on out-of-range floats; irrelevant
        // for reading but harmless, and it keeps the handle's behaviour predictable.
        sf_command(handle, Int32(SFC_SET_CLIPPING), nil, Int32(SF_TRUE))
    }

    deinit { sf_close(handle) }

    /// The header of `path` without keeping the file open.
    public static func info(path: String) throws -> AudioFileInfo {
        try AudioFile(path: path).info
    }

    /// Damage found so far: from the header at opening, and from reading (the data ending
    /// before the header's length, NaN or infinite samples). Complete once the file was read
    /// to its end.
    public var damage: [AudioDamage] {
        var found = [headerDamage, readTruncation].compactMap { $0 }
        if nonFiniteCount > 0 { found.append(.nonFiniteSamples(path: info.path, count: nonFiniteCount)) }
        return found
    }

    /// Moves the read position to `frame` (0-based, clamped to the file's length).
    public func seek(toFrame frame: Int) throws {
        let target = min(max(0, frame), info.frames)
        if sf_seek(handle, sf_count_t(target), SEEK_SET) < 0 {
            throw AudioError.unsupported(
                info.path, "cannot seek to frame \(target): \(String(cString: sf_strerror(handle)))")
        }
        position = target
    }

    /// Reads up to `count` frames, deinterleaved: one array per channel. Fewer at the end of
    /// the file, and empty arrays once it is exhausted.
    public func readFrames(_ count: Int) throws -> [[Float]] {
        let got = try readInterleaved(maxFrames: count)
        let channels = info.channels
        var out = [[Float]](repeating: [], count: channels)
        floatScratch.withUnsafeBufferPointer { source in
            for c in 0..<channels {
                out[c] = [Float](unsafeUninitializedCapacity: got) { dest, initialized in
                    for i in 0..<got { dest[i] = source[i * channels + c] }
                    initialized = got
                }
            }
        }
        return out
    }

    /// Reads up to `maxFrames` frames into `floatScratch` (interleaved) and returns how many
    /// were read; 0 at the end. Throws only when libsndfile reports an error before any frame
    /// could be read, so a file whose data stops short still yields what is there; that early
    /// end is kept as `damage` and `info.frames` becomes what the file holds. NaN and infinite
    /// samples are counted and set to 0.
    func readInterleaved(maxFrames: Int) throws -> Int {
        let samples = maxFrames * info.channels
        if floatScratch.count < samples { floatScratch = [Float](repeating: 0, count: samples) }
        var got: sf_count_t = 0
        if readsAsInt16 {
            if int16Scratch.count < samples { int16Scratch = [Int16](repeating: 0, count: samples) }
            got = int16Scratch.withUnsafeMutableBufferPointer {
                sf_readf_short(handle, $0.baseAddress, sf_count_t(maxFrames))
            }
            let n = max(0, Int(got)) * info.channels
            int16Scratch.withUnsafeBufferPointer { source in
                floatScratch.withUnsafeMutableBufferPointer { dest in
                    let scale: Float = 1.0 / 32_768
                    for i in 0..<n { dest[i] = Float(source[i]) * scale }
                }
            }
        } else {
            got = floatScratch.withUnsafeMutableBufferPointer {
                sf_readf_float(handle, $0.baseAddress, sf_count_t(maxFrames))
            }
            if got > 0 { nonFiniteCount += Self.zeroNonFinite(&floatScratch, count: Int(got) * info.channels) }
        }
        if got <= 0 {
            let code = sf_error(handle)
            if code != 0 && position == 0 {
                throw AudioError.corrupt(info.path, String(cString: sf_strerror(handle)))
            }
            noteEnd()
            return 0
        }
        position += Int(got)
        return Int(got)
    }

    /// The data ended at `position`: short of the header's length, that is truncation.
    private func noteEnd() {
        guard readTruncation == nil, info.frames - position > Self.truncationToleranceFrames else { return }
        let declared = info.frames == Int(Int64.max) ? nil : info.frames
        readTruncation = .truncated(
            path: info.path, sampleRate: info.sampleRate, declaredFrames: declared, actualFrames: position)
        info.frames = position
    }

    /// Sets NaN and ±Inf among the first `count` samples to 0; returns how many there were.
    private static func zeroNonFinite(_ samples: inout [Float], count: Int) -> Int {
        var found = 0
        samples.withUnsafeMutableBufferPointer { buffer in
            for i in 0..<count where !buffer[i].isFinite {
                buffer[i] = 0
                found += 1
            }
        }
        return found
    }

    /// Opens `path` and finds what is wrong with it without analysing it: the header's
    /// damage, and for compressed files whether the last frame the header promises can be
    /// decoded; when it cannot, the file is decoded once to measure what it holds. For `info`.
    public static func inspect(path: String) throws -> (info: AudioFileInfo, damage: [AudioDamage]) {
        let file = try AudioFile(path: path)
        guard file.headerDamage == nil, !file.info.format.hasPrefix("WAV") else { return (file.info, file.damage) }
        let lengthKnown = file.info.frames != Int(Int64.max)
        if lengthKnown, (try? file.seek(toFrame: file.info.frames - 1)) != nil,
            (try? file.readInterleaved(maxFrames: 1)) == 1
        {
            return (file.info, file.damage)
        }
        // A decoder that failed at the end may not seek back: decode from a fresh handle.
        let whole = try AudioFile(path: path)
        while try whole.readInterleaved(maxFrames: 65_536) > 0 {}
        return (whole.info, whole.damage)
    }

    /// Lends the interleaved samples of the last `readInterleaved` call (valid up to
    /// frames × channels) without copying them.
    func withLastInterleaved<R>(_ body: (UnsafeBufferPointer<Float>) throws -> R) rethrows -> R {
        try floatScratch.withUnsafeBufferPointer(body)
    }

    /// Maps a failed `sf_open` onto `AudioError`. libsndfile reports "unrecognised format" both
    /// for a text file and for a WAV whose header was cut short, so the file's first bytes
    /// decide between "not audio" and "corrupt".
    static func openError(
        path: String, code: Int32, message: String, looksLikeAudio: () -> Bool
    ) -> AudioError {
        switch Int(code) {
        case Int(SF_ERR_SYSTEM):
            return .unreadable(path, message)
        case Int(SF_ERR_UNSUPPORTED_ENCODING):
            return .unsupported(path, message)
        case Int(SF_ERR_MALFORMED_FILE):
            return .corrupt(path, message)
        default:
            return looksLikeAudio() ? .corrupt(path, message) : .notAudio(path, message)
        }
    }

    private static func openError(path: String, code: Int32, message: String) -> AudioError {
        openError(path: path, code: code, message: message) { AudioMagic.looksLikeAudio(path: path) }
    }
}
