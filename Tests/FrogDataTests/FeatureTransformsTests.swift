import FrogData
import FrogDSP
import FrogTestSupport
import XCTest

final class FeatureTransformsTests: XCTestCase {
    typealias T = FeatureTransforms

    func testTimeShiftMovesEnergyByExactlyThatManyFrames() {
        let image = TestImages.click(frames: 40, bins: 8, at: 10)
        for shift in [-7, -1, 0, 3, 12] {
            let out = T.shiftTime(image, by: shift, roll: false)
            XCTAssertEqual(TestImages.loudestFrame(out), 10 + shift, "shift \(shift)")
            XCTAssertEqual(out.frames, 40)
            XCTAssertEqual(out.bins, 8)
        }
        // Rolling past the end wraps around.
        XCTAssertEqual(TestImages.loudestFrame(T.shiftTime(image, by: 35, roll: true)), 5)
        // Without roll the click leaves the image; the constant fill is the image's minimum.
        XCTAssertEqual(T.shiftTime(image, by: 35, roll: false).values.max(), -80)
    }

    func testFrequencyShiftMovesBins() {
        let image = TestImages.ramp(frames: 3, bins: 10)
        let out = T.shiftFrequency(image, by: 2, fillMode: .nearest)
        XCTAssertEqual(out[1, 5], image[1, 3])
        XCTAssertEqual(out[1, 0], image[1, 0], "nearest fill repeats the edge")
    }

    func testMasksSetExactlyTheirRegion() {
        let image = TestImages.ramp(frames: 10, bins: 6)
        let out = T.maskTime(image, frames: 2..<5, value: 0)
        for t in 0..<10 {
            for f in 0..<6 { XCTAssertEqual(out[t, f], (2..<5).contains(t) ? 0 : image[t, f]) }
        }
        let freq = T.maskFrequency(image, bins: 4..<9, value: -1)
        XCTAssertEqual((0..<10).map { freq[$0, 5] }, Array(repeating: -1, count: 10), "clamped to the image")
        XCTAssertEqual(freq[3, 3], image[3, 3])
    }

    func testFlipsAndFillModes() {
        let image = TestImages.ramp(frames: 4, bins: 3)
        XCTAssertEqual(T.flipTime(image)[0, 1], image[3, 1])
        XCTAssertEqual(T.flipFrequency(image)[2, 0], image[2, 2])
        XCTAssertEqual(T.flipTime(T.flipTime(image)), image)
        // Shifting by 2 with reflect mirrors frames 1, 0 into the first two columns (abcd → baab).
        let reflected = T.shiftTime(image, by: 2, roll: false, fillMode: .reflect)
        XCTAssertEqual((0..<4).map { reflected[$0, 0] }, [100, 0, 0, 100])
        let constant = T.shiftTime(image, by: 1, roll: false, fillMode: .constant, fillValue: -5)
        XCTAssertEqual(constant[0, 2], -5)
    }

    func testRotationBy90DegreesOnSquareImageMapsAxes() {
        let image = TestImages.ramp(frames: 5, bins: 5)
        let out = T.rotate(image, degrees: 90)
        // Pixel-exact map: (x, y) reads input (cx + (y − cy), cy − (x − cx)); cos 90° rounds to
        // ~6e-17, so bilinear weights are within 1e-3 of exact after Float conversion.
        for x in 0..<5 {
            for y in 0..<5 { XCTAssertEqual(out[x, y], image[y, 4 - x], accuracy: 1e-3) }
        }
    }

    func testStretchAndZoomKeepShapeAndIdentityAtOne() {
        let image = TestImages.ramp(frames: 9, bins: 4)
        XCTAssertEqual(T.stretchTime(image, rate: 1), image)
        XCTAssertEqual(T.zoom(image, timeFactor: 1, frequencyFactor: 1), image)
        XCTAssertEqual(T.cropTime(image, start: 0, length: 9), image)
        let squeezed = T.stretchTime(image, rate: 2)
        // Rate 2 about centre frame 4: output frame 5 reads input frame 6.
        XCTAssertEqual(squeezed[5, 1], image[6, 1])
        let cropped = T.cropTime(image, start: 2, length: 5)
        // Frames 2…6 stretched over 0…8: output 8 reads input 6, output 1 reads input 2.5.
        XCTAssertEqual(cropped[8, 0], image[6, 0])
        XCTAssertEqual(cropped[1, 0], 250)
    }

    func testOverlayMixesInPowerDomainAtTheRequestedSNR() {
        // Signal 0 dB everywhere (power 1), background −20 dB (power 0.01).
        let signal = FeatureImage(bins: 2, frames: 3, values: Array(repeating: 0, count: 6), secondsPerFrame: 0.01, binFrequencies: [0, 1])
        let noise = FeatureImage(bins: 2, frames: 5, values: Array(repeating: -20, count: 10), secondsPerFrame: 0.01, binFrequencies: [0, 1])
        // At 0 dB SNR the background is scaled to power 1: 10·log10(1 + 1) = 3.0103 dB.
        let mixed = T.overlay(signal, background: noise, offset: 2, snrDB: 0)
        // powf/log10f round-trips in Float: 1e-4 dB is far below any audible difference.
        assertClose(mixed.values, Array(repeating: 3.0103, count: 6), atol: 1e-4)
        // At 10 dB SNR: 10·log10(1 + 0.1) = 0.4139 dB (a dB-domain mix would give a different value).
        assertClose(T.overlay(signal, background: noise, offset: 0, snrDB: 10).values, Array(repeating: 0.41393, count: 6), atol: 1e-4)
    }
}
