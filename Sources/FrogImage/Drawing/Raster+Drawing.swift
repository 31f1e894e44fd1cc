/// Shape drawing on a raster. Everything clips at the image edges, so callers never need to
/// check bounds (charts draw labels and markers that may hang over an edge).
extension Raster {
    /// Fills the rectangle with top-left corner (x, y).
    public mutating func fillRectangle(x: Int, y: Int, width: Int, height: Int, color: RGB) {
        let left = max(0, x)
        let right = min(self.width, x + width)
        let top = max(0, y)
        let bottom = min(self.height, y + height)
        guard left < right, top < bottom else { return }
        for row in top..<bottom {
            for column in left..<right {
                let i = 3 * (row * self.width + column)
                pixels[i] = color.r
                pixels[i + 1] = color.g
                pixels[i + 2] = color.b
            }
        }
    }

    /// Draws the outline of a rectangle, `thickness` pixels wide, inside its bounds.
    public mutating func strokeRectangle(
        x: Int, y: Int, width: Int, height: Int, color: RGB, thickness: Int = 1
    ) {
        let t = max(1, min(thickness, (min(width, height) + 1) / 2))
        fillRectangle(x: x, y: y, width: width, height: t, color: color)
        fillRectangle(x: x, y: y + height - t, width: width, height: t, color: color)
        fillRectangle(x: x, y: y, width: t, height: height, color: color)
        fillRectangle(x: x + width - t, y: y, width: t, height: height, color: color)
    }

    /// Draws a straight line with Bresenham's algorithm, both ends included. A thickness above
    /// one stamps a square of that size centred on each point of the line.
    public mutating func drawLine(
        fromX x0: Int, y y0: Int, toX x1: Int, y y1: Int, color: RGB, thickness: Int = 1
    ) {
        let t = max(1, thickness)
        let offset = (t - 1) / 2
        let dx = abs(x1 - x0)
        let dy = -abs(y1 - y0)
        let stepX = x0 < x1 ? 1 : -1
        let stepY = y0 < y1 ? 1 : -1
        var error = dx + dy
        var x = x0
        var y = y0
        while true {
            if t == 1 {
                set(x: x, y: y, color)
            } else {
                fillRectangle(x: x - offset, y: y - offset, width: t, height: t, color: color)
            }
            if x == x1 && y == y1 { break }
            let doubled = 2 * error
            if doubled >= dy {
                error += dy
                x += stepX
            }
            if doubled <= dx {
                error += dx
                y += stepY
            }
        }
    }

    /// Copies `other` into this raster with its top-left corner at (x, y), clipping at the edges.
    public mutating func draw(_ other: Raster, x: Int, y: Int) {
        let left = max(0, x)
        let right = min(width, x + other.width)
        guard left < right else { return }
        for row in max(0, y)..<max(max(0, y), min(height, y + other.height)) {
            let source = 3 * ((row - y) * other.width + (left - x))
            let target = 3 * (row * width + left)
            let count = 3 * (right - left)
            pixels.replaceSubrange(target..<(target + count), with: other.pixels[source..<(source + count)])
        }
    }

    /// This image scaled to `width` × `height` with nearest-neighbour sampling (keeps spectrogram
    /// bins crisp rather than blurring them).
    public func resized(width newWidth: Int, height newHeight: Int) -> Raster {
        precondition(newWidth > 0 && newHeight > 0, "Raster.resized: empty size")
        var result = Raster(width: newWidth, height: newHeight)
        for row in 0..<newHeight {
            let sourceRow = min(height - 1, row * height / newHeight)
            for column in 0..<newWidth {
                let sourceColumn = min(width - 1, column * width / newWidth)
                let s = 3 * (sourceRow * width + sourceColumn)
                let t = 3 * (row * newWidth + column)
                result.pixels[t] = pixels[s]
                result.pixels[t + 1] = pixels[s + 1]
                result.pixels[t + 2] = pixels[s + 2]
            }
        }
        return result
    }

    /// This image turned a quarter turn counter-clockwise (for vertical axis labels).
    public func rotatedCounterClockwise() -> Raster {
        var result = Raster(width: height, height: width)
        for row in 0..<height {
            for column in 0..<width {
                result.set(x: row, y: width - 1 - column, get(x: column, y: row))
            }
        }
        return result
    }
}
