import FrogDSP

/// Cuts a recording's feature image into labelled fixed-length clips (`Example`s).
///
/// - Boxed calls: a clip centred on each call (or, in training with `centered: false`, placed at
///   a seeded random offset that still overlaps the call by `min_overlap`); calls longer than a
///   clip get sliding clips across them every `hop_seconds`.
/// - Whole-recording (weak) labels: sliding clips over the whole file, each labelled with the
///   recording's labels.
/// - Negatives: with a `noise_class` in the class list, `negatives_per_recording` clips drawn
///   from stretches no box touches (only in recordings with boxes, or labelled empty: a weak
///   label says nothing about where the calls are not).
/// - A recording shorter than a clip is padded at the end with the image's minimum, i.e. the
///   features of silence (callers padding the audio with zeros get the same frames).
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

    /// Frames per clip: what `center = true` STFT gives for `clip_seconds` of audio (as librosa:
    /// `1 + floor(samples / hop)`).
    public func clipFrames(secondsPerFrame: Double) -> Int {
        Int((config.clipSeconds / secondsPerFrame + 1e-9).rounded(.down)) + 1
    }

    /// The examples of one recording.
    ///
    /// - Parameters:
    ///   - image: the whole recording's features (frame 0 at time 0).
    ///   - training: enables random placement (`centered: false`).
    public func examples<R: RandomNumberGenerator>(
        recording: String, annotations: [Annotation], image: FeatureImage, training: Bool, using random: inout R
    ) -> [Example] {
        let spf = image.secondsPerFrame
        let width = clipFrames(secondsPerFrame: spf)
        let padded = Self.padded(image, toFrames: width)
        let duration = Double(image.frames) * spf
        let clip = config.clipSeconds
        let known = annotations.filter { classes.contains($0.label) }
        let boxes = known.filter { !$0.isWholeRecording }
        let weak = known.filter(\.isWholeRecording)
        let group = annotations.first.map { AnnotationSet.group(of: $0, column: groupColumn) }
            ?? AnnotationSet.group(of: Annotation(file: recording, start: nil, end: nil, label: ""), column: nil)
        var result: [Example] = []

        func make(startSeconds: Double, main: Int, band: Annotation?) -> Example {
            let startFrame = min(max(0, Int((startSeconds / spf).rounded())), padded.frames - width)
            var features = padded.frames(startFrame..<(startFrame + width))
            if config.band, let band, let low = band.lowHz, let high = band.highHz {
                features = Self.keepBand(features, lowHz: Float(low), highHz: Float(high))
            }
            let clipStart = Double(startFrame) * spf
            var targets = [Float](repeating: 0, count: classes.count)
            targets[main] = 1
            if config.multiLabel {
                for a in boxes where overlaps(a, clipStart: clipStart) { targets[classes.firstIndex(of: a.label)!] = 1 }
                for a in weak { targets[classes.firstIndex(of: a.label)!] = 1 }
            }
            return Example(features: features, classIndex: main, targets: targets, recording: recording, group: group, startSeconds: clipStart)
        }

        for a in boxes {
            let start = a.start!
            let end = max(a.end!, start)
            let index = classes.firstIndex(of: a.label)!
            if end - start > clip {
                var s = start
                while s + clip <= end + 1e-9 {
                    result.append(make(startSeconds: s, main: index, band: a))
                    s += config.hopSeconds
                }
            } else if training && !config.centered {
                // Any start that keeps min_overlap of the call inside the clip.
                let need = config.minOverlap * (end - start)
                let lowest = max(0, start + need - clip)
                let highest = max(lowest, min(end - need, duration - clip))
                result.append(make(startSeconds: Double.random(in: lowest...highest, using: &random), main: index, band: a))
            } else {
                result.append(make(startSeconds: (start + end) / 2 - clip / 2, main: index, band: a))
            }
        }

        if let first = weak.first {
            let index = classes.firstIndex(of: first.label)!
            var s = 0.0
            repeat {
                result.append(make(startSeconds: s, main: index, band: nil))
                s += config.hopSeconds
            } while s + clip <= duration + 1e-9
        }

        if let noise = config.noiseClass, let noiseIndex = classes.firstIndex(of: noise), weak.isEmpty, duration > 0 {
            // Rejection sampling of starts touching no box; gives up quietly on crowded files.
            var made = 0
            var attempts = 0
            while made < config.negativesPerRecording && attempts < 50 * max(1, config.negativesPerRecording) {
                attempts += 1
                let s = Double.random(in: 0...max(0, duration - clip), using: &random)
                if annotations.contains(where: { !$0.isWholeRecording && $0.start! < s + clip && $0.end! > s }) { continue }
                var example = make(startSeconds: s, main: noiseIndex, band: nil)
                example.targets = [Float](repeating: 0, count: classes.count)
                example.targets[noiseIndex] = 1
                result.append(example)
                made += 1
            }
        }
        return result
    }

    /// Whether box `a` counts as calling in the clip starting at `clipStart`.
    func overlaps(_ a: Annotation, clipStart: Double) -> Bool {
        guard let start = a.start, let end = a.end else { return false }
        let overlap = min(end, clipStart + config.clipSeconds) - max(start, clipStart)
        let shorter = min(end - start, config.clipSeconds)
        return overlap > 0 && overlap >= config.minOverlap * shorter - 1e-9
    }

    /// `image` with frames appended (its minimum value) up to `frames`.
    static func padded(_ image: FeatureImage, toFrames frames: Int) -> FeatureImage {
        guard image.frames < frames else { return image }
        let floor = image.values.min() ?? 0
        return FeatureImage(
            bins: image.bins, frames: frames,
            values: image.values + [Float](repeating: floor, count: (frames - image.frames) * image.bins),
            secondsPerFrame: image.secondsPerFrame, startSeconds: image.startSeconds, binFrequencies: image.binFrequencies)
    }

    /// Bins whose centre frequency is outside [low, high] set to the clip's minimum.
    static func keepBand(_ image: FeatureImage, lowHz: Float, highHz: Float) -> FeatureImage {
        let floor = image.values.min() ?? 0
        var out = image
        for f in 0..<image.bins where image.binFrequencies[f] < lowHz || image.binFrequencies[f] > highHz {
            for t in 0..<image.frames { out[t, f] = floor }
        }
        return out
    }
}
