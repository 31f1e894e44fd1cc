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
    private let reducer: BinReducer
    private let decibel: Decibel
    private let scaling: FeatureConfig.Scaling
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
        precondition(channels >= 1, "need at least one channel")
        let config = extractor.config
        self.extractor = extractor
        self.channels = channels
        self.streamingTopDB = streamingTopDB
        frames = FrameStream(
            frameLength: config.nFFT, hop: config.hopLength, channels: channels,
            center: config.center, padMode: config.padMode)
        kernel = SpectrumKernel(
            fftSize: config.nFFT, window: extractor.window, power: config.power,
            plans: extractor.plans)
        reducer = BinReducer(extractor.reduction, fftBins: config.nFFT / 2 + 1)
        decibel = Decibel(config: config)
        scaling = config.scaling
        if config.scaling == .pcen { pcen = PCEN(config: config, bands: extractor.bins) }
    }

    /// Frames emitted so far.
    public var framesEmitted: Int { frames.emitted }

    /// Adds one block (`channels` arrays of equal length); returns the frames completed by it.
    public func push(_ block: [[Float]]) -> FeatureImage {
        let first = frames.emitted
        let values = collect(bound: frames.frameBound(adding: block.first?.count ?? 0)) { body in
            frames.push(block, body: body)
        }
        return finishPiece(values, firstFrame: first)
    }

    /// Ends the stream; returns the last frames (those reaching into the end padding).
    public func finish() -> FeatureImage {
        let first = frames.emitted
        let values = collect(bound: frames.frameBound(adding: 0)) { body in
            frames.finish(body: body)
        }
        return finishPiece(values, firstFrame: first)
    }

    /// Runs `emit` with a per-frame body that writes each frame's feature row into one buffer
    /// sized for at most `bound` frames (no allocation per frame), then trims it.
    private func collect(
        bound: Int, _ emit: ((UnsafePointer<UnsafePointer<Float>>) -> Void) -> Void
    ) -> [Float] {
        let bins = extractor.bins
        var written = 0
        let values = [Float](unsafeUninitializedCapacity: max(1, bound * bins)) { buffer, initialized in
            let base = buffer.baseAddress!
            emit { pointers in
                precondition(written < bound, "frame bound exceeded")
                computeRow(pointers, into: base + written * bins)
                written += 1
            }
            initialized = written * bins
        }
        return values
    }

    /// One frame: spectra of every channel, averaged, reduced to feature bins, dB per row.
    @inline(__always)
    private func computeRow(_ pointers: UnsafePointer<UnsafePointer<Float>>, into row: UnsafeMutablePointer<Float>) {
        for c in 0..<channels { kernel.transform(frame: pointers[c], accumulate: c > 0) }
        kernel.average(channels: channels)
        reducer.reduce(kernel.spectrum.pointer, into: row)
        if scaling == .db { decibel.convertInPlace(row, count: extractor.bins) }
    }

    private func finishPiece(_ values: [Float], firstFrame: Int) -> FeatureImage {
        var values = values
        let count = values.count / max(1, extractor.bins)
        if pcen != nil { pcen!.apply(&values, frames: count) }
        if streamingTopDB, scaling == .db, let topDB = decibel.topDB, !values.isEmpty {
            runningMaximum = max(runningMaximum, values.max()!)
            decibel.applyTopDB(&values, relativeTo: runningMaximum, range: topDB)
        }
        return FeatureImage(
            bins: extractor.bins, frames: count, values: values,
            secondsPerFrame: extractor.config.secondsPerFrame,
            startSeconds: extractor.frameTime(firstFrame), binFrequencies: extractor.binFrequencies)
    }
}
