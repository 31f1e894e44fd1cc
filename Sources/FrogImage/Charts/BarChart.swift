/// Grouped vertical bars: one group of bars per category, one colour per series (hourly calling
/// activity per species, detections per night).
///
/// ```swift
/// let chart = BarChart(title: "Calls per hour", xLabel: "hour", yLabel: "detections",
///                      categories: (0..<24).map { String($0) },
///                      groups: [.init(name: "L. fallax", values: counts)])
/// ```
public struct BarChart: Sendable {
    /// One series: a value per category, drawn in one colour.
    public struct Group: Sendable {
        public var name: String
        /// One value per category; non-finite values draw no bar.
        public var values: [Double]
        /// nil takes the next colour of `Palette.categorical`.
        public var color: RGB?
        /// Optional ± spread per category (a standard deviation over seeds), drawn as a whisker
        /// with caps; empty, or a non-finite or zero entry, draws none.
        public var errors: [Double]

        public init(name: String, values: [Double], color: RGB? = nil, errors: [Double] = []) {
            precondition(errors.isEmpty || errors.count == values.count,
                         "BarChart group \(name): \(errors.count) errors for \(values.count) values")
            self.name = name
            self.values = values
            self.color = color
            self.errors = errors
        }
    }

    public var title: String
    public var xLabel: String
    public var yLabel: String
    /// Category names along the x axis, left to right.
    public var categories: [String]
    public var groups: [Group]
    public var width: Int
    public var height: Int
    /// Font scale for labels (the title is one step larger).
    public var textScale: Int
    /// A fixed value axis (0…1 for scores compared across charts); nil fits the data and zero.
    public var yRange: ClosedRange<Double>?

    public init(
        title: String = "", xLabel: String = "", yLabel: String = "", categories: [String],
        groups: [Group], width: Int = 640, height: Int = 400, textScale: Int = 1,
        yRange: ClosedRange<Double>? = nil
    ) {
        for group in groups {
            precondition(group.values.count == categories.count,
                         "BarChart group \(group.name): \(group.values.count) values for \(categories.count) categories")
        }
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.categories = categories
        self.groups = groups
        self.width = width
        self.height = height
        self.textScale = textScale
        self.yRange = yRange
    }

    /// Draws the chart.
    public func render() -> Raster {
        let s = max(1, textScale)
        let values = groups.flatMap { group in
            group.values.indices.flatMap { i -> [Double] in
                let error = i < group.errors.count && group.errors[i].isFinite ? abs(group.errors[i]) : 0
                return [group.values[i] - error, group.values[i] + error]
            }
        }.filter { $0.isFinite }
        // Bars grow from zero, so zero is always on the axis.
        let yTicks = yRange.map { AxisTicks(low: $0.lowerBound, high: $0.upperBound) }
            ?? AxisTicks(low: min(0, values.min() ?? 0), high: max(0, values.max() ?? 1))
        let yLabelWidth = yTicks.values.map { BitmapFont.measure(yTicks.label($0), scale: s).width }.max() ?? 0
        let left = yLabelWidth + (yLabel.isEmpty ? 12 : 26) * s
        let top = (title.isEmpty ? 12 : 30) * s
        let bottom = (xLabel.isEmpty ? 22 : 34) * s
        let area = PlotArea(
            left: left, top: top, width: max(8, width - left - 16 * s), height: max(8, height - top - bottom),
            xRange: 0...Double(max(1, categories.count)), yRange: yRange ?? yTicks.range)

        var raster = Raster(width: width, height: height, fill: Palette.white)
        raster.drawChartTitle(title, scale: s)
        raster.drawYAxis(area, ticks: yTicks, label: yLabel, scale: s)

        let slot = Double(area.width) / Double(max(1, categories.count))
        let barWidth = max(1, Int(slot * 0.8 / Double(max(1, groups.count))))
        let zero = area.pixelY(0)
        // Left edge of group g's bar in category c.
        func barX(_ c: Int, _ g: Int) -> Int { area.left + Int(Double(c) * slot + slot * 0.1) + g * barWidth }
        for (g, group) in groups.enumerated() {
            let color = group.color ?? Palette.series(g)
            for (c, value) in group.values.enumerated() where value.isFinite && value != 0 {
                let x = barX(c, g)
                let y = area.pixelY(value)
                raster.fillRectangle(x: x, y: min(y, zero), width: barWidth, height: abs(zero - y) + 1, color: color)
            }
        }
        // Whiskers over the bars, in a dark ink so they show on any bar colour.
        for (g, group) in groups.enumerated() {
            for (c, error) in group.errors.enumerated() where error.isFinite && error != 0 && group.values[c].isFinite {
                let center = barX(c, g) + barWidth / 2
                let clamp = { (v: Double) in min(max(v, area.yRange.lowerBound), area.yRange.upperBound) }
                let top = area.pixelY(clamp(group.values[c] + abs(error)))
                let bottom = area.pixelY(clamp(group.values[c] - abs(error)))
                let cap = max(2, barWidth / 4)
                raster.drawLine(fromX: center, y: top, toX: center, y: bottom, color: Palette.black, thickness: 1)
                for y in [top, bottom] {
                    raster.drawLine(fromX: center - cap, y: y, toX: center + cap, y: y, color: Palette.black, thickness: 1)
                }
            }
        }

        // Label every k-th category so neighbouring labels never overlap.
        let widest = categories.map { BitmapFont.measure($0, scale: s).width }.max() ?? 0
        let every = max(1, Int((Double(widest + 6 * s) / slot).rounded(.up)))
        let ticks = categories.enumerated().filter { $0.offset % every == 0 }.map {
            (area.left + Int((Double($0.offset) + 0.5) * slot), $0.element)
        }
        raster.drawXAxis(area, ticks: ticks, label: xLabel, scale: s)
        raster.drawFrame(area)
        if groups.count > 1 || groups.first.map({ !$0.name.isEmpty }) == true {
            raster.drawLegend(groups.enumerated().map { ($0.element.name, $0.element.color ?? Palette.series($0.offset)) }, in: area, scale: s)
        }
        return raster
    }
}
