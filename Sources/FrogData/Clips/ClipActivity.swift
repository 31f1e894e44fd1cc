import FrogDSP

/// How far each window of a recording rises above that recording's background, to find the
/// calls in a weakly labelled recording (BirdNET picked the signal segments of its weakly
/// labelled xeno-canto training files with a detector of this kind).
///
/// The background of each frequency bin is the recording's median level in that bin; a window's
/// score is the mean of its loudest 1 % of cells above that background (in the features' unit,
/// dB for the default features). A call a few bins wide and a few frames long fills that 1 %,
/// where a mean over the whole window would dilute it.
public enum ClipActivity {
    /// Per-bin median over all frames of `image`.
    public static func background(of image: FeatureImage) -> [Float] {
        guard image.frames > 0 else { return [Float](repeating: 0, count: image.bins) }
        var column = [Float](repeating: 0, count: image.frames)
        return (0..<image.bins).map { f in
            for t in 0..<image.frames { column[t] = image[t, f] }
            column.sort()
            return column[image.frames / 2]
        }
    }

    /// The score of the window of `frames` frames from `start` (frames past the image's end are
    /// left out).
    public static func score(_ image: FeatureImage, start: Int, frames: Int, background: [Float]) -> Float {
        let from = max(start, 0), to = min(start + frames, image.frames)
        guard to > from else { return 0 }
        var excess: [Float] = []
        excess.reserveCapacity((to - from) * image.bins)
        for t in from..<to {
            for f in 0..<image.bins { excess.append(image[t, f] - background[f]) }
        }
        let top = max(1, excess.count / 100)
        excess.sort(by: >)
        return excess[0..<top].reduce(0, +) / Float(top)
    }

    /// The `fraction` (rounded up, at least one) of `starts` whose windows score highest, in
    /// their original order; ties keep the earlier window.
    public static func mostActive(_ starts: [Int], in image: FeatureImage, frames: Int, fraction: Double) -> [Int] {
        guard fraction < 1, starts.count > 1 else { return starts }
        let keep = max(1, Int((fraction * Double(starts.count)).rounded(.up)))
        let background = background(of: image)
        let scores = starts.map { score(image, start: $0, frames: frames, background: background) }
        let chosen = starts.indices.sorted { scores[$0] != scores[$1] ? scores[$0] > scores[$1] : $0 < $1 }.prefix(keep)
        return chosen.sorted().map { starts[$0] }
    }
}
