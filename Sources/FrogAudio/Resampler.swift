import CSoxr

/// Streaming sample-rate conversion with libsoxr, one or more channels.
///
/// Feed blocks with `process(_:)` in order, then call `flush()` once at the end of the stream
/// to drain the filter's delay; the total output is then round(inputFrames × outputRate /
/// inputRate) frames (±1). `reset()` readies it for an unrelated stream (e.g. after a seek).
/// Not thread-safe: one resampler per stream.
public final class Resampler {
    /// Filter quality. See `Quality.standard` for the measured trade-off.
    public enum Quality: Sendable, Equatable {
        /// libsoxr's "HQ" recipe: 20-bit precision (≈ 120 dB stopband rejection), passband
        /// flat (≤ 0.01 dB rolloff) to 91.4 % of the lower Nyquist, stopband from 100 %.
        case high
        /// The default: the HQ recipe's passband (flat to 91.4 % of Nyquist, i.e. 10.07 kHz at
        /// 22,050 Hz out) and stopband edge (100 % of Nyquist), at 16-bit precision (≈ 96 dB
        /// rejection: below the noise floor of 16-bit field recorders). Debian's libsoxr 0.1.3
        /// took 0.31 s at HQ for 10 minutes 48 → 22.05 kHz on the reference machine, over the
        /// 0.19 s target; 16-bit precision shortens the filter and measured ~25–35 % faster
        /// there (see README "Benchmarks"), with no audible or spectral difference above −96 dB.
        case standard
    }

    public let inputRate: Int
    public let outputRate: Int
    public let channels: Int
    public let quality: Quality

    private let handle: OpaquePointer
    private var inputScratch: [Float] = []
    private var outputScratch: [Float] = []

    /// A resampler from `inputRate` to `outputRate` Hz for `channels` channels.
    public init(inputRate: Int, outputRate: Int, channels: Int = 1, quality: Quality = .standard) throws {
        guard inputRate > 0, outputRate > 0, channels > 0 else {
            throw ResamplerError(
                "invalid resampler: \(inputRate) Hz → \(outputRate) Hz, \(channels) channel(s)")
        }
        self.inputRate = inputRate
        self.outputRate = outputRate
        self.channels = channels
        self.quality = quality
        var io = soxr_io_spec(SOXR_FLOAT32_S, SOXR_FLOAT32_S)
        var spec = soxr_quality_spec(UInt(SOXR_HQ), 0)
        if quality == .standard { spec.precision = 16 }
        // One thread: frogscan parallelises across files, not inside one stream.
        var runtime = soxr_runtime_spec(1)
        var error: soxr_error_t? = nil
        let created = soxr_create(
            Double(inputRate), Double(outputRate), UInt32(channels), &error, &io, &spec, &runtime)
        guard let created, error == nil else {
            if let created { soxr_delete(created) }
            throw ResamplerError("libsoxr: " + (error.map { String(cString: $0) } ?? "cannot create"))
        }
        handle = created
    }

    deinit { soxr_delete(handle) }

    /// Resamples the next block of the stream (one array per channel, equal lengths). The
    /// output may be shorter than the rate ratio suggests while the filter fills.
    public func process(_ input: [[Float]]) throws -> [[Float]] {
        guard input.count == channels else {
            throw ResamplerError("expected \(channels) channel(s), got \(input.count)")
        }
        let frames = input.first?.count ?? 0
        guard input.allSatisfy({ $0.count == frames }) else {
            throw ResamplerError("channels differ in length")
        }
        if frames == 0 { return [[Float]](repeating: [], count: channels) }
        // Planar input in one buffer, so per-channel pointers are offsets into it.
        if inputScratch.count < frames * channels {
            inputScratch = [Float](repeating: 0, count: frames * channels)
        }
        inputScratch.withUnsafeMutableBufferPointer { dest in
            for c in 0..<channels {
                input[c].withUnsafeBufferPointer { source in
                    dest.baseAddress!.advanced(by: c * frames).update(from: source.baseAddress!, count: frames)
                }
            }
        }
        return try run(frames: frames, flushing: false)
    }

    /// Drains the filter at the end of the stream.
    public func flush() throws -> [[Float]] {
        try run(frames: 0, flushing: true)
    }

    /// Forgets the stream so far (same rates and quality), e.g. after seeking.
    public func reset() throws {
        if let error = soxr_clear(handle) {
            throw ResamplerError("libsoxr: " + String(cString: error))
        }
    }

    /// Resamples a whole signal in one go.
    public static func resample(
        _ input: [[Float]], from inputRate: Int, to outputRate: Int, quality: Quality = .standard
    ) throws -> [[Float]] {
        let resampler = try Resampler(
            inputRate: inputRate, outputRate: outputRate, channels: input.count, quality: quality)
        var out = try resampler.process(input)
        let tail = try resampler.flush()
        for c in out.indices { out[c] += tail[c] }
        return out
    }

    /// Runs soxr over `frames` planar frames in `inputScratch` (or flushes), growing the output
    /// buffer until every input frame is consumed and, when flushing, nothing more comes out.
    private func run(frames: Int, flushing: Bool) throws -> [[Float]] {
        let ratio = Double(outputRate) / Double(inputRate)
        var capacity = Int((Double(frames) * ratio).rounded(.up)) + 1024
        var produced = 0
        var consumed = 0
        if outputScratch.count < capacity * channels {
            outputScratch = [Float](repeating: 0, count: capacity * channels)
        }
        capacity = outputScratch.count / channels
        var planes = [[Float]](repeating: [], count: channels)
        func collect() {
            // Copy what soxr wrote (planar, stride `capacity`) out before reusing the buffer.
            outputScratch.withUnsafeBufferPointer { out in
                for c in 0..<channels {
                    planes[c] += out[(c * capacity)..<(c * capacity + produced)]
                }
            }
            produced = 0
        }
        while true {
            var inputDone = 0
            var outputDone = 0
            let error: soxr_error_t? = inputScratch.withUnsafeBufferPointer { input in
                outputScratch.withUnsafeMutableBufferPointer { output in
                    var outPointers: [UnsafeMutableRawPointer?] = (0..<channels).map {
                        UnsafeMutableRawPointer(output.baseAddress!.advanced(by: $0 * capacity + produced))
                    }
                    if flushing {
                        return outPointers.withUnsafeMutableBufferPointer { outs in
                            soxr_process(handle, nil, 0, nil, UnsafeMutableRawPointer(outs.baseAddress!),
                                capacity - produced, &outputDone)
                        }
                    }
                    var inPointers: [UnsafeRawPointer?] = (0..<channels).map {
                        UnsafeRawPointer(input.baseAddress!.advanced(by: $0 * frames + consumed))
                    }
                    return inPointers.withUnsafeMutableBufferPointer { ins in
                        outPointers.withUnsafeMutableBufferPointer { outs in
                            soxr_process(handle, UnsafeRawPointer(ins.baseAddress!), frames - consumed,
                                &inputDone, UnsafeMutableRawPointer(outs.baseAddress!),
                                capacity - produced, &outputDone)
                        }
                    }
                }
            }
            if let error { throw ResamplerError("libsoxr: " + String(cString: error)) }
            consumed += inputDone
            produced += outputDone
            let outputFull = produced == capacity
            if outputFull { collect() }
            if flushing {
                if outputDone == 0 { break }
            } else if consumed == frames && !outputFull {
                break
            }
        }
        collect()
        return planes
    }
}

/// A resampler that could not be created or fed (bad rates, mismatched channels).
public struct ResamplerError: Error, CustomStringConvertible, Equatable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
