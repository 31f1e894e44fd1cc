import Foundation

/// A mel filterbank with librosa.filters.mel's exact semantics, stored banded.
///
/// Each triangular band touches only the STFT bins between its neighbours' centres (987 of
/// 32,832 weights are non-zero for the reference 64 bands over 513 bins), so the bank keeps,
/// per band, its first bin and its run of weights; applying it costs a few multiply-adds per
/// bin instead of a dense 64 × 513 product.
public struct MelFilterbank: Equatable, Sendable {
    /// Number of mel bands.
    public let bands: Int
    /// STFT bins per frame the bank reads (n_fft / 2 + 1).
    public let fftBins: Int
    /// Centre frequency in Hz of each band (librosa's `mel_frequencies(n_mels + 2)[1...n_mels]`).
    public let centerFrequencies: [Float]
    /// First STFT bin of each band.
    let firstBin: [Int]
    /// Offset of each band's weights in `weights`; band m spans `offsets[m]..<offsets[m + 1]`.
    let offsets: [Int]
    /// The non-zero runs of every band, concatenated.
    let weights: [Float]

    /// Builds the bank like `librosa.filters.mel(sr:, n_fft:, n_mels:, fmin:, fmax:, htk:, norm:)`.
    public init(
        sampleRate: Int, fftSize: Int, bands: Int, minimumFrequency: Float,
        maximumFrequency: Float?, scale: FeatureConfig.MelScale, norm: FeatureConfig.MelNorm
    ) {
        precondition(bands >= 1, "need at least one mel band")
        let fftBins = fftSize / 2 + 1
        let fmax = Double(maximumFrequency ?? Float(sampleRate) / 2)
        let htk = scale == .htk
        let low = Self.hertzToMel(Double(minimumFrequency), htk: htk)
        let high = Self.hertzToMel(fmax, htk: htk)
        // np.linspace(low, high, bands + 2), then back to Hz.
        let melHz: [Double] = (0..<(bands + 2)).map { i in
            let step = (high - low) / Double(bands + 1)
            let mel = i == bands + 1 ? high : low + Double(i) * step
            return Self.melToHertz(mel, htk: htk)
        }
        let binHz: [Double] = (0..<fftBins).map { Double($0) * Double(sampleRate) / Double(fftSize) }

        var firstBin: [Int] = []
        var offsets: [Int] = [0]
        var weights: [Float] = []
        for m in 0..<bands {
            let lowerWidth = melHz[m + 1] - melHz[m]
            let upperWidth = melHz[m + 2] - melHz[m + 1]
            let enorm = norm == .slaney ? 2.0 / (melHz[m + 2] - melHz[m]) : 1.0
            var run: [Float] = []
            var start = -1
            for k in 0..<fftBins {
                let lower = -(melHz[m] - binHz[k]) / lowerWidth
                let upper = (melHz[m + 2] - binHz[k]) / upperWidth
                // librosa stores the triangle as float32, then scales it in place by the
                // float64 enorm: two roundings, reproduced here.
                let triangle = Float(max(0, min(lower, upper)))
                let value = norm == .slaney ? Float(Double(triangle) * enorm) : triangle
                if value != 0 {
                    if start < 0 { start = k }
                    // Fill interior zeros (none for triangles, but keeps the run contiguous).
                    while start + run.count < k { run.append(0) }
                    run.append(value)
                }
            }
            firstBin.append(max(start, 0))
            weights += run
            offsets.append(weights.count)
        }
        self.bands = bands
        self.fftBins = fftBins
        self.centerFrequencies = (1...bands).map { Float(melHz[$0]) }
        self.firstBin = firstBin
        self.offsets = offsets
        self.weights = weights
    }

    /// The bank for a feature configuration (its mel fields).
    public init(config: FeatureConfig) {
        self.init(
            sampleRate: config.sampleRate, fftSize: config.nFFT, bands: config.nMels,
            minimumFrequency: config.fmin, maximumFrequency: config.fmax,
            scale: config.melScale, norm: config.melNorm)
    }

    /// Number of stored (non-zero) weights.
    public var storedWeights: Int { weights.count }

    /// The dense `[bands, fftBins]` matrix, row-major (as librosa returns it).
    public func denseMatrix() -> [Float] {
        var out = [Float](repeating: 0, count: bands * fftBins)
        for m in 0..<bands {
            for j in offsets[m]..<offsets[m + 1] {
                out[m * fftBins + firstBin[m] + j - offsets[m]] = weights[j]
            }
        }
        return out
    }

    /// Applies the bank to spectra `[frames, fftBins]`, giving `[frames, bands]`.
    public func apply(spectra: [Float], frames: Int) -> [Float] {
        precondition(spectra.count == frames * fftBins, "spectra must be frames × \(fftBins)")
        var out = [Float](repeating: 0, count: frames * bands)
        spectra.withUnsafeBufferPointer { input in
            out.withUnsafeMutableBufferPointer { output in
                for f in 0..<frames {
                    apply(
                        spectrum: input.baseAddress! + f * fftBins,
                        into: output.baseAddress! + f * bands)
                }
            }
        }
        return out
    }

    /// Banded product for one frame: `output[m] = Σ_k weights[m, k] · spectrum[k]`.
    @inline(__always)
    func apply(spectrum: UnsafePointer<Float>, into output: UnsafeMutablePointer<Float>) {
        weights.withUnsafeBufferPointer { w in
            offsets.withUnsafeBufferPointer { offset in
                firstBin.withUnsafeBufferPointer { first in
                    for m in 0..<bands {
                        let begin = offset[m]
                        let end = offset[m + 1]
                        let bins = spectrum + first[m] - begin
                        var sum: Float = 0
                        var j = begin
                        while j < end {
                            sum += w[j] * bins[j]
                            j += 1
                        }
                        output[m] = sum
                    }
                }
            }
        }
    }

    /// librosa.hz_to_mel (Slaney: linear below 1 kHz, logarithmic above; or HTK).
    public static func hertzToMel(_ hertz: Double, htk: Bool) -> Double {
        if htk { return 2595 * log10(1 + hertz / 700) }
        let linearStep = 200.0 / 3
        let minLogHz = 1000.0
        let minLogMel = minLogHz / linearStep
        let logStep = log(6.4) / 27
        return hertz >= minLogHz ? minLogMel + log(hertz / minLogHz) / logStep : hertz / linearStep
    }

    /// librosa.mel_to_hz, the inverse of `hertzToMel`.
    public static func melToHertz(_ mel: Double, htk: Bool) -> Double {
        if htk { return 700 * (pow(10, mel / 2595) - 1) }
        let linearStep = 200.0 / 3
        let minLogHz = 1000.0
        let minLogMel = minLogHz / linearStep
        let logStep = log(6.4) / 27
        return mel >= minLogMel ? minLogHz * exp(logStep * (mel - minLogMel)) : linearStep * mel
    }
}
