/// A line chart of one or more named series with axes, ticks, grid, legend and title
/// (training curves: loss and accuracy, train vs validation; survey activity over time).
///
/// ```swift
/// var chart = LineChart(title: "Loss", xLabel: "epoch", yLabel: "loss")
/// chart.series = [.init(name: "train", y: trainLoss), .init(name: "validation", y: validationLoss)]
/// try PNGEncoder.write(chart.render(), to: "curves.png")
/// ```
public struct LineChart: Sendable {
    /// One named line. Points with a non-finite x or y leave a gap in the line.
    public struct Series: Sendable {
        public var name: String
        public var x: [Double]
        public var y: [Double]
        /// nil takes the next colour of `Palette.categorical`.
        public var color: RGB?
        /// Optional interval per point (a confidence interval), drawn as a vertical whisker with
        /// caps; empty or nil entries draw none.
        public var intervals: [ClosedRange<Double>?] = []

        public init(name: String, x: [Double], y: [Double], color: RGB? = nil) {
            precondition(x.count == y.count, "LineChart.Series \(name): \(x.count) x for \(y.count) y")
            self.name = name
            self.x = x
            self.y = y
            self.color = color
        }

        /// A series at x = 1, 2, 3 … (epochs).
        public init(name: String, y: [Double], color: RGB? = nil) {
            self.init(name: name, x: y.indices.map { Double($0 + 1) }, y: y, color: color)
        }
    }

    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var series: [Series]
    /// Image size in pixels.
    public var width: Int
    public var height: Int
    /// Fixed axis ranges; nil fits the data (widened to round ticks).
    public var xRange: ClosedRange<Double>?
    public var yRange: ClosedRange<Double>?
    /// Font scale for labels (the title is one step larger).
    public var textScale: Int
    /// Line thickness in pixels.
    public var lineThickness: Int
    /// Draw a small square on every point (useful when there are few points).
    public var showsMarkers: Bool

    public init(
        title: String = "", xLabel: String = "", yLabel: String = "", series: [Series] = [],
        width: Int = 640, height: Int = 400, xRange: ClosedRange<Double>? = nil,
        yRange: ClosedRange<Double>? = nil, textScale: Int = 1, lineThickness: Int = 2,
        showsMarkers: Bool = false
    ) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.series = series
        self.width = width
        self.height = height
        self.xRange = xRange
        self.yRange = yRange
        self.textScale = textScale
        self.lineThickness = lineThickness
        self.showsMarkers = showsMarkers
    }

    /// Draws the chart.
    public func render() -> Raster {
        let s = max(1, textScale)
        let xs = series.flatMap { $0.x }.filter { $0.isFinite }
        let ys = series.flatMap { $0.y }.filter { $0.isFinite }
        let xTicks = xRange.map { AxisTicks(low: $0.lowerBound, high: $0.upperBound) }
            ?? AxisTicks(low: xs.min() ?? 0, high: xs.max() ?? 1)
        let yTicks = yRange.map { AxisTicks(low: $0.lowerBound, high: $0.upperBound) }
            ?? AxisTicks(low: ys.min() ?? 0, high: ys.max() ?? 1)

        let yLabelWidth = yTicks.values.map { BitmapFont.measure(yTicks.label($0), scale: s).width }.max() ?? 0
        let left = yLabelWidth + (yLabel.isEmpty ? 12 : 26) * s
        let top = (title.isEmpty ? 12 : 30) * s
        let bottom = (xLabel.isEmpty ? 22 : 34) * s
        let area = PlotArea(
            left: left, top: top, width: max(8, width - left - 16 * s), height: max(8, height - top - bottom),
            xRange: xRange ?? xTicks.range, yRange: yRange ?? yTicks.range)

        var raster = Raster(width: width, height: height, fill: Palette.white)
        raster.drawChartTitle(title, scale: s)
        raster.drawYAxis(area, ticks: yTicks, label: yLabel, scale: s)
        let xPositions = xTicks.values.filter { area.xRange.contains($0) }.map { (area.pixelX($0), xTicks.label($0)) }
        raster.drawXAxis(area, ticks: xPositions, label: xLabel, scale: s)
        raster.drawFrame(area)

        var legend: [(name: String, color: RGB)] = []
        for (index, line) in series.enumerated() {
            let color = line.color ?? Palette.series(index)
            legend.append((line.name, color))
            for (x, interval) in zip(line.x, line.intervals) {
                guard x.isFinite, let interval, interval.lowerBound.isFinite, interval.upperBound.isFinite else { continue }
                let px = area.pixelX(x)
                let top = area.pixelY(interval.upperBound)
                let bottom = area.pixelY(interval.lowerBound)
                raster.drawLine(fromX: px, y: top, toX: px, y: bottom, color: color, thickness: 1)
                for y in [top, bottom] { raster.drawLine(fromX: px - 4, y: y, toX: px + 4, y: y, color: color, thickness: 1) }
            }
            var previous: (Int, Int)?
            for (x, y) in zip(line.x, line.y) {
                guard x.isFinite, y.isFinite else {
                    previous = nil
                    continue
                }
                let point = (area.pixelX(x), area.pixelY(y))
                if let p = previous {
                    raster.drawLine(fromX: p.0, y: p.1, toX: point.0, y: point.1, color: color, thickness: lineThickness)
                } else if !showsMarkers {
                    // A lone point would otherwise be invisible.
                    raster.fillRectangle(x: point.0 - lineThickness / 2, y: point.1 - lineThickness / 2, width: max(2, lineThickness), height: max(2, lineThickness), color: color)
                }
                if showsMarkers {
                    raster.fillRectangle(x: point.0 - 2, y: point.1 - 2, width: 5, height: 5, color: color)
                }
                previous = point
            }
        }
        if series.count > 1 || series.first.map({ !$0.name.isEmpty }) == true {
            raster.drawLegend(legend, in: area, scale: s)
        }
        return raster
    }
}
