import Foundation
import FrogData
import FrogDSP
import FrogNN
import XCTest

final class ClipExtractorTests: XCTestCase {
    // 0.1 s frames: a 1 s clip is 10 frames.
    let image = FeatureImage(
        bins: 2, frames: 100, values: (0..<200).map { Float($0 / 2) }, secondsPerFrame: 0.1,
        binFrequencies: [500, 2000])
    var config: ClipConfig {
        var c = ClipConfig()
        c.seconds = 1
        c.hopSeconds = 0.5
        c.negativesPerRecording = 3
        c.placement = .centered
        c.multiLabel = false
        return c
    }
    let classes = ["frog", "toad", "noise"]

    func testCentredClipsAroundBoxesWithFixedFrames() {
        let extractor = ClipExtractor(config: config, classes: classes)
        XCTAssertEqual(extractor.clipFrames(secondsPerFrame: 0.1), 10)
        var random = SeededRNG(seed: 1)
        let annotations = [
            Annotation(file: "r.wav", start: 2.0, end: 2.4, label: "frog"),
            Annotation(file: "r.wav", start: 2.3, end: 2.9, label: "toad"),
            Annotation(file: "r.wav", start: 5, end: 6, label: "cricket"),
        ]
        let examples = extractor.examples(recording: "r.wav", annotations: annotations, image: image, training: false, using: &random)
        let positives = examples.filter { $0.classIndex != 2 }
        XCTAssertEqual(positives.count, 2, "the unknown label is skipped")
        XCTAssertTrue(examples.allSatisfy { $0.features.frames == 10 && $0.features.bins == 2 })
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
        c.backgroundLabel = ""
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
        c.placement = .random
        c.backgroundLabel = ""
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
        XCTAssertEqual(padded[0].features.frames, 10)
        XCTAssertEqual(padded[0].features[9, 1], 0, "padded with the image's minimum")
    }

    func testBandKeepsOnlyTheCallsFrequencies() {
        var c = config
        c.band = true
        c.backgroundLabel = ""
        var random = SeededRNG(seed: 1)
        // Centred on 3.3 s: the clip is frames 28…37, where every value equals its frame index.
        let a = Annotation(file: "r.wav", start: 3, end: 3.6, label: "frog", lowHz: 1000, highHz: 3000)
        let e = ClipExtractor(config: c, classes: classes).examples(recording: "r.wav", annotations: [a], image: image, training: false, using: &random)[0]
        XCTAssertEqual((0..<10).map { e.features[$0, 1] }, (28..<38).map(Float.init), "2000 Hz bin kept")
        XCTAssertEqual((0..<10).map { e.features[$0, 0] }, Array(repeating: 28, count: 10), "500 Hz bin set to the clip minimum")
    }

    func testSlidingPlacementLabelsWindowsByOverlapAndTheRestAsBackground() {
        var c = config
        c.placement = .sliding
        c.multiLabel = true
        var random = SeededRNG(seed: 1)
        let annotations = [
            Annotation(file: "r.wav", start: 2.0, end: 2.4, label: "frog"),
            Annotation(file: "r.wav", start: 2.3, end: 2.9, label: "toad"),
        ]
        let examples = ClipExtractor(config: c, classes: classes).examples(
            recording: "r.wav", annotations: annotations, image: image, training: true, using: &random)
        XCTAssertEqual(examples.map { Int(($0.startSeconds * 10).rounded()) }, Array(stride(from: 0, through: 90, by: 5)), "every window, in order")
        // 1.5–2.5 s: all of frog, 0.2 s of toad (< 0.5 · 0.6) → frog only; 2.0–3.0 s: both.
        XCTAssertEqual(examples[3].targets, [1, 0, 0])
        XCTAssertEqual(examples[4].targets, [1, 1, 0])
        XCTAssertEqual(examples[0].classIndex, 2, "a window without a call is background")
        XCTAssertEqual(examples.filter { $0.classIndex != 2 }.count, 3)
    }

    func testMaxPerRecordingKeepsEvenlySpacedWindows() {
        var c = config
        c.maxPerRecording = 4
        let extractor = ClipExtractor(config: c, classes: classes)
        // 19 starts (0, 5, …, 90 frames): keep indices 0, 4, 9, 14.
        XCTAssertEqual(extractor.slidingStarts(frameCount: 100, secondsPerFrame: 0.1), [0, 20, 45, 70])
        XCTAssertEqual(extractor.slidingClips(of: image).count, 4)
    }

