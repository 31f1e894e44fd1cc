import FrogDSP

/// Cuts a recording's feature image into labelled fixed-length clips (`Example`s); the one
/// clip implementation behind `frogscan train`, `evaluate` and `dataset preview`.
///
/// - Whole-recording (weak) labels: sliding windows over the whole file (every `hop_seconds`,
///   at most `max_per_recording`, evenly spaced), each carrying the recording's labels and those
///   of any call box it covers by `min_overlap`; in training, with `active_fraction` < 1, only
///   the windows rising most above the recording's background (`ClipActivity`).
/// - Call boxes, `placement: sliding` (the default): the same sliding windows, labelled by the
///   boxes they cover; windows without a call become `background_label`.
/// - Call boxes, `placement: centered` / `random`: one clip per call, centred (or, in training,
///   at a seeded random offset that keeps `min_overlap` of the call inside); calls longer than a
///   clip get clips across them every `hop_seconds`; `negatives_per_recording` background clips
///   from stretches no box touches.
/// - Background clips come only from recordings without weak labels: a weak label says nothing
///   about where the calls are not.
/// - Clips are `seconds / seconds-per-frame` frames (rounded); a recording shorter than a clip
///   is padded at the end with the image's minimum, i.e. the features of silence.
/// Labels outside `classes` are skipped (`dataset check` lists them).
public struct ClipExtractor: Sendable {
    public var config: ClipConfig
    public var classes: [String]
    /// Attribute naming the recording's group for `Example.group`.
    public var groupColumn: String?

    public init(config: ClipConfig, classes: [String], groupColumn: String? = nil) {
        self.config = config
        self.classes = classes
        self.groupColumn = groupColumn
    }

    /// Frames per clip at `secondsPerFrame`.
    public func clipFrames(secondsPerFrame: Double) -> Int { config.frames(secondsPerFrame: secondsPerFrame) }

    /// The examples of one recording.
    ///
    /// - Parameters:
    ///   - image: the whole recording's features.
    ///   - training: enables random placement (`placement: random`) and, for weak labels, the
    ///     choice of the most active windows (`active_fraction`).
    ///   - group: the group to record (nil: from the annotations' `groupColumn`, else the recording).
    ///   - random: draws random placements and background clips; seed it for a reproducible set.
    public func examples<R: RandomNumberGenerator>(
        recording: String, annotations: [Annotation], image: FeatureImage, training: Bool, group: String? = nil,
        using random: inout R
    ) -> [Example] {
        let group = group
            ?? AnnotationSet.group(
                of: annotations.first ?? Annotation(file: recording, start: nil, end: nil, label: ""),
                column: annotations.isEmpty ? nil : groupColumn)
        let hasWeak = annotations.contains(where: \.isWholeRecording)
        var result: [Example] = []
        if config.placement == .sliding || hasWeak {
            result += slidingExamples(
                recording: recording, annotations: annotations, image: image, group: group, training: training)
        }
        if config.placement != .sliding {
            result += callClips(
                recording: recording, annotations: annotations, image: image, group: group,
                random: training && config.placement == .random, using: &random)
            if !hasWeak {
                result += backgroundExamples(
                    recording: recording, annotations: annotations, image: image, group: group, using: &random)
            }
        }
        return result
    }

    /// Sliding windows of an unlabelled recording (backgrounds for the noise overlay).
    public func slidingClips(of image: FeatureImage) -> [FeatureImage] {
        let width = clipFrames(secondsPerFrame: image.secondsPerFrame)
        return slidingStarts(frameCount: image.frames, secondsPerFrame: image.secondsPerFrame)
            .map { Self.cut(image, start: $0, frames: width) }
    }

    /// Sliding-window start frames: every hop from 0 while a whole clip fits (one start, padded,
    /// for a recording shorter than a clip), with `activeIn` only the `active_fraction` of them
    /// rising most above that image's background, then thinned evenly to `max_per_recording`.
    public func slidingStarts(frameCount: Int, secondsPerFrame: Double, activeIn image: FeatureImage? = nil) -> [Int] {
        let width = clipFrames(secondsPerFrame: secondsPerFrame)
        let hop = config.hopFrames(secondsPerFrame: secondsPerFrame)
        var all = Array(stride(from: 0, through: max(frameCount - width, 0), by: hop))
        if let image { all = ClipActivity.mostActive(all, in: image, frames: width, fraction: config.activeFraction) }
        let limit = config.maxPerRecording
        if limit > 0, all.count > limit {
            all = (0..<limit).map { all[$0 * all.count / limit] }
        }
        return all
    }

