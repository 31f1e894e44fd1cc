import FrogData
import FrogDSP
import FrogNN
import XCTest

final class AugmentPipelineTests: XCTestCase {
    var everything: AugmentPipeline {
        var steps = AugmentStep.Name.allCases.filter { !$0.isNormalization }.map { AugmentStep($0, probability: 1) }
        steps.append(AugmentStep(.samplewiseStandardize))
        return AugmentPipeline(steps: steps)
    }

    func example(_ image: FeatureImage, classIndex: Int) -> Example {
        var targets: [Float] = [0, 0]
        targets[classIndex] = 1
        return Example(features: image, classIndex: classIndex, targets: targets, recording: "r", group: "g", startSeconds: 0)
    }

    func testEveryStepKeepsTheShape() throws {
        let image = TestImages.ramp(frames: 32, bins: 16)
        let background = TestImages.ramp(frames: 7, bins: 16)
        for name in AugmentStep.Name.allCases where name != .mixup {
            var pipeline = AugmentPipeline(steps: [AugmentStep(name)])
            pipeline = pipeline.fitted(to: [image])
            var random = SeededRNG(seed: 4)
            let out = try pipeline.apply(image, training: true, backgrounds: [background], using: &random)
            XCTAssertEqual(out.frames, 32, name.rawValue)
            XCTAssertEqual(out.bins, 16, name.rawValue)
            XCTAssertEqual(out.binFrequencies, image.binFrequencies, name.rawValue)
            XCTAssertTrue(out.values.allSatisfy(\.isFinite), name.rawValue)
        }
    }

    func testSeededRunsAreIdenticalAndSeedsDiffer() throws {
        let examples = (0..<6).map { example(TestImages.ramp(frames: 24, bins: 8), classIndex: $0 % 2) }
        let backgrounds = [TestImages.click(frames: 10, bins: 8, at: 3)]
        func run(_ seed: UInt64) throws -> [Example] {
            var random = SeededRNG(seed: seed)
            return try everything.apply(batch: examples, training: true, backgrounds: backgrounds, using: &random)
        }
        let first = try run(11)
        XCTAssertTrue(first.allSatisfy { $0.features.values.allSatisfy(\.isFinite) })
        XCTAssertTrue(first == (try run(11)), "same seed, same examples")
        XCTAssertFalse(first == (try run(12)), "another seed, other examples")
    }

    func testEvalModeOnlyNormalizes() throws {
        let image = TestImages.ramp(frames: 24, bins: 8)
        var random = SeededRNG(seed: 1)
        let out = try everything.apply(image, training: false, backgrounds: [], using: &random)
        let normalizeOnly = AugmentPipeline(steps: [AugmentStep(.samplewiseStandardize)])
        XCTAssertEqual(out, try normalizeOnly.apply(image, training: true, using: &random))
        let withoutNormalization = AugmentPipeline(steps: AugmentPipeline.standard.steps + [AugmentStep(.mixup)])
        let batch = [example(image, classIndex: 0), example(TestImages.click(frames: 24, bins: 8, at: 2), classIndex: 1)]
        XCTAssertEqual(try withoutNormalization.apply(batch: batch, training: false, using: &random), batch)
    }

    func testMaskFillsZeroOrMean() throws {
        let image = TestImages.ramp(frames: 20, bins: 10)
        let mean = image.values.reduce(0, +) / Float(image.values.count)
        for fill in AugmentStep.MaskFill.allCases {
            var step = AugmentStep(.timeMask)
            step.maxFrames = 20
            step.fill = fill
            var random = SeededRNG(seed: 8)
            let out = try AugmentPipeline(steps: [step]).apply(image, training: true, using: &random)
            let expected: Float = fill == .zero ? 0 : mean
            var masked = 0
            for t in 0..<20 where (0..<10).allSatisfy({ out[t, $0] != image[t, $0] }) {
                XCTAssertEqual((0..<10).map { out[t, $0] }, Array(repeating: expected, count: 10), "frame \(t), \(fill)")
                masked += 1
            }
            // Frames not masked are untouched (frame 0's bin 0 is 0 in the ramp, so count per frame).
            for t in 0..<20 where (0..<10).contains(where: { out[t, $0] == image[t, $0] && image[t, $0] != expected }) {
                XCTAssertEqual((0..<10).map { out[t, $0] }, (0..<10).map { image[t, $0] })
            }
            XCTAssertGreaterThan(masked, 0, "seed 8 draws a non-empty mask")
        }
    }

    func testMixupBlendsTargetsAndKeepsMainClass() throws {
        var step = AugmentStep(.mixup)
        step.alpha = 0.4
        let a = example(FeatureImage(bins: 2, frames: 2, values: [0, 0, 0, 0], secondsPerFrame: 0.01, binFrequencies: [0, 1]), classIndex: 0)
        let b = example(FeatureImage(bins: 2, frames: 2, values: [1, 1, 1, 1], secondsPerFrame: 0.01, binFrequencies: [0, 1]), classIndex: 1)
        var random = SeededRNG(seed: 3)
        let out = try AugmentPipeline(steps: [step]).apply(batch: [a, b], training: true, using: &random)
        for (i, e) in out.enumerated() {
            XCTAssertEqual(e.targets.reduce(0, +), 1, accuracy: 1e-6, "targets still sum to 1")
            XCTAssertGreaterThanOrEqual(e.targets[e.classIndex], 0.5, "λ ≥ 0.5 keeps the main class")
            // Features blend with the same λ as the targets: b's share equals target[1].
            XCTAssertEqual(e.features.values[0], e.targets[1], accuracy: 1e-6, "example \(i)")
        }
    }

    func testFeaturewiseStandardizeNeedsFitAndThenStandardizesEachBin() throws {
        let images = (0..<4).map { TestImages.click(frames: 16, bins: 4, at: $0 * 3) }
        let pipeline = AugmentPipeline(steps: [AugmentStep(.featurewiseStandardize)])
        var random = SeededRNG(seed: 0)
        XCTAssertThrowsError(try pipeline.apply(images[0], training: false, using: &random))
        let fitted = pipeline.fitted(to: images)
        let outs = try images.map { try fitted.apply($0, training: false, using: &random) }
        for f in 0..<4 {
            let column = outs.flatMap { out in (0..<16).map { out[$0, f] } }
            let mean = column.reduce(0, +) / Float(column.count)
            let variance = column.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Float(column.count)
            // Float sums over 64 values of size ~1: 1e-4 covers rounding.
            XCTAssertEqual(mean, 0, accuracy: 1e-4)
            XCTAssertEqual(variance, 1, accuracy: 1e-4)
        }
    }

    func testConfigDecodesSnakeCaseWithDefaults() throws {
        let json = #"{"steps": [{"name": "time_mask", "probability": 0.3, "max_frames": 12, "fill": "mean"}, {"name": "rotation", "fill_mode": "reflect"}]}"#
        let pipeline = try JSONDecoder().decode(AugmentPipeline.self, from: Data(json.utf8))
        XCTAssertEqual(pipeline.steps[0].maxFrames, 12)
        XCTAssertEqual(pipeline.steps[0].fill, .mean)
        XCTAssertEqual(pipeline.steps[0].count, 1)
        XCTAssertEqual(pipeline.steps[1].fillMode, .reflect)
        XCTAssertEqual(pipeline.steps[1].probability, 1)
        var bad = pipeline
        bad.steps[0].probability = 2
        XCTAssertThrowsError(try bad.validate())
        XCTAssertFalse(AugmentPipeline.standard.steps.contains { [.rotation, .verticalFlip, .frequencyShift].contains($0.name) })
    }
}
