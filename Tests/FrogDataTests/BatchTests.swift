import FrogData
import FrogDSP
import XCTest

final class BatchTests: XCTestCase {
    func example(_ image: FeatureImage, _ classIndex: Int) -> Example {
        var targets: [Float] = [0, 0, 0]
        targets[classIndex] = 1
        return Example(features: image, classIndex: classIndex, targets: targets, recording: "r.wav", group: "g", startSeconds: 0)
    }

    func testImageLayoutTransposesToBinsByFrames() {
        let image = TestImages.ramp(frames: 4, bins: 3)
        let batch = Batch([example(image, 0), example(image, 2)], layout: .image)
        XCTAssertEqual(batch.shape, [2, 1, 3, 4])
        // inputs[n, 0, bin, frame] = frame * 100 + bin.
        for n in 0..<2 {
            for f in 0..<3 { for t in 0..<4 { XCTAssertEqual(batch.inputs[n * 12 + f * 4 + t], Float(t * 100 + f)) } }
        }
        XCTAssertEqual(batch.targets, [1, 0, 0, 0, 0, 1])
        XCTAssertEqual(batch.classIndices, [0, 2])
    }

    func testSequenceLayoutKeepsFramesByBins() {
        let image = TestImages.ramp(frames: 4, bins: 3)
        let batch = Batch([example(image, 1)], layout: .sequence)
        XCTAssertEqual(batch.shape, [1, 4, 3])
        XCTAssertEqual(batch.inputs, image.values)
    }
}
