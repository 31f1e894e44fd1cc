import Foundation

/// A labelled matrix of coloured cells with a number in each cell and a colour bar (the
/// confusion matrix: rows are true classes, columns predicted classes).
///
/// ```swift
/// let plot = Heatmap(values: normalised, rows: 5, columns: 5, rowLabels: names,
///                    columnLabels: names, cellLabels: counts.map { String($0) },
///                    title: "Confusion", xLabel: "predicted", yLabel: "true", range: 0...1)
/// ```
public struct Heatmap: Sendable {
    /// `rows * columns` values, row-major; they choose the cell colours.
    public var values: [Double]
    public var rows: Int
    public var columns: Int
    public var rowLabels: [String]
    public var columnLabels: [String]
    /// Text drawn in each cell (row-major); nil prints `values` with `valueDecimals` decimals.
    public var cellLabels: [String]?
    /// Decimals for the default cell text; nil draws no numbers.
    public var valueDecimals: Int?
    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var colormap: Colormap
    /// Values mapped to the colormap's ends; nil uses the data's finite minimum and maximum.
    public var range: ClosedRange<Double>?
    /// Smallest cell side in pixels (cells grow to fit their text).
    public var minimumCellSize: Int
    /// Font scale for labels (the title is one step larger).
    public var textScale: Int

    public init(
        values: [Double], rows: Int, columns: Int, rowLabels: [String], columnLabels: [String],
        cellLabels: [String]? = nil, valueDecimals: Int? = 2, title: String = "",
        xLabel: String = "", yLabel: String = "", colormap: Colormap = .viridis,
        range: ClosedRange<Double>? = nil, minimumCellSize: Int = 36, textScale: Int = 1
    ) {
        precondition(values.count == rows * columns, "Heatmap: \(values.count) values for \(rows)×\(columns)")
        precondition(rowLabels.count == rows && columnLabels.count == columns, "Heatmap: one label per row and column")
        precondition(cellLabels.map { $0.count == values.count } ?? true, "Heatmap: one cell label per value")
        self.values = values
        self.rows = rows
        self.columns = columns
        self.rowLabels = rowLabels
        self.columnLabels = columnLabels
        self.cellLabels = cellLabels
        self.valueDecimals = valueDecimals
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.colormap = colormap
        self.range = range
        self.minimumCellSize = minimumCellSize
        self.textScale = textScale
    }

    /// The text drawn in cell `index`, or nil for none.
    func cellText(_ index: Int) -> String? {
        if let labels = cellLabels { return labels[index] }
        guard let decimals = valueDecimals, values[index].isFinite else { return nil }
        return String(format: "%.\(decimals)f", values[index])
    }

