import FrogData
import FrogDSP

/// Cuts a recording's feature image into fixed-length windows and labels them: whole-recording
/// (weak) labels label every window; call boxes label the windows they cover enough of.
struct Windowing {
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
