import FrogDSP
import FrogImage
import FrogPlots
import XCTest

final class SpectrogramPictureTests: XCTestCase {
    func testLowFrequenciesAtTheBottomAndTimeLeftToRight() {
        // 3 frames × 2 bins: loud only in bin 0 (low) of frame 2 (last).
        let image = FeatureImage(
            bins: 2, frames: 3, values: [0, 0, 0, 0, 10, 0], secondsPerFrame: 0.1, binFrequencies: [100, 200])
        let picture = SpectrogramPicture(colormap: .viridis, ticks: false, binHeight: 1)
        let raster = picture.render(image)
        XCTAssertEqual(raster.width, 3)
        XCTAssertEqual(raster.height, 2)
        let loud = Colormap.viridis.color(1)
        let quiet = Colormap.viridis.color(0)
        XCTAssertTrue(raster.get(x: 2, y: 1) == loud, "bottom-right pixel is the loud low bin")
        XCTAssertTrue(raster.get(x: 2, y: 0) == quiet)
        XCTAssertTrue(raster.get(x: 0, y: 1) == quiet)
    }

    func testTicksAddMarginsAroundThePlot() {
        let image = FeatureImage(
            bins: 64, frames: 200, values: (0..<(64 * 200)).map { Float($0 % 64) },
            secondsPerFrame: 256.0 / 22_050, binFrequencies: (0..<64).map { 100 + Float($0) * 150 })
        let plain = SpectrogramPicture(ticks: false).render(image)
        let framed = SpectrogramPicture(ticks: true).render(image)
        XCTAssertGreaterThan(framed.width, plain.width)
        XCTAssertGreaterThan(framed.height, plain.height)
    }
}
