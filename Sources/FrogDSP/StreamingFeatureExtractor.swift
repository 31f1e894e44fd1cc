/// Block-by-block features of a long recording, in constant memory.
///
/// The concatenation of every `push` result and the final `finish` result is identical to
/// `FeatureExtractor.features(channels:)` of the whole signal, for any block sizes: frames are
/// cut by the same `FrameStream` and computed by the same per-frame code, and PCEN's filter
/// state is carried between blocks. Each returned piece carries its own `startSeconds`.
///
/// One exception is `topDB`, a whole-recording operation in librosa (relative to the global
/// maximum): streamed, it is applied relative to the running maximum of the frames so far.
/// The reference configuration has no top_db.
public final class StreamingFeatureExtractor {
    public let extractor: FeatureExtractor
    public let channels: Int
    private let frames: FrameStream
    private let kernel: SpectrumKernel
    private let decibel: Decibel
    private var pcen: PCEN?
    private var runningMaximum = -Float.infinity
    /// When false, `topDB` is left to the caller (the whole-signal path applies it globally).
    private let streamingTopDB: Bool

    /// A stream of `channels`-channel blocks at `config.sampleRate`.
    public convenience init(config: FeatureConfig, channels: Int) {
        self.init(extractor: FeatureExtractor(config: config), channels: channels)
    }

    public convenience init(extractor: FeatureExtractor, channels: Int) {
        self.init(extractor: extractor, channels: channels, streamingTopDB: true)
    }

    init(extractor: FeatureExtractor, channels: Int, streamingTopDB: Bool) {
        self.streamingTopDB = streamingTopDB
        precondition(channels >= 1, "need at least one channel")
        let config = extractor.config
        self.extractor = extractor
        self.channels = channels
        frames = FrameStream(
            frameLength: config.nFFT, hop: config.hopLength, channels: channels,
            center: config.center, padMode: config.padMode)
        kernel = SpectrumKernel(
            fftSize: config.nFFT, window: extractor.window, power: config.power,
            plans: extractor.plans)
        decibel = Decibel(config: config)
        if config.scaling == .pcen { pcen = PCEN(config: config, bands: extractor.bins) }
    }

    /// Frames emitted so far.
    public var framesEmitted: Int { frames.emitted }

    /// Adds one block (`channels` arrays of equal length); returns the frames completed by it.
    public func push(_ block: [[Float]]) -> FeatureImage {
        let first = frames.emitted
        var values = reserve(adding: block.first?.count ?? 0)
        frames.push(block) { pointers in appendFrame(pointers, to: &values) }
        return finishPiece(values, firstFrame: first)
    }

    /// Ends the stream; returns the last frames (those reaching into the end padding).
    public func finish() -> FeatureImage {
        let first = frames.emitted
        var values = reserve(adding: 0)
        frames.finish { pointers in appendFrame(pointers, to: &values) }
        return finishPiece(values, firstFrame: first)
    }

    private func reserve(adding count: Int) -> [Float] {
        var values: [Float] = []
        values.reserveCapacity(frames.frameBound(adding: count) * extractor.bins)
        return values
    }

    /// One frame: spectra of every channel, averaged, reduced to feature bins, dB per row.
    private func appendFrame(_ pointers: UnsafePointer<UnsafePointer<Float>>, to values: inout [Float]) {
        for c in 0..<channels { kernel.transform(frame: pointers[c], accumulate: c > 0) }
        kernel.average(channels: channels)
        let bins = extractor.bins
        let start = values.count
        values.append(contentsOf: repeatElement(0, count: bins))
        values.withUnsafeMutableBufferPointer { buffer in
            let row = buffer.baseAddress! + start
            switch extractor.reduction {
            case .mel(let bank):
                bank.apply(spectrum: kernel.spectrum.pointer, into: row)
            case .crop(let range):
                row.update(from: kernel.spectrum.pointer + range.lowerBound, count: range.count)
            }
            if extractor.config.scaling == .db { decibel.convertInPlace(row, count: bins) }
        }
    }

    private func finishPiece(_ values: [Float], firstFrame: Int) -> FeatureImage {
        var values = values
        let count = values.count / max(1, extractor.bins)
        if pcen != nil { pcen!.apply(&values, frames: count) }
        if streamingTopDB, extractor.config.scaling == .db, let topDB = decibel.topDB, !values.isEmpty {
            runningMaximum = max(runningMaximum, values.max()!)
            decibel.applyTopDB(&values, relativeTo: runningMaximum, range: topDB)
        }
        return FeatureImage(
            bins: extractor.bins, frames: count, values: values,
            secondsPerFrame: extractor.config.secondsPerFrame,
            startSeconds: extractor.frameTime(firstFrame), binFrequencies: extractor.binFrequencies)
    }
}
