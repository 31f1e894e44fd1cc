import FrogImage
import XCTest

/// Expected bytes are `matplotlib.colormaps[name](t, bytes=True)` from matplotlib 3.11.2.
final class ColormapTests: XCTestCase {
    func assertColor(_ actual: RGB, _ expected: RGB, _ message: String, line: UInt = #line) {
        XCTAssertTrue(actual == expected, "\(message): \(actual) != \(expected)", line: line)
    }

    func testViridisMatchesMatplotlib() {
        assertColor(Colormap.viridis.color(0), (68, 1, 84), "viridis(0)")
        assertColor(Colormap.viridis.color(0.5), (32, 144, 140), "viridis(0.5)")
        assertColor(Colormap.viridis.color(1), (253, 231, 36), "viridis(1)")
        assertColor(Colormap.viridis.color(0.3), (52, 94, 141), "viridis(0.3)")
    }

    func testMagmaMatchesMatplotlib() {
        assertColor(Colormap.magma.color(0), (0, 0, 3), "magma(0)")
        assertColor(Colormap.magma.color(0.5), (182, 54, 121), "magma(0.5)")
        assertColor(Colormap.magma.color(1), (251, 252, 191), "magma(1)")
        assertColor(Colormap.magma.color(0.3), (99, 25, 127), "magma(0.3)")
    }

    func testOutOfRangeClampsAndNamesResolve() {
        assertColor(Colormap.viridis.color(-3), Colormap.viridis.color(0), "under")
        assertColor(Colormap.viridis.color(7), Colormap.viridis.color(1), "over")
        assertColor(Colormap.viridis.color(.nan), Colormap.viridis.color(0), "nan")
        assertColor(Colormap.gray.color(1), (255, 255, 255), "gray(1)")
        assertColor(Colormap.gray.color(0.5), (128, 128, 128), "gray(0.5)")
        XCTAssertEqual(Colormap(named: "Magma")?.name, "magma")
        XCTAssertEqual(Colormap(named: "grey")?.name, "gray")
        XCTAssertNil(Colormap(named: "jet"))
    }
}