    /// Draws the heatmap; the image size follows from the cell size and the labels.
    public func render() -> Raster {
        let s = max(1, textScale)
        let texts = values.indices.map { cellText($0) }
        let widestCell = texts.compactMap { $0 }.map { BitmapFont.measure($0, scale: s).width }.max() ?? 0
        let cell = max(minimumCellSize, widestCell + 8 * s)
        let rowLabelWidth = rowLabels.map { BitmapFont.measure($0, scale: s).width }.max() ?? 0
        let columnLabelWidth = columnLabels.map { BitmapFont.measure($0, scale: s).width }.max() ?? 0
        // Long column names (species) go vertical so the cells stay square and compact.
        let verticalColumns = columnLabelWidth > cell - 4
        let columnLabelHeight = verticalColumns ? columnLabelWidth : BitmapFont.glyphHeight * s

        let left = rowLabelWidth + (yLabel.isEmpty ? 10 : 24) * s
        let top = (title.isEmpty ? 10 : 30) * s
        let gridWidth = columns * cell
        let gridHeight = rows * cell
        let colorBarLeft = left + gridWidth + 14 * s
        let bounds = range ?? Heatmap.finiteBounds(values)
        let lowText = String(format: "%.2f", bounds.lowerBound)
        let highText = String(format: "%.2f", bounds.upperBound)
        let barLabelWidth = max(BitmapFont.measure(lowText, scale: s).width, BitmapFont.measure(highText, scale: s).width)
        // Small matrices must still fit their title (drawn one scale step larger).
        let titleWidth = BitmapFont.measure(title, scale: s + 1).width
        let width = max(colorBarLeft + 14 * s + 6 * s + barLabelWidth + 10 * s, titleWidth + 20 * s)
        let height = top + gridHeight + 8 * s + columnLabelHeight + (xLabel.isEmpty ? 10 : 26) * s

        var raster = Raster(width: width, height: height, fill: Palette.white)
        raster.drawChartTitle(title, scale: s)
        let span = bounds.upperBound - bounds.lowerBound
        for r in 0..<rows {
            for c in 0..<columns {
                let index = r * columns + c
                let value = values[index]
                let t = value.isFinite && span > 0 ? (value - bounds.lowerBound) / span : 0
                let color = colormap.color(Float(t))
                let x = left + c * cell
                let y = top + r * cell
                raster.fillRectangle(x: x, y: y, width: cell, height: cell, color: color)
                if let text = texts[index] {
                    let size = BitmapFont.measure(text, scale: s)
                    raster.drawText(text, x: x + (cell - size.width) / 2, y: y + (cell - 7 * s) / 2,
                                    color: Palette.contrastingText(on: color), scale: s)
                }
            }
            let size = BitmapFont.measure(rowLabels[r], scale: s)
            raster.drawText(rowLabels[r], x: left - 6 * s - size.width, y: top + r * cell + (cell - 7 * s) / 2, color: Palette.black, scale: s)
        }
        raster.strokeRectangle(x: left - 1, y: top - 1, width: gridWidth + 2, height: gridHeight + 2, color: Palette.axis)

        let labelTop = top + gridHeight + 6 * s
        for c in 0..<columns {
            let center = left + c * cell + cell / 2
            let label = columnLabels[c]
            if verticalColumns {
                let size = BitmapFont.measure(label, scale: s)
                // Rotated text reads bottom to top; right-align it against the grid.
                raster.drawText(label, x: center - size.height / 2 + s, y: labelTop + columnLabelWidth - size.width, color: Palette.black, scale: s, rotated: true)
            } else {
                raster.drawText(label, centerX: center, y: labelTop, color: Palette.black, scale: s)
            }
        }
        if !xLabel.isEmpty {
            raster.drawText(xLabel, centerX: left + gridWidth / 2, y: labelTop + columnLabelHeight + 8 * s, color: Palette.black, scale: s)
        }
        if !yLabel.isEmpty {
            let size = BitmapFont.measure(yLabel, scale: s)
            raster.drawText(yLabel, x: 4 * s, y: top + (gridHeight - size.width) / 2, color: Palette.black, scale: s, rotated: true)
        }

        // Colour bar: high values at the top, like the y axis of a chart.
        for row in 0..<gridHeight {
            let t = 1 - Float(row) / Float(max(1, gridHeight - 1))
            raster.fillRectangle(x: colorBarLeft, y: top + row, width: 14 * s, height: 1, color: colormap.color(t))
        }
        raster.strokeRectangle(x: colorBarLeft - 1, y: top - 1, width: 14 * s + 2, height: gridHeight + 2, color: Palette.axis)
        raster.drawText(highText, x: colorBarLeft + 20 * s, y: top, color: Palette.axis, scale: s)
        raster.drawText(lowText, x: colorBarLeft + 20 * s, y: top + gridHeight - 7 * s, color: Palette.axis, scale: s)
        return raster
    }

    static func finiteBounds(_ values: [Double]) -> ClosedRange<Double> {
        let finite = values.filter { $0.isFinite }
        guard let low = finite.min(), let high = finite.max() else { return 0...1 }
        return low...high
    }
}
