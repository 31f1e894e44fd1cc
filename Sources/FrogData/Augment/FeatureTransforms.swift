import FrogDSP

/// Deterministic transforms of feature images, the building blocks of `AugmentPipeline` (which
/// draws their random parameters). Axes: x = frame (time), y = bin (frequency, 0 = lowest).
/// Every transform keeps the image's shape and axes.
public enum FeatureTransforms {
    /// How to fill pixels that a transform moves in from outside the image (Keras's fill modes).
    public enum FillMode: String, Codable, Sendable, CaseIterable {
        /// A constant (by default the image's minimum: silence).
        case constant
        /// The nearest edge pixel: `aaaa|abcd|dddd`.
        case nearest
        /// Mirror at the edge: `dcba|abcd|dcba`.
        case reflect
        /// Tile: `abcd|abcd|abcd`.
        case wrap
    }

    /// Shifts content `frames` frames later (negative: earlier); wraps when `roll`.
    public static func shiftTime(_ image: FeatureImage, by frames: Int, roll: Bool, fillMode: FillMode = .constant, fillValue: Float? = nil) -> FeatureImage {
        resample(image, fillMode: roll ? .wrap : fillMode, fillValue: fillValue) { x, y in (x - Double(frames), y) }
    }

    /// Shifts content `bins` bins up in frequency (negative: down).
    public static func shiftFrequency(_ image: FeatureImage, by bins: Int, fillMode: FillMode = .constant, fillValue: Float? = nil) -> FeatureImage {
        resample(image, fillMode: fillMode, fillValue: fillValue) { x, y in (x, y - Double(bins)) }
    }

    /// Scales time about the centre: `rate` > 1 squeezes (faster calls), < 1 stretches.
    public static func stretchTime(_ image: FeatureImage, rate: Double, fillMode: FillMode = .constant, fillValue: Float? = nil) -> FeatureImage {
        let cx = Double(image.frames - 1) / 2
        return resample(image, fillMode: fillMode, fillValue: fillValue) { x, y in (cx + (x - cx) * rate, y) }
    }

    /// Frames `start ..< start + length` stretched back to the full width.
    public static func cropTime(_ image: FeatureImage, start: Int, length: Int) -> FeatureImage {
        let scale = image.frames > 1 ? Double(length - 1) / Double(image.frames - 1) : 0
        return resample(image, fillMode: .nearest, fillValue: nil) { x, y in (Double(start) + x * scale, y) }
    }

    /// Sets frames `range` to `value`.
    public static func maskTime(_ image: FeatureImage, frames range: Range<Int>, value: Float) -> FeatureImage {
        var out = image
        for t in range.clamped(to: 0..<image.frames) { for f in 0..<image.bins { out[t, f] = value } }
        return out
    }

    /// Sets bins `range` to `value`.
    public static func maskFrequency(_ image: FeatureImage, bins range: Range<Int>, value: Float) -> FeatureImage {
        var out = image
        for t in 0..<image.frames { for f in range.clamped(to: 0..<image.bins) { out[t, f] = value } }
        return out
    }

    /// A general affine map about the image centre: the output pixel `p` reads the input at
    /// `centre + matrix · (p − centre)` (matrix rows: x then y), bilinearly.
    public static func affine(
        _ image: FeatureImage, matrix: (xx: Double, xy: Double, yx: Double, yy: Double),
        fillMode: FillMode = .constant, fillValue: Float? = nil
    ) -> FeatureImage {
        let cx = Double(image.frames - 1) / 2
        let cy = Double(image.bins - 1) / 2
        return resample(image, fillMode: fillMode, fillValue: fillValue) { x, y in
            let dx = x - cx
            let dy = y - cy
            return (cx + matrix.xx * dx + matrix.xy * dy, cy + matrix.yx * dx + matrix.yy * dy)
        }
    }

    /// Rotates content by `degrees` counter-clockwise (in pixel units of frames and bins).
    public static func rotate(_ image: FeatureImage, degrees: Double, fillMode: FillMode = .constant, fillValue: Float? = nil) -> FeatureImage {
        let a = degrees * .pi / 180
        // The inverse rotation maps output pixels back to where they came from.
        return affine(image, matrix: (cos(a), sin(a), -sin(a), cos(a)), fillMode: fillMode, fillValue: fillValue)
    }

    /// Shears time by `degrees` per unit of frequency.
    public static func shear(_ image: FeatureImage, degrees: Double, fillMode: FillMode = .constant, fillValue: Float? = nil) -> FeatureImage {
        affine(image, matrix: (1, -tan(degrees * .pi / 180), 0, 1), fillMode: fillMode, fillValue: fillValue)
    }

