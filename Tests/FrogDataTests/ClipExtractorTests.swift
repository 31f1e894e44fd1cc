import FrogData
import FrogDSP
import FrogNN
import XCTest

final class ClipExtractorTests: XCTestCase {
    // 0.1 s frames: a 1 s clip is 11 frames (1 + floor(1 / 0.1)).
    let image = FeatureImage(
        bins: 2, frames: 100, values: (0..<200).map { Float($0 / 2) }, secondsPerFrame: 0.1,
        binFrequencies: [500, 2000])
    var config: ClipConfig {
        var c = ClipConfig()
        c.clipSeconds = 1
        c.hopSeconds = 0.5
        c.negativesPerRecording = 3
        return c
    }
    let classes = ["frog", "toad", "noise"]

    func testCentredClipsAroundBoxesWithFixedFrames() {
        let extractor = ClipExtractor(config: config, classes: classes)
        XCTAssertEqual(extractor.clipFrames(secondsPerFrame: 0.1), 11)
        var random = SeededRNG(seed: 1)
        let annotations = [
            Annotation(file: "r.wav", start: 2.0, end: 2.4, label: "frog"),
            Annotation(file: "r.wav", start: 2.3, end: 2.9, label: "toad"),
            Annotation(file: "r.wav", start: 5, end: 6, label: "cricket"),
        ]
        let examples = extractor.examples(recording: "r.wav", annotations: annotations, image: image, training: false, using: &random)
        let positives = examples.filter { $0.classIndex != 2 }
        XCTAssertEqual(positives.count, 2, "the unknown label is skipped")
        XCTAssertTrue(examples.allSatisfy { $0.features.frames == 11 && $0.features.bins == 2 })
        // Centred on 2.2 s: starts at 1.7 s = frame 17 (frame value = its index).
        XCTAssertEqual(positives[0].startSeconds, 1.7, accuracy: 1e-9)
        XCTAssertEqual(positives[0].features[0, 0], 17)
        XCTAssertEqual(positives[0].targets, [1, 0, 0], "one-hot without multi_label")
        let negatives = examples.filter { $0.classIndex == 2 }
        XCTAssertEqual(negatives.count, 3)
        for n in negatives {
            XCTAssertFalse(annotations.contains { $0.start! < n.startSeconds + 1 && $0.end! > n.startSeconds }, "\(n.startSeconds)")
        }
    }

    func testMultiLabelMarksOverlappingCalls() {
        var c = config
        c.multiLabel = true
        c.noiseClass = nil
        var random = SeededRNG(seed: 1)
        let annotations = [
            Annotation(file: "r.wav", start: 2.0, end: 2.4, label: "frog"),
            Annotation(file: "r.wav", start: 2.3, end: 2.9, label: "toad"),
        ]
        let examples = ClipExtractor(config: c, classes: classes).examples(
            recording: "r.wav", annotations: annotations, image: image, training: false, using: &random)
        // Clip 1.7–2.7 s holds 0.4 of toad's 0.6 s (≥ 0.5 · 0.6): both classes.
        XCTAssertEqual(examples[0].targets, [1, 1, 0])
        XCTAssertEqual(examples[0].classIndex, 0)
    }

    func testRandomPlacementKeepsMinimumOverlapAndIsSeeded() {
        var c = config
        c.centered = false
        c.noiseClass = nil
        let extractor = ClipExtractor(config: c, classes: classes)
        let annotation = Annotation(file: "r.wav", start: 4, end: 4.6, label: "frog")
        var starts: Set<Double> = []
        for seed in UInt64(0)..<30 {
            var random = SeededRNG(seed: seed)
            let e = extractor.examples(recording: "r.wav", annotations: [annotation], image: image, training: true, using: &random)[0]
            let overlap = min(4.6, e.startSeconds + 1) - max(4, e.startSeconds)
            // Clip starts snap to the 0.1 s frame grid, which can cost up to half a frame.
            XCTAssertGreaterThanOrEqual(overlap, 0.5 * 0.6 - 0.05, "seed \(seed)")
            starts.insert(e.startSeconds)
            var again = SeededRNG(seed: seed)
            XCTAssertEqual(extractor.examples(recording: "r.wav", annotations: [annotation], image: image, training: true, using: &again)[0], e)
        }
        XCTAssertGreaterThan(starts.count, 3, "placement varies with the seed")
    }

    func testWeakLabelsSlideOverTheWholeRecordingAndShortOnesArePadded() {
        var random = SeededRNG(seed: 1)
        let extractor = ClipExtractor(config: config, classes: classes, groupColumn: "site")
        let weak = Annotation(file: "r.wav", start: nil, end: nil, label: "toad", attributes: ["site": "N"])
        let examples = extractor.examples(recording: "r.wav", annotations: [weak], image: image, training: false, using: &random)
        // 10 s at hop 0.5 s with 1 s clips: starts 0, 0.5, …, 9.0 = 19 clips; no negatives.
        XCTAssertEqual(examples.count, 19)
        XCTAssertTrue(examples.allSatisfy { $0.classIndex == 1 && $0.group == "N" })
        let short = image.frames(0..<4)
        let padded = extractor.examples(recording: "r.wav", annotations: [weak], image: short, training: false, using: &random)
        XCTAssertEqual(padded.count, 1)
        XCTAssertEqual(padded[0].features.frames, 11)
        XCTAssertEqual(padded[0].features[10, 1], 0, "padded with the image's minimum")
    }

    func testBandKeepsOnlyTheCallsFrequencies() {
        var c = config
        c.band = true
        c.noiseClass = nil
        var random = SeededRNG(seed: 1)
        // Centred on 3.3 s: the clip is frames 28…38, where every value equals its frame index.
        let a = Annotation(file: "r.wav", start: 3, end: 3.6, label: "frog", lowHz: 1000, highHz: 3000)
        let e = ClipExtractor(config: c, classes: classes).examples(recording: "r.wav", annotations: [a], image: image, training: false, using: &random)[0]
        XCTAssertEqual((0..<11).map { e.features[$0, 1] }, (28..<39).map(Float.init), "2000 Hz bin kept")
        XCTAssertEqual((0..<11).map { e.features[$0, 0] }, Array(repeating: 28, count: 11), "500 Hz bin set to the clip minimum")
    }
}
