/// The linear-frequency alternative to mel bands: the STFT bins whose centre frequency
/// `k · sampleRate / n_fft` lies in `[minimumFrequency, maximumFrequency]` (both inclusive).
public struct LinearBandCrop: Equatable, Sendable {
    /// The STFT bins kept.
    public let binRange: Range<Int>
    /// Centre frequency in Hz of each kept bin.
    public let frequencies: [Float]

    public init(sampleRate: Int, fftSize: Int, minimumFrequency: Float, maximumFrequency: Float?) {
        let bins = fftSize / 2 + 1
        let hertzPerBin = Double(sampleRate) / Double(fftSize)
        let low = Double(minimumFrequency)
        let high = Double(maximumFrequency ?? Float(sampleRate) / 2)
        let kept = (0..<bins).filter { k in
            let f = Double(k) * hertzPerBin
            return f >= low && f <= high
        }
        binRange = (kept.first ?? 0)..<((kept.last ?? -1) + 1)
        frequencies = binRange.map { Float(Double($0) * hertzPerBin) }
    }

    /// The crop a feature configuration asks for (its fmin / fmax).
    public init(config: FeatureConfig) {
        self.init(
            sampleRate: config.sampleRate, fftSize: config.nFFT,
            minimumFrequency: config.fmin, maximumFrequency: config.fmax)
    }
}
