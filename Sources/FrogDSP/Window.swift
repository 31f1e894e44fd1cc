import Foundation

/// Analysis windows (Hann, Hamming, Blackman) as scipy.signal.get_window computes them.
///
/// `periodic` windows (scipy's `fftbins=True`, librosa's default) are the first `length` points
/// of a symmetric window of `length + 1`; they are the right choice for spectral analysis with
/// overlapping frames. Coefficients are computed in Double and rounded once, like scipy's
/// float64 windows that librosa multiplies into its frames.
public enum Window {
    /// `length` coefficients of `shape`.
    public static func coefficients(
        _ shape: FeatureConfig.Window, length: Int, periodic: Bool = true
    ) -> [Float] {
        precondition(length >= 0, "window length must not be negative")
        if length == 0 { return [] }
        if length == 1 { return [1] }
        let points = periodic ? length + 1 : length
        // scipy's general_cosine: Σ a_k cos(k·x) with x evenly spaced over [−π, π].
        let terms: [Double]
        switch shape {
        case .hann: terms = [0.5, 0.5]
        case .hamming: terms = [0.54, 0.46]
        case .blackman: terms = [0.42, 0.50, 0.08]
        }
        return (0..<length).map { n in
            let x = -Double.pi + 2 * Double.pi * Double(n) / Double(points - 1)
            var sum = 0.0
            for (k, a) in terms.enumerated() { sum += a * cos(Double(k) * x) }
            return Float(sum)
        }
    }

    /// A periodic window of `length` centred in `fftSize` zeros (librosa's `pad_center`), used
    /// when `win_length < n_fft`.
    public static func centered(_ shape: FeatureConfig.Window, length: Int, fftSize: Int) -> [Float] {
        precondition(length <= fftSize, "window length \(length) exceeds n_fft \(fftSize)")
        let left = (fftSize - length) / 2
        var out = [Float](repeating: 0, count: fftSize)
        let window = coefficients(shape, length: length)
        for i in 0..<length { out[left + i] = window[i] }
        return out
    }
}
