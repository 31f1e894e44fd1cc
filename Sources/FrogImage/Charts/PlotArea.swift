/// The data rectangle of a chart in pixels, and the mapping from data values onto it.
struct PlotArea {
    var left: Int
    var top: Int
    var width: Int
    var height: Int
    var xRange: ClosedRange<Double>
    var yRange: ClosedRange<Double>

    var right: Int { left + width - 1 }
    var bottom: Int { top + height - 1 }

    /// Pixel column of data value `x`.
    func pixelX(_ x: Double) -> Int {
        let span = xRange.upperBound - xRange.lowerBound
        let t = span > 0 ? (x - xRange.lowerBound) / span : 0.5
        return left + Int((t * Double(width - 1)).rounded())
    }

    /// Pixel row of data value `y` (larger values are higher up).
    func pixelY(_ y: Double) -> Int {
        let span = yRange.upperBound - yRange.lowerBound
        let t = span > 0 ? (y - yRange.lowerBound) / span : 0.5
        return bottom - Int((t * Double(height - 1)).rounded())
    }
}

/// Chart furniture shared by the line and bar charts: title, axes, grid, tick labels, legend.
extension Raster {
    /// Title centred at the top.
    mutating func drawChartTitle(_ title: String, scale: Int) {
        guard !title.isEmpty else { return }
        drawText(title, centerX: width / 2, y: 6 * scale, color: Palette.black, scale: scale + 1)
    }

    /// Horizontal grid lines and labels at `ticks`, the y-axis label turned on its side, and the
    /// frame around the data area.
    mutating func drawYAxis(_ area: PlotArea, ticks: AxisTicks, label: String, scale: Int) {
        for value in ticks.values {
            let y = area.pixelY(value)
            drawLine(fromX: area.left, y: y, toX: area.right, y: y, color: Palette.grid)
            let text = ticks.label(value)
            let size = BitmapFont.measure(text, scale: scale)
            drawLine(fromX: area.left - 4 * scale, y: y, toX: area.left, y: y, color: Palette.axis)
            drawText(text, x: area.left - 6 * scale - size.width, y: y - 3 * scale, color: Palette.axis, scale: scale)
        }
        if !label.isEmpty {
            let size = BitmapFont.measure(label, scale: scale)
            drawText(label, x: 4 * scale, y: area.top + (area.height - size.width) / 2, color: Palette.black, scale: scale, rotated: true)
        }
    }

    /// Tick labels at data positions under the area and the x-axis label below them.
    mutating func drawXAxis(_ area: PlotArea, ticks: [(position: Int, label: String)], label: String, scale: Int) {
        for tick in ticks {
            drawLine(fromX: tick.position, y: area.bottom, toX: tick.position, y: area.bottom + 4 * scale, color: Palette.axis)
            drawText(tick.label, centerX: tick.position, y: area.bottom + 7 * scale, color: Palette.axis, scale: scale)
        }
        if !label.isEmpty {
            drawText(label, centerX: area.left + area.width / 2, y: area.bottom + 20 * scale, color: Palette.black, scale: scale)
        }
    }

    /// The frame around the data area.
    mutating func drawFrame(_ area: PlotArea) {
        strokeRectangle(x: area.left - 1, y: area.top - 1, width: area.width + 2, height: area.height + 2, color: Palette.axis)
    }

    /// A boxed legend (colour swatch + name per entry) in the area's top-right corner.
    mutating func drawLegend(_ entries: [(name: String, color: RGB)], in area: PlotArea, scale: Int) {
        guard !entries.isEmpty else { return }
        let textWidth = entries.map { BitmapFont.measure($0.name, scale: scale).width }.max() ?? 0
        let row = BitmapFont.lineHeight * scale + 2
        let boxWidth = textWidth + 24 * scale
        let boxHeight = entries.count * row + 6
        let x = area.right - boxWidth - 6
        let y = area.top + 6
        fillRectangle(x: x, y: y, width: boxWidth, height: boxHeight, color: Palette.white)
        strokeRectangle(x: x, y: y, width: boxWidth, height: boxHeight, color: Palette.grid)
        for (i, entry) in entries.enumerated() {
            let top = y + 4 + i * row
            fillRectangle(x: x + 5, y: top + 2 * scale, width: 12 * scale, height: 5 * scale, color: entry.color)
            drawText(entry.name, x: x + 19 * scale, y: top, color: Palette.black, scale: scale)
        }
    }
}
