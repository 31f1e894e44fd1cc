/// Text drawing with `BitmapFont`.
extension Raster {
    /// Draws `text` with the top-left corner of its measured box (`BitmapFont.measure`) at
    /// (x, y); each font pixel becomes a `scale` × `scale` square. With `rotated`, the text
    /// reads bottom to top (a y-axis label) and its box is the measured box turned on its side.
    public mutating func drawText(
        _ text: String, x: Int, y: Int, color: RGB, scale: Int = 1, rotated: Bool = false
    ) {
        guard !text.isEmpty else { return }
        let s = max(1, scale)
        if rotated {
            let size = BitmapFont.measure(text, scale: s)
            // Draw upright on a transparent-looking mask, then turn it and copy only ink pixels.
            var mask = Raster(width: size.width, height: size.height, fill: Palette.white)
            mask.drawText(text, x: 0, y: 0, color: Palette.black, scale: s)
            let turned = mask.rotatedCounterClockwise()
            for row in 0..<turned.height {
                for column in 0..<turned.width where turned.get(x: column, y: row).r == 0 {
                    set(x: x + column, y: y + row, color)
                }
            }
            return
        }
        var lineTop = y
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var left = x
            for scalar in line.unicodeScalars {
                let rows = BitmapFont.rows(for: scalar)
                for (r, bits) in rows.enumerated() where bits != 0 {
                    for c in 0..<BitmapFont.glyphWidth where bits & (0x10 >> UInt8(c)) != 0 {
                        fillRectangle(x: left + c * s, y: lineTop + r * s, width: s, height: s, color: color)
                    }
                }
                left += BitmapFont.advance * s
            }
            lineTop += BitmapFont.lineHeight * s
        }
    }

    /// Draws `text` centred horizontally on `centerX`, top at `y`.
    public mutating func drawText(
        _ text: String, centerX: Int, y: Int, color: RGB, scale: Int = 1
    ) {
        let width = BitmapFont.measure(text, scale: scale).width
        drawText(text, x: centerX - width / 2, y: y, color: color, scale: scale)
    }
}
