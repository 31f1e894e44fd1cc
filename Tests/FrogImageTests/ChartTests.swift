import FrogImage
import FrogTestSupport
import XCTest

final class ChartTests: XCTestCase {
    func pixels(of color: RGB, in raster: Raster, rows: Range<Int>? = nil) -> Int {
        var n = 0
        for y in rows ?? 0..<raster.height {
            for x in 0..<raster.width where raster.get(x: x, y: y) == color { n += 1 }
        }
        return n
    }

    func testTicksAreRound() {
        let ticks = AxisTicks(low: 0.13, high: 0.91, targetCount: 5)
        XCTAssertEqual(ticks.step, 0.2, accuracy: 1e-12)
        XCTAssertEqual(ticks.range.lowerBound, 0, accuracy: 1e-12)
        XCTAssertEqual(ticks.range.upperBound, 1, accuracy: 1e-12)
        XCTAssertEqual(ticks.values.map { ticks.label($0) }, ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
        XCTAssertEqual(AxisTicks(low: 5, high: 5).values.count > 1, true)
    }

    func testLineChartDrawsSeriesWhereTheDataIs() {
        let rising: RGB = (200, 0, 0)
        let flat: RGB = (0, 0, 200)
        let chart = LineChart(
            title: "Loss", xLabel: "epoch", yLabel: "loss",
            series: [
                .init(name: "train", x: [0, 10], y: [0, 1], color: rising),
                .init(name: "validation", x: [0, 10], y: [0.5, 0.5], color: flat),
            ], width: 400, height: 300, yRange: 0...1)
        let image = chart.render()
        XCTAssertEqual(image.width, 400)
        XCTAssertEqual(image.height, 300)
        XCTAssertGreaterThan(pixels(of: rising, in: image), 100)
        // The flat series at y = 0.5 of 0...1 lies around the middle of the plot's height; its
        // colour must not appear in the top or bottom fifth (outside the legend swatch row).
        let flatRows = (0..<image.height).filter { y in (0..<image.width).contains { image.get(x: $0, y: y) == flat } }
        XCTAssertFalse(flatRows.isEmpty)
        let lineRows = flatRows.filter { $0 > 60 }
        XCTAssertTrue(lineRows.allSatisfy { (120..<190).contains($0) }, "\(lineRows)")
    }

    func testBarChartGroupsAndHeatmapCells() {
        let a: RGB = (10, 120, 10)
        let bars = BarChart(
            title: "Calls per hour", xLabel: "hour", yLabel: "calls",
            categories: (0..<24).map { String($0) },
            groups: [.init(name: "frog", values: (0..<24).map { Double($0 % 5) }, color: a)],
            width: 500, height: 260)
        let image = bars.render()
        XCTAssertEqual(image.width, 500)
        XCTAssertGreaterThan(pixels(of: a, in: image), 500)

        let heat = Heatmap(
            values: [1, 0, 0.25, 0.75], rows: 2, columns: 2, rowLabels: ["a", "b"],
            columnLabels: ["a", "b"], cellLabels: ["10", "0", "1", "3"], title: "Confusion",
            xLabel: "predicted", yLabel: "true", colormap: .viridis, range: 0...1)
        let map = heat.render()
        XCTAssertGreaterThan(map.width, 2 * 36)
        // The title (scale 2) fits inside the image even when the matrix is narrower.
        XCTAssertGreaterThanOrEqual(map.width, BitmapFont.measure("Confusion", scale: 2).width)
        let wide = Heatmap(values: [1], rows: 1, columns: 1, rowLabels: ["a"], columnLabels: ["a"],
                           title: "Confusion matrix (windows) of a one-class model").render()
        XCTAssertGreaterThan(wide.width, BitmapFont.measure("Confusion matrix (windows) of a one-class model", scale: 2).width)
        XCTAssertGreaterThan(pixels(of: Colormap.viridis.color(1), in: map), 36 * 20)
        XCTAssertGreaterThan(pixels(of: Colormap.viridis.color(0.75), in: map), 36 * 20)
    }

    func testBarChartWhiskersAndFixedRange() {
        let bar: RGB = (10, 120, 10)
        let plain = BarChart(categories: ["a", "b"], groups: [.init(name: "", values: [0.5, 0.8], color: bar)],
                             width: 300, height: 200, yRange: 0...1)
        let whiskered = BarChart(categories: ["a", "b"],
                                 groups: [.init(name: "", values: [0.5, 0.8], color: bar, errors: [0.1, 0.4])],
                                 width: 300, height: 200, yRange: 0...1)
        let a = plain.render(), b = whiskered.render()
        // The same bars (the fixed range keeps the scale although 0.8 + 0.4 > 1) …
        XCTAssertEqual(pixels(of: bar, in: a) - pixels(of: bar, in: b) < 200, true)
        // … and black whiskers in the plot area above the bars' tops.
        XCTAssertGreaterThan(pixels(of: Palette.black, in: b), pixels(of: Palette.black, in: a) + 20)
        let fitted = BarChart(categories: ["a"], groups: [.init(name: "", values: [0.5], errors: [0.9])]).render()
        XCTAssertEqual(fitted.width, 640)
    }

    func testImageGridSize() {
        let tile = Raster(width: 30, height: 20, fill: (0, 0, 0))
        let grid = ImageGrid(columns: 2, padding: 4).render([
            .init(image: tile, caption: "one"), .init(image: tile, caption: "two"),
            .init(image: tile, caption: "a caption far too long for the tile"),
        ])
        XCTAssertEqual(grid.width, 2 * 34 + 4)
        XCTAssertEqual(grid.height, 2 * (20 + 13 + 4) + 4)
        XCTAssertEqual(pixels(of: (0, 0, 0), in: grid) >= 3 * 600, true)
    }
}
