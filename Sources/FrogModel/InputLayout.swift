import FrogConfig
import FrogData
import FrogDSP
import FrogNN

/// How feature windows become the network's input tensor, including per-window
/// normalisation: shared by training and by `ModelBundle.scores`, so detection feeds the
/// network exactly what training did.
public struct InputLayout: Equatable, Sendable, Codable {
    /// Tensor layout.
    public enum Arrangement: String, Equatable, Sendable, Codable {
        /// `[n, 1, bins, frames]` (NCHW; height = frequency, width = time): CNN and CRNN.
        case image
        /// `[n, frames, bins]` (N×T×F; one step per frame): BiRNN.
        case sequence
    }

    public var arrangement: Arrangement
    public var normalization: RunConfig.ClipsSection.Normalization
    /// Frequency bins and frames every window must have.
    public var bins: Int
    public var frames: Int
    /// With `peak` normalisation: values more than this many dB below the window's maximum are
    /// raised to it (nil: no floor; models saved before the field existed have none).
    public var floorDB: Float?

    public init(
        arrangement: Arrangement, normalization: RunConfig.ClipsSection.Normalization, bins: Int, frames: Int,
        floorDB: Float? = nil
    ) {
        self.arrangement = arrangement
        self.normalization = normalization
        self.bins = bins
        self.frames = frames
        self.floorDB = floorDB
    }

    /// The input shape without the batch dimension.
    public var sampleShape: [Int] { arrangement == .image ? [1, bins, frames] : [frames, bins] }

    /// Stacks `windows` into one batch tensor; each must be `bins × frames`.
    public func tensor(_ windows: [FeatureImage]) throws -> Tensor {
        let size = bins * frames
        var data = [Float](repeating: 0, count: windows.count * size)
        for (n, window) in windows.enumerated() {
            guard window.bins == bins, window.frames == frames else {
                throw ModelError.inputMismatch(
                    "a window of \(window.bins) bins × \(window.frames) frames; the model takes \(bins) × \(frames)")
            }
            let values = normalized(window.values)
            let base = n * size
            switch arrangement {
            case .sequence:
                // FeatureImage is frame-major [frames, bins], which is already T×F.
                data.replaceSubrange(base..<base + size, with: values)
            case .image:
                for t in 0..<frames {
                    for f in 0..<bins { data[base + f * frames + t] = values[t * bins + f] }
                }
            }
        }
        return Tensor(shape: [windows.count] + sampleShape, data: data)
    }

    /// Per-window standardisation (zero mean, unit variance; a constant window becomes zeros)
    /// or peak referencing (0 at the window's maximum, 1 per 20 dB below it, floored at
    /// `floorDB` below it when set).
    private func normalized(_ values: [Float]) -> [Float] {
        guard normalization != .none, !values.isEmpty else { return values }
        if normalization == .peak {
            let peak = values.max()!
            let lowest = -(floorDB ?? .infinity)
            return values.map { max($0 - peak, lowest) / 20 }
        }
        var sum = 0.0
        var sumSquares = 0.0
        for v in values {
            sum += Double(v)
            sumSquares += Double(v) * Double(v)
        }
        let mean = sum / Double(values.count)
        let variance = max(sumSquares / Double(values.count) - mean * mean, 0)
        // A floor well below any real spectrogram's spread keeps silent windows finite.
        let scale = Float(1 / max(variance.squareRoot(), 1e-6))
        let shift = Float(mean)
        return values.map { ($0 - shift) * scale }
    }
}