    // MARK: - Pieces

    func classIndex(_ label: String) -> Int? { classes.firstIndex(of: label) }

    var backgroundIndex: Int? { config.backgroundLabel.isEmpty ? nil : classIndex(config.backgroundLabel) }

    func slidingExamples(
        recording: String, annotations: [Annotation], image: FeatureImage, group: String, training: Bool = false
    ) -> [Example] {
        let spf = image.secondsPerFrame
        let width = clipFrames(secondsPerFrame: spf)
        let windowSeconds = Double(width) * spf
        let weak = annotations.filter(\.isWholeRecording).compactMap { classIndex($0.label) }
        let hasWeak = annotations.contains(where: \.isWholeRecording)
        let boxes = annotations.filter { !$0.isWholeRecording }
        let background = hasWeak ? nil : backgroundIndex
        // Only a species' weak label hides where its calls are; a background recording's windows all count.
        let selects = training && config.activeFraction < 1 && weak.contains { $0 != backgroundIndex }
        return slidingStarts(frameCount: image.frames, secondsPerFrame: spf, activeIn: selects ? image : nil).compactMap { start in
            let begin = image.startSeconds + Double(start) * spf
            var labels = weak
            var mainBox: Annotation?
            for box in boxes {
                guard let index = classIndex(box.label), let boxStart = box.start, let boxEnd = box.end else { continue }
                let overlap = min(boxEnd, begin + windowSeconds) - max(boxStart, begin)
                let needed = config.minOverlap * min(windowSeconds, boxEnd - boxStart)
                if overlap > 0, overlap >= needed, !labels.contains(index) {
                    if labels.isEmpty { mainBox = box }
                    labels.append(index)
                }
            }
            if labels.isEmpty, let background { labels = [background] }
            guard let main = labels.first else { return nil }
            var features = Self.cut(image, start: start, frames: width)
            if config.band, let mainBox { features = Self.keepBand(features, of: mainBox) }
            return Example(
                features: features, classIndex: main, targets: targets(main: main, others: labels),
                recording: recording, group: group, startSeconds: begin)
        }
    }

    /// One clip per known call box (several across a call longer than a clip).
    func callClips<R: RandomNumberGenerator>(
        recording: String, annotations: [Annotation], image: FeatureImage, group: String, random: Bool,
        using generator: inout R
    ) -> [Example] {
        let spf = image.secondsPerFrame
        let clip = Double(clipFrames(secondsPerFrame: spf)) * spf
        let duration = Double(image.frames) * spf
        var result: [Example] = []
        for box in annotations where !box.isWholeRecording {
            guard let index = classIndex(box.label), let start = box.start, let boxEnd = box.end else { continue }
            let end = max(boxEnd, start)
            var starts: [Double] = []
            if end - start > clip {
                var s = start
                while s + clip <= end + 1e-9 {
                    starts.append(s)
                    s += config.hopSeconds
                }
            } else if random {
                // Any start that keeps min_overlap of the call inside the clip.
                let need = config.minOverlap * (end - start)
                let lowest = max(0, start + need - clip)
                let highest = max(lowest, min(end - need, duration - clip))
                starts.append(Double.random(in: lowest...highest, using: &generator))
            } else {
                starts.append((start + end) / 2 - clip / 2)
            }
            for s in starts {
                var example = clipExample(at: s, main: index, recording: recording, image: image, group: group)
                if config.multiLabel {
                    let others = annotations.filter { overlaps($0, clipStart: example.startSeconds, clipSeconds: clip) }
                        .compactMap { classIndex($0.label) }
                    example.targets = targets(main: index, others: others)
                }
                if config.band { example.features = Self.keepBand(example.features, of: box) }
                result.append(example)
            }
        }
        return result
    }

    /// `negatives_per_recording` background clips at random starts touching no box (rejection
    /// sampling; gives up quietly on crowded recordings).
    func backgroundExamples<R: RandomNumberGenerator>(
        recording: String, annotations: [Annotation], image: FeatureImage, group: String, using generator: inout R
    ) -> [Example] {
        guard let background = backgroundIndex, image.frames > 0 else { return [] }
        let spf = image.secondsPerFrame
        let clip = Double(clipFrames(secondsPerFrame: spf)) * spf
        let duration = Double(image.frames) * spf
        var result: [Example] = []
        var attempts = 0
        while result.count < config.negativesPerRecording && attempts < 50 * max(1, config.negativesPerRecording) {
            attempts += 1
            let s = image.startSeconds + Double.random(in: 0...max(0, duration - clip), using: &generator)
            let touched = annotations.contains { a in
                guard let start = a.start, let end = a.end else { return false }
                return start < s + clip && end > s
            }
            if !touched { result.append(clipExample(at: s, main: background, recording: recording, image: image, group: group)) }
        }
        return result
    }

    /// The clip starting nearest `seconds` on the frame grid (kept inside the image), one-hot.
    func clipExample(at seconds: Double, main: Int, recording: String, image: FeatureImage, group: String) -> Example {
        let width = clipFrames(secondsPerFrame: image.secondsPerFrame)
        let frame = Int(((seconds - image.startSeconds) / image.secondsPerFrame).rounded())
        let start = min(max(0, frame), max(0, image.frames - width))
        return Example(
            features: Self.cut(image, start: start, frames: width), classIndex: main,
            targets: targets(main: main, others: []), recording: recording, group: group,
            startSeconds: image.startSeconds + Double(start) * image.secondsPerFrame)
    }

    /// One-hot of `main`, plus `others` with `multi_label`.
    func targets(main: Int, others: [Int]) -> [Float] {
        var targets = [Float](repeating: 0, count: classes.count)
        targets[main] = 1
        if config.multiLabel { for i in others { targets[i] = 1 } }
        return targets
    }

    /// Whether annotation `a` counts as calling in the clip starting at `clipStart` (a weak
    /// label always does).
    func overlaps(_ a: Annotation, clipStart: Double, clipSeconds: Double) -> Bool {
        guard let start = a.start, let end = a.end else { return true }
        let overlap = min(end, clipStart + clipSeconds) - max(start, clipStart)
        let shorter = min(end - start, clipSeconds)
        return overlap > 0 && overlap >= config.minOverlap * shorter - 1e-9
    }

    /// `frames` frames from `start`, padded with the image's minimum (silence) past its end,
    /// and before its beginning when `start` is negative.
    public static func cut(_ image: FeatureImage, start: Int, frames: Int) -> FeatureImage {
        if start < 0 {
            let lead = min(-start, frames)
            let floor = image.values.min() ?? 0
            let rest = cut(image, start: 0, frames: frames - lead)
            return FeatureImage(
                bins: image.bins, frames: frames,
                values: [Float](repeating: floor, count: lead * image.bins) + rest.values,
                secondsPerFrame: image.secondsPerFrame, startSeconds: image.startSeconds + Double(start) * image.secondsPerFrame,
                binFrequencies: image.binFrequencies)
        }
        let end = min(start + frames, image.frames)
        var window = image.frames(start..<end)
        if window.frames < frames {
            let floor = image.values.min() ?? 0
            window.values += [Float](repeating: floor, count: (frames - window.frames) * image.bins)
            window.frames = frames
        }
        return window
    }

    /// `image` with bins outside the annotation's band set to its minimum (unchanged without one).
    static func keepBand(_ image: FeatureImage, of box: Annotation) -> FeatureImage {
        guard let low = box.lowHz, let high = box.highHz else { return image }
        let floor = image.values.min() ?? 0
        var out = image
        for f in 0..<image.bins where image.binFrequencies[f] < Float(low) || image.binFrequencies[f] > Float(high) {
            for t in 0..<image.frames { out[t, f] = floor }
        }
        return out
    }
}
