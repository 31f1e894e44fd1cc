import FrogDSP

/// The frequency box drawn around each species' detections (Raven selections, Audacity
/// spectral labels, snippet rectangles): the species' call band when known, otherwise the whole
/// range the model's features cover.
public struct FrequencyBands: Sendable, Equatable {
    /// Known call bands by species, Hz.
    public var bySpecies: [String: ClosedRange<Float>]
    /// The analysed range, used for species without a known band.
    public var fallback: ClosedRange<Float>

    public init(bySpecies: [String: ClosedRange<Float>] = [:], fallback: ClosedRange<Float>) {
        self.bySpecies = bySpecies
        self.fallback = fallback
    }

    /// The analysed range of a feature configuration: fmin to fmax (Nyquist when unset).
    public init(bySpecies: [String: ClosedRange<Float>] = [:], config: FeatureConfig) {
        let nyquist = Float(config.sampleRate) / 2
        let high = min(config.fmax ?? nyquist, nyquist)
        self.init(bySpecies: bySpecies, fallback: min(config.fmin, high)...high)
    }

    public func band(for species: String) -> ClosedRange<Float> { bySpecies[species] ?? fallback }
}
