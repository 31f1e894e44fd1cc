extension FeatureConfig {
    /// The snake_case keys a `features:` section may use (for rejecting typos).
    public static let keyNames: [String] = CodingKeys.allCases.map(\.stringValue)

    /// Sample rates FrogDSP accepts, Hz: from telephone-band recorders to the fastest
    /// ultrasonic ones; anything outside is a typo or a damaged header.
    public static let sampleRateRange = 1_000...768_000
    /// FFT sizes: at least 16 bins of spectrum, at most 65,536 (1.4 s at 48 kHz). Larger sizes
    /// only spend memory (FFTW plans and buffers grow with it) and smear calls in time.
    public static let fftSizeRange = 16...65_536
    /// Mel bands at most; more bands than that only split FFT bins into empty filters.
    public static let maximumMelBands = 1_024

    /// One unusable value: the snake_case key (`n_fft`, `pcen.eps`) and what is wrong, worded
    /// to follow the key ("must be …").
    public struct Problem: Equatable, Sendable, CustomStringConvertible {
        public var key: String
        public var message: String

        public var description: String { "\(key) \(message)" }
    }

    /// Every unusable value, each naming its key; empty when FrogDSP can run the configuration
    /// in bounded memory. Ranges, not just signs: a model file or config with `n_fft: 1e9` or
    /// `sample_rate: 1e12` would otherwise plan gigabyte FFTs or resample to terabytes.
    public func issues() -> [Problem] {
        var found: [Problem] = []
        func require(_ condition: Bool, _ key: String, _ message: String) {
            if !condition { found.append(Problem(key: key, message: message)) }
        }
        let rates = Self.sampleRateRange
        require(
            rates.contains(sampleRate), "sample_rate",
            "must be in \(rates.lowerBound)…\(rates.upperBound) Hz (got \(sampleRate))")
        let sizes = Self.fftSizeRange
        require(
            sizes.contains(nFFT), "n_fft",
            "must be in \(sizes.lowerBound)…\(sizes.upperBound) samples (got \(nFFT); 1024 at 22.05 kHz is the reference)")
        if let winLength {
            require(
                (1...max(nFFT, 1)).contains(winLength), "win_length",
                "must be in 1…n_fft = \(nFFT) (got \(winLength))")
        }
        // A hop longer than the analysis window leaves audio between frames unanalysed.
        require(
            (1...max(windowLength, 1)).contains(hopLength), "hop_length",
            "must be in 1…\(winLength == nil ? "n_fft" : "win_length") = \(windowLength) samples (got \(hopLength); a longer hop skips audio between frames)")
        require(
            power > 0 && power <= 4, "power", "must be in (0, 4] (1 magnitude, 2 power; got \(power))")
        let fftBins = nFFT / 2 + 1
        if frequencyScale == .mel {
            let most = min(Self.maximumMelBands, max(fftBins, 1))
            require(
                (1...most).contains(nMels), "n_mels",
                "must be in 1…\(most) (at most n_fft / 2 + 1 = \(fftBins) and \(Self.maximumMelBands); got \(nMels))")
        }
        let nyquist = Float(sampleRate) / 2
        require(
            fmin >= 0 && fmin < max(nyquist, 0), "fmin",
            "must be in [0, sample_rate / 2 = \(nyquist)) Hz (got \(fmin))")
        if let fmax {
            require(
                fmax > fmin && fmax <= nyquist, "fmax",
                "must be above fmin = \(fmin) and at most sample_rate / 2 = \(nyquist) Hz (got \(fmax))")
        }
        if frequencyScale == .linear, found.isEmpty {
            require(
                !LinearBandCrop(config: self).binRange.isEmpty, "fmax",
                "keeps no FFT bin between fmin = \(fmin) and fmax = \(fmax ?? nyquist) Hz at n_fft = \(nFFT); widen the band")
        }
        require(amin > 0 && amin.isFinite, "amin", "must be a positive number (got \(amin))")
        require(ref > 0 && ref.isFinite, "ref", "must be a positive number (got \(ref))")
        if let topDB { require(topDB >= 0 && topDB.isFinite, "top_db", "must be a number ≥ 0 (got \(topDB))") }
        require(
            pcen.timeConstant > 0 && pcen.timeConstant <= 60, "pcen.time_constant",
            "must be in (0, 60] seconds (got \(pcen.timeConstant))")
        require(pcen.eps > 0 && pcen.eps < 1, "pcen.eps", "must be in (0, 1) (got \(pcen.eps))")
        for (key, value) in [("pcen.gain", pcen.gain), ("pcen.bias", pcen.bias), ("pcen.power", pcen.power)] {
            require(value >= 0 && value <= 100, key, "must be in [0, 100] (got \(value))")
        }
        return found
    }

    /// `issues()` as one line each ("n_fft must be …").
    public func problems() -> [String] { issues().map(\.description) }
}

extension FeatureConfig.PCEN {
    /// The keys a `pcen:` section may use.
    public static let keyNames: [String] = CodingKeys.allCases.map(\.stringValue)
}
