/// The short-time Fourier transform's power (or magnitude) spectrogram, all n_fft / 2 + 1 bins,
/// with librosa's framing (`center`, constant or reflect padding): `abs(librosa.stft(y))**power`
/// transposed to `[frames, bins]`.
public struct STFT: Sendable {
    public let extractor: FeatureExtractor

    /// Uses the STFT fields of `config` (rate, n_fft, hop, window, center, pad mode, power);
    /// its frequency-scale and scaling fields are ignored.
    public init(config: FeatureConfig) {
        var stft = config
        stft.frequencyScale = .linear
        stft.fmin = 0
        stft.fmax = nil
        stft.scaling = .none
        extractor = FeatureExtractor(config: stft)
    }

    /// `[frames, n_fft / 2 + 1]` spectra of a mono signal.
    public func spectrogram(samples: [Float]) -> FeatureImage {
        extractor.features(samples: samples)
    }
}
