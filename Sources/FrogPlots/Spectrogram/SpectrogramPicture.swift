import Foundation
import FrogDSP
import FrogImage

/// Draws a `FeatureImage` as a picture: one pixel per frame and bin, perceptual colormap, low
/// frequencies at the bottom, and optionally time (s) and frequency (kHz) tick marks.
public struct SpectrogramPicture: Sendable {
    public var colormap: Colormap
    public var ticks: Bool
    /// Vertical pixels per bin (64 mel bands are short on their own).
    public var binHeight: Int

    public init(colormap: Colormap = .magma, ticks: Bool = false, binHeight: Int = 3) {
        self.colormap = colormap
        self.ticks = ticks
        self.binHeight = max(1, binHeight)
    }

    /// The raster; the colour range is the image's finite minimum…maximum.
    public func render(_ image: FeatureImage) -> Raster {
        precondition(image.frames > 0 && image.bins > 0, "nothing to draw")
        // FeatureImage is [frames, bins]; the picture's rows are bins, so transpose.
        var rows = [Float](repeating: 0, count: image.values.count)
        for f in 0..<image.frames {
            for b in 0..<image.bins { rows[b * image.frames + f] = image.values[f * image.bins + b] }
        }
        let plot = Raster(
            matrix: rows, rows: image.bins, columns: image.frames, colormap: colormap,
            flipVertically: true, scale: 1
        ).resized(width: image.frames, height: image.bins * binHeight)
        guard ticks else { return plot }
        return framed(plot, image: image)
    }

    /// The plot with a left margin of frequency ticks and a bottom margin of time ticks.
    private func framed(_ plot: Raster, image: FeatureImage) -> Raster {
        let left = 44
        let bottom = 22
        let top = 6
        let right = 8
        var canvas = Raster(
            width: left + plot.width + right, height: top + plot.height + bottom, fill: Palette.white)
        canvas.draw(plot, x: left, y: top)
        let ink = Palette.black

        // Time axis: seconds at frame centres.
        let t0 = image.startSeconds
        let t1 = image.startSeconds + Double(image.frames - 1) * image.secondsPerFrame
        let timeTicks = AxisTicks(low: t0, high: max(t1, t0 + image.secondsPerFrame), targetCount: max(2, plot.width / 80))
        for value in timeTicks.values where value >= t0 && value <= t1 {
            let x = left + Int(((value - t0) / image.secondsPerFrame).rounded())
            canvas.drawLine(fromX: x, y: top + plot.height, toX: x, y: top + plot.height + 4, color: ink)
            canvas.drawText(timeTicks.label(value), centerX: x, y: top + plot.height + 6, color: ink)
        }
        canvas.drawText("s", x: left + plot.width - 6, y: top + plot.height + 14, color: ink)

        // Frequency axis: kHz; bin centres are monotonic, so interpolate a tick's row.
        let frequencies = image.binFrequencies.map { Double($0) / 1000 }
        let frequencyTicks = AxisTicks(low: frequencies.first!, high: frequencies.last!, targetCount: 5)
        for value in frequencyTicks.values where value >= frequencies.first! && value <= frequencies.last! {
            let bin = fractionalBin(of: value, in: frequencies)
            let y = top + plot.height - Int(((bin + 0.5) * Double(binHeight)).rounded())
            canvas.drawLine(fromX: left - 4, y: y, toX: left - 1, y: y, color: ink)
            let label = frequencyTicks.label(value)
            let width = BitmapFont.measure(label, scale: 1).width
            canvas.drawText(label, x: left - 6 - width, y: y - 3, color: ink)
        }
        canvas.drawText("kHz", x: 2, y: top, color: ink)
        return canvas
    }

    /// Position of `value` between the bins' centre frequencies (linear interpolation).
    private func fractionalBin(of value: Double, in frequencies: [Double]) -> Double {
        guard frequencies.count > 1 else { return 0 }
        for k in 1..<frequencies.count where frequencies[k] >= value {
            let span = frequencies[k] - frequencies[k - 1]
            return Double(k - 1) + (span > 0 ? (value - frequencies[k - 1]) / span : 0)
        }
        return Double(frequencies.count - 1)
    }
}
