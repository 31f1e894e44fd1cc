import Foundation

/// Per-channel energy normalisation with `librosa.pcen`'s exact semantics, as a causal filter
/// that carries its state from one block of frames to the next.
///
/// For each band, `M[t] = b·E[t] + (1 − b)·M[t−1]` (librosa's `lfilter([b], [1, b − 1])`), with
/// librosa's default initial state `zi = lfilter_zi = 1 − b`, i.e. `M[−1] = 1`. Then
/// `PCEN = bias^power · expm1(power · log1p(E · exp(−gain·(log eps + log1p(M / eps))) / bias))`
/// (the `power == 0` and `bias == 0` branches as librosa). The smoothing coefficient comes from
/// the time constant in frames, `T = timeConstant · sampleRate / hopLength`, as the root of
/// `b² + (1 − b)/T − 2 = 0`.
///
/// Scaling convention: librosa's PCEN defaults (eps 1e-6, bias 2) assume the magnitudes of
/// audio in integer range, and its documentation scales float audio's spectrogram by 2³¹
/// (`pcen(S * 2**31)`). FrogDSP does the same: `inputScale` (2³¹) multiplies the filterbank
/// output before PCEN. The arithmetic is done in Double, as librosa's float64 `lfilter` does.
public struct PCEN: Sendable {
    /// Factor applied to the (float-audio) spectrogram before PCEN: 2³¹, librosa's convention.
    public static let inputScale: Double = 2_147_483_648

    public let parameters: FeatureConfig.PCEN
    /// The smoothing coefficient b.
    public let smoothing: Double
    /// Per-band smoother state M[t−1].
    private var state: [Double]

    /// A filter for `bands` bands of frames `hopLength` samples apart at `sampleRate`.
    public init(parameters: FeatureConfig.PCEN, bands: Int, sampleRate: Int, hopLength: Int) {
        self.parameters = parameters
        let frames = Double(parameters.timeConstant) * Double(sampleRate) / Double(hopLength)
        smoothing = (sqrt(1 + 4 * frames * frames) - 1) / (2 * frames * frames)
        // lfilter_zi([b], [1, b − 1]) = 1 − b is the transposed-form state, i.e. M[−1] = 1.
        state = [Double](repeating: 1, count: bands)
    }

    /// The PCEN fields of a feature configuration.
    public init(config: FeatureConfig, bands: Int) {
        self.init(
            parameters: config.pcen, bands: bands, sampleRate: config.sampleRate,
            hopLength: config.hopLength)
    }

    /// Normalises `frames` rows of `state.count` energies (frame-major), in place, advancing
    /// the filter state. Inputs are unscaled spectrogram values; `inputScale` is applied here.
    public mutating func apply(_ values: inout [Float], frames: Int) {
        precondition(values.count == frames * state.count, "PCEN: values must be frames × bands")
        values.withUnsafeMutableBufferPointer { buffer in
            apply(buffer.baseAddress!, frames: frames)
        }
    }

    mutating func apply(_ values: UnsafeMutablePointer<Float>, frames: Int) {
        let bands = state.count
        let b = smoothing
        let gain = Double(parameters.gain)
        let bias = Double(parameters.bias)
        let power = Double(parameters.power)
        let eps = Double(parameters.eps)
        let logEps = log(eps)
        let biasPower = pow(bias, power)
        state.withUnsafeMutableBufferPointer { smooth in
            for f in 0..<frames {
                let row = values + f * bands
                for m in 0..<bands {
                    let energy = Double(row[m]) * Self.inputScale
                    // lfilter's transposed direct form II, to round like scipy.
                    let previousState = (1 - b) * smooth[m]
                    let smoothed = b * energy + previousState
                    smooth[m] = smoothed
                    let agc = exp(-gain * (logEps + log1p(smoothed / eps)))
                    let out: Double
                    if power == 0 {
                        out = log1p(energy * agc)
                    } else if bias == 0 {
                        out = exp(power * (log(energy) + log(agc)))
                    } else {
                        out = biasPower * expm1(power * log1p(energy * agc / bias))
                    }
                    row[m] = Float(out)
                }
            }
        }
    }
}
