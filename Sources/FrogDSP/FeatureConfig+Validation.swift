extension FeatureConfig {
    /// The snake_case keys a `features:` section may use (for rejecting typos).
    public static let keyNames: [String] = CodingKeys.allCases.map(\.stringValue)

    /// What is wrong with this configuration, one message per problem naming the snake_case
    /// key; empty when FrogDSP can run it.
    public func problems() -> [String] {
        var found: [String] = []
        if sampleRate < 1 { found.append("sample_rate must be positive (got \(sampleRate))") }
        if nFFT < 2 { found.append("n_fft must be at least 2 (got \(nFFT))") }
        if hopLength < 1 { found.append("hop_length must be positive (got \(hopLength))") }
        if let winLength, winLength < 1 || winLength > nFFT {
            found.append("win_length must be between 1 and n_fft = \(nFFT) (got \(winLength))")
        }
        if power <= 0 { found.append("power must be positive (1 magnitude, 2 power; got \(power))") }
        if frequencyScale == .mel && nMels < 1 { found.append("n_mels must be positive (got \(nMels))") }
        let nyquist = Float(sampleRate) / 2
        if fmin < 0 { found.append("fmin must not be negative (got \(fmin))") }
        if let fmax, fmax <= fmin || fmax > nyquist {
            found.append("fmax must be above fmin = \(fmin) and at most sample_rate / 2 = \(nyquist) (got \(fmax))")
        }
        if !(amin > 0) { found.append("amin must be positive (got \(amin))") }
        if !(ref > 0) { found.append("ref must be positive (got \(ref))") }
        if let topDB, !(topDB >= 0) { found.append("top_db must not be negative (got \(topDB))") }
        if !(pcen.timeConstant > 0) { found.append("pcen.time_constant must be positive") }
        if !(pcen.eps > 0) { found.append("pcen.eps must be positive") }
        if pcen.bias < 0 || pcen.power < 0 || pcen.gain < 0 {
            found.append("pcen.gain, pcen.bias and pcen.power must not be negative")
        }
        return found
    }
}

extension FeatureConfig.PCEN {
    /// The keys a `pcen:` section may use.
    public static let keyNames: [String] = CodingKeys.allCases.map(\.stringValue)
}