    /// Zooms by `timeFactor` and `frequencyFactor` (Keras's convention: < 1 zooms in).
    public static func zoom(_ image: FeatureImage, timeFactor: Double, frequencyFactor: Double, fillMode: FillMode = .constant, fillValue: Float? = nil) -> FeatureImage {
        affine(image, matrix: (timeFactor, 0, 0, frequencyFactor), fillMode: fillMode, fillValue: fillValue)
    }

    /// Reverses time.
    public static func flipTime(_ image: FeatureImage) -> FeatureImage {
        var out = image
        for t in 0..<image.frames { for f in 0..<image.bins { out[t, f] = image[image.frames - 1 - t, f] } }
        return out
    }

    /// Reverses frequency.
    public static func flipFrequency(_ image: FeatureImage) -> FeatureImage {
        var out = image
        for t in 0..<image.frames { for f in 0..<image.bins { out[t, f] = image[t, image.bins - 1 - f] } }
        return out
    }

    /// Mixes `background` (same bins; tiled in time from `offset`) into `image`, both in dB,
    /// at `snrDB`: both are converted to power, the background scaled so that mean signal power
    /// over mean background power is `10^(snr/10)`, summed, and converted back to dB.
    public static func overlay(_ image: FeatureImage, background: FeatureImage, offset: Int, snrDB: Float) -> FeatureImage {
        precondition(background.bins == image.bins, "background has \(background.bins) bins, image \(image.bins)")
        precondition(background.frames > 0, "empty background")
        // Powers relative to the loudest value of either image, so 10^(dB/10) cannot overflow;
        // the reference cancels in the SNR scale and is added back at the end.
        let reference = Double(max(image.values.max() ?? 0, background.values.max() ?? 0))
        var signal = [Double](repeating: 0, count: image.values.count)
        var noise = [Double](repeating: 0, count: image.values.count)
        var signalSum = 0.0
        var noiseSum = 0.0
        for t in 0..<image.frames {
            let source = ((t + offset) % background.frames + background.frames) % background.frames
            for f in 0..<image.bins {
                let i = t * image.bins + f
                signal[i] = pow(10, (Double(image.values[i]) - reference) / 10)
                noise[i] = pow(10, (Double(background[source, f]) - reference) / 10)
                signalSum += signal[i]
                noiseSum += noise[i]
            }
        }
        guard noiseSum > 0 else { return image }
        let scale = signalSum / (noiseSum * pow(10, Double(snrDB) / 10))
        // The same floor as FeatureConfig's default `amin` (1e-10, i.e. −100 dB re the reference).
        var out = image
        for i in out.values.indices {
            out.values[i] = Float(10 * log10(max(signal[i] + scale * noise[i], 1e-10)) + reference)
        }
        return out
    }

    /// Builds an output image by reading, for each output pixel (x, y), the input at
    /// `source(x, y)` with bilinear interpolation and the fill mode outside.
    static func resample(
        _ image: FeatureImage, fillMode: FillMode, fillValue: Float?, source: (Double, Double) -> (Double, Double)
    ) -> FeatureImage {
        let constant = fillValue ?? (image.values.min() ?? 0)
        var out = image
        let w = image.frames
        let h = image.bins
        guard w > 0 && h > 0 else { return image }
        func fetch(_ x: Int, _ y: Int) -> Float {
            guard let sx = index(x, w, fillMode), let sy = index(y, h, fillMode) else { return constant }
            return image[sx, sy]
        }
        for t in 0..<w {
            for f in 0..<h {
                let (x, y) = source(Double(t), Double(f))
                let x0 = Int(x.rounded(.down))
                let y0 = Int(y.rounded(.down))
                let ax = Float(x - Double(x0))
                let ay = Float(y - Double(y0))
                // Exact integer positions (shifts, flips) read one pixel, with no blur.
                if ax == 0 && ay == 0 {
                    out[t, f] = fetch(x0, y0)
                    continue
                }
                let top = fetch(x0, y0) * (1 - ax) + fetch(x0 + 1, y0) * ax
                let bottom = fetch(x0, y0 + 1) * (1 - ax) + fetch(x0 + 1, y0 + 1) * ax
                out[t, f] = top * (1 - ay) + bottom * ay
            }
        }
        return out
    }

    /// Where coordinate `i` reads from in a line of `n` under `mode`; nil means the constant.
    static func index(_ i: Int, _ n: Int, _ mode: FillMode) -> Int? {
        if i >= 0 && i < n { return i }
        switch mode {
        case .constant: return nil
        case .nearest: return min(max(i, 0), n - 1)
        case .wrap: return ((i % n) + n) % n
        case .reflect:
            // Period 2n: abcd|dcba.
            let m = ((i % (2 * n)) + 2 * n) % (2 * n)
            return m < n ? m : 2 * n - 1 - m
        }
    }
}

#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif
