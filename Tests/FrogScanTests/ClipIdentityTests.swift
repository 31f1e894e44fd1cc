@testable import FrogConfig
import FrogData
import FrogDSP
import FrogNN
import FrogTestSupport
@testable import FrogTrain
import XCTest

/// FrogData's `ClipExtractor` (sliding placement, the training default) gives exactly the
/// windows of the rule `frogscan train` used before it (`LegacyWindowing` below): same starts, same frame
/// count (`RunConfig.windowFrames`), same padding, labels and targets, for the shipped configs.
final class ClipIdentityTests: XCTestCase {
    private func config(_ name: String) throws -> RunConfig {
        var config = try ConfigLoader.load(path: SharedData.repositoryRoot.appendingPathComponent("configs/\(name)").path)
        // The legacy windowing had no selection of active windows; that choice has tests of its own.
        config.clips.activeFraction = 1
        return config
    }

    /// A feature image of `frames` frames with distinct random values (so a wrong start or
    /// wrong padding shows).
    private func image(frames: Int, config: RunConfig, seed: UInt64) -> FeatureImage {
        var generator = SeededRNG(seed: seed)
        let bins = config.features.nMels
        return FeatureImage(
            bins: bins, frames: frames, values: (0..<(bins * frames)).map { _ in generator.normal() * 10 - 40 },
            secondsPerFrame: config.features.secondsPerFrame,
            binFrequencies: (0..<bins).map { Float($0) * 100 })
    }

    private func assertIdentical(
        config: RunConfig, classes: [String], annotations: [Annotation], frames: Int, seed: UInt64,
        file: StaticString = #filePath, line: UInt = #line
    ) {
        let features = image(frames: frames, config: config, seed: seed)
        let old = LegacyWindowing(config: config, classes: classes)
            .windows(of: features, annotations: annotations, recording: "r.wav", group: "g")
        var random = SeededRNG(seed: seed)
        let new = ClipExtractor(config: config.clips, classes: classes).examples(
            recording: "r.wav", annotations: annotations, image: features, training: true, group: "g", using: &random)
        XCTAssertFalse(old.isEmpty, file: file, line: line)
        XCTAssertEqual(new.map(\.startSeconds), old.map(\.startSeconds), "starts", file: file, line: line)
        XCTAssertTrue(new.allSatisfy { $0.features.frames == config.windowFrames }, "frames", file: file, line: line)
        XCTAssertEqual(new, old, "\(frames) frames", file: file, line: line)
        XCTAssertEqual(
            ClipExtractor(config: config.clips, classes: classes).slidingClips(of: features),
            LegacyWindowing(config: config, classes: classes).unlabeledWindows(of: features), "unlabelled windows",
            file: file, line: line)
    }

    func testXenoCantoWeakLabelWindowsAreUnchanged() throws {
        let config = try config("xenocanto.yaml")
        XCTAssertEqual(config.clips.maxPerRecording, 60)
        XCTAssertEqual(config.windowFrames, 128)
        let classes = ["Alytes_obstetricans", "Bufo_spinosus", "Epidalea_calamita", "noise"]
        let weak = [Annotation(file: "r.wav", start: nil, end: nil, label: "Bufo_spinosus")]
        // Long (thinned to 60), medium, exactly one window, one frame short, and very short (padded).
        for (frames, seed) in [(9_000, 1), (1_500, 2), (128, 3), (127, 4), (40, 5)] as [(Int, UInt64)] {
            assertIdentical(config: config, classes: classes, annotations: weak, frames: frames, seed: seed)
        }
        // A data.negatives recording: every window is the background class.
        let negative = [Annotation(file: "r.wav", start: nil, end: nil, label: "noise")]
        assertIdentical(config: config, classes: classes, annotations: negative, frames: 5_000, seed: 6)
    }

    func testDefaultCallBoxWindowsAreUnchanged() throws {
        let config = try config("default.yaml")
        XCTAssertEqual(config.clips.placement, .sliding)
        let classes = ["crinia_signifera", "litoria_fallax", "noise"]
        let spf = config.features.secondsPerFrame
        let boxes = [
            Annotation(file: "r.wav", start: 1.0, end: 1.3, label: "litoria_fallax", lowHz: 2000, highHz: 4000),
            Annotation(file: "r.wav", start: 1.2, end: 2.9, label: "crinia_signifera"),
            Annotation(file: "r.wav", start: 6.0, end: 6.05, label: "litoria_fallax"),
            Annotation(file: "r.wav", start: 8.0, end: 9.0, label: "cricket"),
            Annotation(file: "r.wav", start: 12.3, end: 15.0, label: "crinia_signifera"),
        ]
        assertIdentical(config: config, classes: classes, annotations: boxes, frames: Int(16 / spf), seed: 7)
        assertIdentical(config: config, classes: classes, annotations: Array(boxes.prefix(1)), frames: 100, seed: 8)
        var thinned = config
        thinned.clips.maxPerRecording = 7
        assertIdentical(config: thinned, classes: classes, annotations: boxes, frames: Int(16 / spf), seed: 9)
    }

