@testable import FrogConfig
import FrogData
import FrogImage
@testable import FrogTrain
import XCTest

/// `DatasetPreview` on the tiny synthetic dataset (16 bins × 16 frames per clip, 3 classes).
final class DatasetPreviewTests: XCTestCase {
    func config(_ overrides: [String] = []) throws -> RunConfig {
        try ConfigLoader.load(path: nil, overrides: overrides)
    }

    func testGridHasOneRowPerClassAndPerClassColumns() throws {
        let data = TrainSyntheticData.data(classes: 3)
        let result = try DatasetPreview(perClass: 2, augment: false, seed: 1).render(data: data, config: config())
        XCTAssertEqual(result.shown, [2, 2, 2])
        XCTAssertEqual([result.frames, result.bins], [16, 16])
        // Tiles of 16 × 2 px, 8 px padding, a caption line of (9 + 4) px under each tile.
        XCTAssertEqual(result.image.width, 2 * (32 + 8) + 8)
        XCTAssertEqual(result.image.height, 3 * (32 + 13 + 8) + 8)
        XCTAssertEqual(result.steps, [])
        // The top-left tile is the first picked clip's spectrogram, not the background.
        XCTAssertNotEqual(result.image.get(x: 8 + 16, y: 8 + 16).r, 255)
    }

    func testSeededAndAugmentationChangesTheClips() throws {
        let data = TrainSyntheticData.data(classes: 3)
        let settings = try config(["augment.time_masks=2", "augment.time_mask_frames=6", "augment.gain_db=6"])
        let plain = try DatasetPreview(perClass: 3, augment: false, seed: 5).render(data: data, config: settings)
        let augmented = try DatasetPreview(perClass: 3, augment: true, seed: 5).render(data: data, config: settings)
        let again = try DatasetPreview(perClass: 3, augment: true, seed: 5).render(data: data, config: settings)
        XCTAssertEqual(augmented.steps, ["gain", "time_mask"])
        XCTAssertEqual(augmented.image, again.image, "the same seed draws the same clips and augmentations")
        XCTAssertEqual(augmented.image.width, plain.image.width)
        XCTAssertEqual(augmented.image.height, plain.image.height)
        XCTAssertNotEqual(augmented.image, plain.image)
    }

    func testClassWithoutTrainingClipsGetsAnEmptyRow() throws {
        var data = TrainSyntheticData.data(classes: 3)
        data.train.removeAll { $0.classIndex == 1 }
        let result = try DatasetPreview(perClass: 2, augment: false, seed: 1).render(data: data, config: config())
        XCTAssertEqual(result.shown, [2, 0, 2])
        XCTAssertEqual(result.image.height, 3 * (32 + 13 + 8) + 8, "the empty row keeps its place")
        let rowTop = 8 + (32 + 13 + 8)
        XCTAssertEqual(result.image.get(x: 8 + 16, y: rowTop + 16).r, 255, "a blank tile")
    }
}
