import FrogImage
import XCTest

final class RasterTests: XCTestCase {
    func testSetClipsOutside() {
        var r = Raster(width: 3, height: 2)
        r.set(x: 1, y: 1, (1, 2, 3))
        r.set(x: 5, y: 9, (9, 9, 9))
        XCTAssertEqual(r.get(x: 1, y: 1).g, 2)
        XCTAssertEqual(r.pixels.filter { $0 == 9 }.count, 0)
    }
}
