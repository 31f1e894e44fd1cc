import FrogDetect
import FrogDSP
import XCTest

final class DetectWindowSliderTests: XCTestCase {
    /// Frames whose single bin holds the frame's index, so windows show where they were cut.
    private func frames(_ range: Range<Int>) -> FeatureImage {
        FeatureImage(bins: 1, frames: range.count, values: range.map { Float($0) }, secondsPerFrame: 0.01,
                     startSeconds: Double(range.lowerBound) * 0.01, binFrequencies: [1000])
    }

    func testWindowsAreIndependentOfChunking() {
        func cut(chunks: [Range<Int>]) -> [[Float]] {
            var slider = WindowSlider(windowFrames: 8, hopFrames: 3)
            var out: [WindowSlider.Window] = []
            for chunk in chunks { out += slider.push(frames(chunk)) }
            out += slider.finish()
            return out.map { $0.image.values }
        }
        let whole = cut(chunks: [0..<20])
        let pieces = cut(chunks: [0..<1, 1..<5, 5..<13, 13..<14, 14..<20])
        XCTAssertEqual(whole, pieces)
        // Regular starts 0, 3, 6, 9, 12, then one window aligned to the end (12..<20 is already
        // the end, so none is added).
        XCTAssertEqual(whole.map { Int($0[0]) }, [0, 3, 6, 9, 12])
        XCTAssertEqual(whole.last, (12..<20).map(Float.init))
    }

    func testEndAlignedLastWindowCoversTheTail() {
        var slider = WindowSlider(windowFrames: 8, hopFrames: 4)
        var starts = slider.push(frames(0..<18)).map(\.startFrame)
        starts += slider.finish().map(\.startFrame)
        XCTAssertEqual(starts, [0, 4, 8, 10])
    }

    func testShortRecordingIsPaddedWithItsQuietestValue() {
        var slider = WindowSlider(windowFrames: 6, hopFrames: 3)
        XCTAssertTrue(slider.push(frames(2..<5)).isEmpty)
        let last = slider.finish()
        XCTAssertEqual(last.count, 1)
        XCTAssertEqual(last[0].image.values, [2, 3, 4, 2, 2, 2])
    }

    func testHopFromOverlap() {
        XCTAssertEqual(WindowSlider.hopFrames(windowFrames: 128, overlap: 0.5), 64)
        XCTAssertEqual(WindowSlider.hopFrames(windowFrames: 128, overlap: 0), 128)
        XCTAssertEqual(WindowSlider.hopFrames(windowFrames: 128, overlap: 0.999), 1)
    }
}
