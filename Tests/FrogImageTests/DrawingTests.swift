import FrogImage
import XCTest

final class DrawingTests: XCTestCase {
    let red: RGB = (255, 0, 0)

    func count(_ raster: Raster, _ color: RGB) -> Int {
        var n = 0
        for y in 0..<raster.height {
            for x in 0..<raster.width where raster.get(x: x, y: y) == color { n += 1 }
        }
        return n
    }

    func testFilledAndOutlinedRectangles() {
        var raster = Raster(width: 20, height: 20)
        raster.fillRectangle(x: 2, y: 3, width: 5, height: 4, color: red)
        XCTAssertEqual(count(raster, red), 20)
        raster = Raster(width: 20, height: 20)
        raster.strokeRectangle(x: 2, y: 3, width: 5, height: 4, color: red)
        XCTAssertEqual(count(raster, red), 2 * 5 + 2 * 2)
        // Clipping: a rectangle hanging over the edge fills only the visible part.
        raster = Raster(width: 20, height: 20)
        raster.fillRectangle(x: -5, y: 18, width: 10, height: 10, color: red)
        XCTAssertEqual(count(raster, red), 5 * 2)
    }

    func testLinesIncludeBothEndsAndScaleWithThickness() {
        var raster = Raster(width: 30, height: 30)
        raster.drawLine(fromX: 1, y: 2, toX: 20, y: 9, color: red)
        XCTAssertTrue(raster.get(x: 1, y: 2) == red && raster.get(x: 20, y: 9) == red)
        // Bresenham visits one pixel per step along the major (x) axis.
        XCTAssertEqual(count(raster, red), 20)
        var thick = Raster(width: 30, height: 30)
        thick.drawLine(fromX: 5, y: 10, toX: 24, y: 10, color: red, thickness: 3)
        XCTAssertEqual(count(thick, red), 22 * 3)
    }

    func testTextDrawsInsideItsMeasuredBox() {
        for scale in [1, 2] {
            let text = "Litoria fallax 0.93 gjpqy"
            let size = BitmapFont.measure(text, scale: scale)
            XCTAssertEqual(size.width, (text.count * 6 - 1) * scale)
            var raster = Raster(width: size.width + 20, height: size.height + 20)
            raster.drawText(text, x: 10, y: 10, color: red, scale: scale)
            var inkLeft = Int.max, inkRight = 0, inkTop = Int.max, inkBottom = 0
            for y in 0..<raster.height {
                for x in 0..<raster.width where raster.get(x: x, y: y) == red {
                    inkLeft = min(inkLeft, x); inkRight = max(inkRight, x)
                    inkTop = min(inkTop, y); inkBottom = max(inkBottom, y)
                }
            }
            XCTAssertGreaterThanOrEqual(inkLeft, 10)
            XCTAssertGreaterThanOrEqual(inkTop, 10)
            XCTAssertLessThan(inkRight, 10 + size.width)
            XCTAssertLessThan(inkBottom, 10 + size.height)
            // The descenders of g, j, p, q, y reach the last row of the box.
            XCTAssertEqual(inkBottom, 10 + size.height - 1)
        }
    }

    func testRotatedTextSwapsItsBox() {
        let size = BitmapFont.measure("loss", scale: 1)
        var raster = Raster(width: 40, height: 40)
        raster.drawText("loss", x: 5, y: 5, color: red, rotated: true)
        for y in 0..<40 {
            for x in 0..<40 where raster.get(x: x, y: y) == red {
                XCTAssertTrue((5..<(5 + size.height)).contains(x) && (5..<(5 + size.width)).contains(y), "ink at \(x),\(y)")
            }
        }
        XCTAssertGreaterThan(count(raster, red), 10)
    }

    func testMatrixImageFlipsAndScales() {
        // 2 rows × 3 columns; with flipVertically row 0 (the low "frequencies") is at the bottom.
        let matrix: [Float] = [0, 0.5, 1, 1, 1, 1]
        let image = Raster(matrix: matrix, rows: 2, columns: 3, colormap: .gray, range: 0...1, flipVertically: true, scale: 2)
        XCTAssertEqual(image.width, 6)
        XCTAssertEqual(image.height, 4)
        XCTAssertTrue(image.get(x: 0, y: 3) == (0, 0, 0))
        XCTAssertTrue(image.get(x: 3, y: 2) == (128, 128, 128))
        XCTAssertTrue(image.get(x: 0, y: 0) == (255, 255, 255))
        // Without a range the data's own minimum and maximum set the ends.
        let auto = Raster(matrix: [2, 4], rows: 1, columns: 2, colormap: .viridis)
        XCTAssertTrue(auto.get(x: 0, y: 0) == Colormap.viridis.color(0))
        XCTAssertTrue(auto.get(x: 1, y: 0) == Colormap.viridis.color(1))
    }
}
