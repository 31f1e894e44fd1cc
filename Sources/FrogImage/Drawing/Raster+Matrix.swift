/// Rendering a matrix of numbers (a spectrogram, a confusion matrix) as colours.
extension Raster {
    /// An image of a row-major matrix, one `scale` × `scale` block of pixels per value.
    ///
    /// - Parameters:
    ///   - matrix: `rows * columns` values, row-major: `matrix[row * columns + column]`.
    ///   - colormap: maps the value range onto colours.
    ///   - range: the values mapped to the colormap's ends (values outside clamp); nil uses the
    ///     smallest and largest finite values. Non-finite values take the colormap's low end.
    ///   - flipVertically: draw row 0 at the bottom (spectrograms: rows are frequency bins and
    ///     low frequencies belong at the bottom).
    ///   - scale: pixels per value along each axis.
    public init(
        matrix: [Float], rows: Int, columns: Int, colormap: Colormap = .viridis,
        range: ClosedRange<Float>? = nil, flipVertically: Bool = false, scale: Int = 1
    ) {
        precondition(matrix.count == rows * columns, "Raster(matrix:): \(matrix.count) values for \(rows)×\(columns)")
        precondition(rows > 0 && columns > 0 && scale > 0, "Raster(matrix:): empty matrix or scale")
        let bounds = range ?? Raster.finiteBounds(matrix)
        let span = bounds.upperBound - bounds.lowerBound
        // A constant matrix has no span; map it all to the low end rather than divide by zero.
        let inverseSpan: Float = span > 0 ? 1 / span : 0
        self.init(width: columns * scale, height: rows * scale)
        for row in 0..<rows {
            let top = (flipVertically ? rows - 1 - row : row) * scale
            for column in 0..<columns {
                let value = matrix[row * columns + column]
                let color = colormap.color(value.isFinite ? (value - bounds.lowerBound) * inverseSpan : 0)
                if scale == 1 {
                    set(x: column, y: top, color)
                } else {
                    fillRectangle(x: column * scale, y: top, width: scale, height: scale, color: color)
                }
            }
        }
    }

    /// Smallest and largest finite values (0...0 when there are none).
    static func finiteBounds(_ values: [Float]) -> ClosedRange<Float> {
        var low = Float.infinity
        var high = -Float.infinity
        for v in values where v.isFinite {
            low = min(low, v)
            high = max(high, v)
        }
        return low <= high ? low...high : 0...0
    }
}
