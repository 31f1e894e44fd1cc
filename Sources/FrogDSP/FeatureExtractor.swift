/// The one entry point from samples to features: STFT → mel bands or linear crop → dB / PCEN,
/// exactly as a `FeatureConfig` says.
///
/// It is an immutable, `Sendable` value: share it between threads; each call builds its own
/// small working buffers. `features(samples:)` and `StreamingFeatureExtractor` run the same
/// per-frame code, so a file processed block by block gives bit-identical frames.
///
/// ```swift
/// let extractor = FeatureExtractor(config: FeatureConfig())   // the reference log-mel
/// let image = extractor.features(samples: mono22050)          // [frames, 64] dB
/// ```
public struct FeatureExtractor: Sendable {
    /// How STFT bins become feature bins.
    enum Reduction: Sendable {
        case mel(MelFilterbank)
        case crop(Range<Int>)
    }

    public let config: FeatureConfig
    /// Feature bins per frame (mel bands or cropped STFT bins).
    public let bins: Int
    /// Centre frequency in Hz of each feature bin, lowest first.
    public let binFrequencies: [Float]
    let window: [Float]
    let reduction: Reduction
    let plans: FFTPlanCache

    public init(config: FeatureConfig) {
        self.init(config: config, plans: .shared)
    }

    init(config: FeatureConfig, plans: FFTPlanCache) {
        precondition(config.nFFT >= 2 && config.hopLength >= 1, "n_fft ≥ 2 and hop ≥ 1 required")
        precondition(config.windowLength <= config.nFFT, "win_length must not exceed n_fft")
        self.config = config
        self.plans = plans
        window = Window.centered(config.window, length: config.windowLength, fftSize: config.nFFT)
        switch config.frequencyScale {
        case .mel:
            let bank = MelFilterbank(config: config)
            reduction = .mel(bank)
            bins = bank.bands
            binFrequencies = bank.centerFrequencies
        case .linear:
            let crop = LinearBandCrop(config: config)
            reduction = .crop(crop.binRange)
            bins = crop.binRange.count
            binFrequencies = crop.frequencies
        }
    }

    /// Features of a mono signal at `config.sampleRate`.
    public func features(samples: [Float]) -> FeatureImage {
        features(channels: [samples])
    }

    /// Features of a multi-channel signal (equal-length channels at `config.sampleRate`),
    /// mixed phase-safely: the channels' power spectra are averaged, never their waveforms
    /// (anti-phase microphones would cancel).
    public func features(channels: [[Float]]) -> FeatureImage {
        let stream = StreamingFeatureExtractor(
            extractor: self, channels: channels.count, streamingTopDB: false)
        var image = stream.push(channels)
        image.append(stream.finish())
        // librosa's top_db is relative to the maximum of the whole result.
        if config.scaling == .db, let topDB = config.topDB, let peak = image.values.max() {
            Decibel(config: config).applyTopDB(&image.values, relativeTo: peak, range: topDB)
        }
        return image
    }

    /// Frame count for `sampleCount` samples: `1 + n / hop` with centre padding, else
    /// `1 + (n − n_fft) / hop` (0 if the signal is shorter than a frame or empty).
    public func frameCount(sampleCount: Int) -> Int {
        if sampleCount == 0 { return 0 }
        if config.center { return 1 + sampleCount / config.hopLength }
        return sampleCount < config.nFFT ? 0 : 1 + (sampleCount - config.nFFT) / config.hopLength
    }

    /// Time in seconds of frame `index`'s centre.
    public func frameTime(_ index: Int) -> Double {
        let centre = config.center ? 0 : config.nFFT / 2
        return Double(index * config.hopLength + centre) / Double(config.sampleRate)
    }
}