    /// The same comparison on real decoded recordings: the bundled synthetic chorus (call
    /// boxes, default config) and xeno-canto recordings (weak labels, xenocanto.yaml).
    func testRealRecordingsGiveTheSameWindows() throws {
        var checked = 0
        for (name, data, limit) in [
            ("default.yaml", SharedData.repositoryRoot, 2),
            ("xenocanto.yaml", SharedData.root?.appendingPathComponent("ribbid-xenocanto"), 3),
        ] as [(String, URL?, Int)] {
            guard let data, FileManager.default.fileExists(atPath: data.path) else { continue }
            var config = try config(name)
            if name == "default.yaml" {
                config.data.recordings = data.appendingPathComponent("recordings").path
                config.data.labels = data.appendingPathComponent("labels").path
            } else {
                config.data.recordings = data.path
                config.data.labels = data.appendingPathComponent("metadata.csv").path
            }
            let set = try AnnotationSet.load(
                recordings: config.data.recordings, labels: config.data.labels, config: config.data.labelConfig(classes: nil))
            let classes = set.labels + ["noise"]
            let extractor = FeatureExtractor(config: config.features)
            for recording in set.annotationsByRecording.keys.sorted().prefix(limit) {
                let annotations = set.annotationsByRecording[recording]!
                let features = try DatasetBuilder.features(of: recording, extractor: extractor)
                let old = LegacyWindowing(config: config, classes: classes)
                    .windows(of: features, annotations: annotations, recording: recording, group: "g")
                var random = SeededRNG(seed: 1)
                let new = ClipExtractor(config: config.clips, classes: classes).examples(
                    recording: recording, annotations: annotations, image: features, training: true, group: "g",
                    using: &random)
                XCTAssertFalse(old.isEmpty, recording)
                XCTAssertEqual(new, old, recording)
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 0)
    }
}

// The rule `frogscan train` used before FrogData's ClipExtractor took over (Sources/FrogScan/
// Train/Windowing.swift, removed), frozen here as the reference the identity tests compare with.

/// Cuts a recording's feature image into fixed-length windows and labels them: whole-recording
/// (weak) labels label every window; call boxes label the windows they cover enough of.
struct LegacyWindowing {
    let frames: Int
    let hop: Int
    let minOverlap: Double
    let maxPerRecording: Int
    let classIndex: [String: Int]
    let backgroundIndex: Int?

    init(config: RunConfig, classes: [String]) {
        frames = config.windowFrames
        hop = config.hopFrames
        minOverlap = config.clips.minOverlap
        maxPerRecording = config.clips.maxPerRecording
        classIndex = Dictionary(classes.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        backgroundIndex = config.clips.backgroundLabel.isEmpty ? nil : classIndex[config.clips.backgroundLabel]
    }

    /// Window start frames: every `hop` frames; a recording shorter than one window gives one
    /// window padded at the end.
    func starts(frameCount: Int) -> [Int] {
        var all = Array(stride(from: 0, through: max(frameCount - frames, 0), by: hop))
        if maxPerRecording > 0, all.count > maxPerRecording {
            // Evenly spaced, so a long recording still contributes from start to end.
            all = (0..<maxPerRecording).map { all[$0 * all.count / maxPerRecording] }
        }
        return all
    }

    /// `frames` frames from `start`, padded with the image's minimum (silence) past its end.
    func cut(_ image: FeatureImage, start: Int) -> FeatureImage {
        let end = min(start + frames, image.frames)
        var window = image.frames(start..<end)
        if window.frames < frames {
            let floor = image.values.min() ?? 0
            window.values += [Float](repeating: floor, count: (frames - window.frames) * image.bins)
            window.frames = frames
        }
        return window
    }

    func windows(of image: FeatureImage, annotations: [Annotation], recording: String, group: String) -> [Example] {
        let weak = annotations.filter(\.isWholeRecording).compactMap { classIndex[$0.label] }
        let boxes = annotations.filter { !$0.isWholeRecording }
        let windowSeconds = Double(frames) * image.secondsPerFrame
        return starts(frameCount: image.frames).compactMap { start in
            let window = cut(image, start: start)
            let begin = image.startSeconds + Double(start) * image.secondsPerFrame
            var labels = weak
            for box in boxes {
                guard let index = classIndex[box.label], let boxStart = box.start, let boxEnd = box.end else { continue }
                let overlap = min(boxEnd, begin + windowSeconds) - max(boxStart, begin)
                let needed = minOverlap * min(windowSeconds, boxEnd - boxStart)
                if overlap > 0, overlap >= needed, !labels.contains(index) { labels.append(index) }
            }
            if labels.isEmpty, let backgroundIndex { labels = [backgroundIndex] }
            guard !labels.isEmpty else { return nil }
            var targets = [Float](repeating: 0, count: classIndex.count)
            for label in labels { targets[label] = 1 }
            return Example(
                features: window, classIndex: labels[0], targets: targets, recording: recording, group: group,
                startSeconds: begin)
        }
    }

    /// Every window of an unlabelled recording (background noise for augmentation).
    func unlabeledWindows(of image: FeatureImage) -> [FeatureImage] {
        starts(frameCount: image.frames).map { cut(image, start: $0) }
    }
}