    /// `active_fraction`: in training, a weakly labelled recording keeps the windows where
    /// something rises above its background (two calls here), in time order; evaluation keeps
    /// every window, and a background recording's windows are never thinned.
    func testActiveFractionKeepsTheWindowsWithCallsInTraining() {
        var c = config
        c.placement = .sliding
        c.activeFraction = 0.2
        // 10 s of −60 dB with a 0.3 s, one-bin call at 2.2 s and a louder one at 7.2 s.
        var quiet = FeatureImage(
            bins: 2, frames: 100, values: Array(repeating: -60, count: 200), secondsPerFrame: 0.1, binFrequencies: [500, 2000])
        for t in 22..<25 { quiet[t, 1] = -20 }
        for t in 72..<75 { quiet[t, 0] = -10 }
        let extractor = ClipExtractor(config: c, classes: classes)
        let weak = Annotation(file: "r.wav", start: nil, end: nil, label: "toad")
        var random = SeededRNG(seed: 1)
        let trained = extractor.examples(recording: "r.wav", annotations: [weak], image: quiet, training: true, using: &random)
        // 19 windows → 4 kept (⌈0.2 · 19⌉): the two holding the louder call (starts 6.5 and 7 s)
        // and the two holding the quieter one (1.5 and 2 s), in time order.
        XCTAssertEqual(trained.map { Int(($0.startSeconds * 10).rounded()) }, [15, 20, 65, 70])
        XCTAssertEqual(extractor.examples(recording: "r.wav", annotations: [weak], image: quiet, training: false, using: &random).count, 19)
        let noise = Annotation(file: "n.wav", start: nil, end: nil, label: "noise")
        XCTAssertEqual(extractor.examples(recording: "n.wav", annotations: [noise], image: quiet, training: true, using: &random).count, 19)
        c.activeFraction = 0
        XCTAssertEqual(c.problems().map(\.key), ["clips.active_fraction"])
    }

    func testActivityScoreIsTheLoudestPercentAboveEachBinsMedian() {
        // Bin 0 at 0 dB, bin 1 at −40 dB; one cell 30 dB above its bin's median in frames 10…19.
        var image = FeatureImage(
            bins: 2, frames: 100, values: (0..<200).map { $0 % 2 == 0 ? 0 : -40 }, secondsPerFrame: 0.1, binFrequencies: [1, 2])
        image[15, 1] = -10
        let background = ClipActivity.background(of: image)
        XCTAssertEqual(background, [0, -40])
        // 20 cells → the top 1 % is one cell (at least one): 30 dB.
        XCTAssertEqual(ClipActivity.score(image, start: 10, frames: 10, background: background), 30)
        XCTAssertEqual(ClipActivity.score(image, start: 20, frames: 10, background: background), 0)
        XCTAssertEqual(ClipActivity.score(image, start: 95, frames: 10, background: background), 0, "past the end is left out")
    }

    func testConfigKeysAreStrictAndCenteredIsShorthand() throws {
        let decoded = try JSONDecoder().decode(ClipConfig.self, from: Data(#"{"seconds": 2, "centered": false, "background_label": ""}"#.utf8))
        XCTAssertEqual(decoded.placement, .random)
        XCTAssertEqual(decoded.seconds, 2)
        XCTAssertEqual(decoded.backgroundLabel, "")
        XCTAssertThrowsError(try JSONDecoder().decode(ClipConfig.self, from: Data(#"{"clip_seconds": 2}"#.utf8))) { error in
            guard case FrogDataError.unknownKey(let path, let known) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(path, "clip_seconds")
            XCTAssertTrue(known.contains("seconds"))
        }
        XCTAssertThrowsError(try JSONDecoder().decode(ClipConfig.self, from: Data(#"{"placement": "middle"}"#.utf8))) { error in
            XCTAssertTrue("\(error)".contains("sliding, centered, random"), "\(error)")
        }
        XCTAssertThrowsError(try JSONDecoder().decode(LabelConfig.self, from: Data(#"{"alias": {}}"#.utf8))) { error in
            XCTAssertTrue("\(error)".contains("'alias'"), "\(error)")
        }
    }
}
