import Foundation
import FrogConfig
import FrogData
import FrogDSP
import FrogReview

extension DatasetBuilder {
    /// The windows of `data.reviews` (`ReviewLabels`), per reviewed recording with the split
    /// they join: a recording that is also labelled keeps its split (so a test recording's
    /// reviewed calls never train), any other trains. Training windows get the time-crop margin
    /// like every other training window. The log gets the counts per table.
    static func reviewWindows(
        config: RunConfig, loaded: Loaded, parts: [String: SplitName], source: RecordingFeatures, log: (String) -> Void
    ) throws -> [(recording: String, split: SplitName, windows: [Example])] {
        guard !config.data.reviews.isEmpty else { return [] }
        for table in config.data.reviews where !FileManager.default.fileExists(atPath: table) {
            throw ConfigError.missingData(path: table, hint: "data.reviews lists tables written by `frogscan review sample`")
        }
        let labels = try ReviewLabels.load(
            tables: config.data.reviews, classes: loaded.classes, background: config.clips.backgroundLabel,
            aliases: config.data.aliases)
        // A labelled recording may be named differently (relative vs absolute): match on the
        // absolute path.
        var labelled: [String: String] = [:]
        for recording in loaded.windows.keys { labelled[absolute(recording)] = recording }
        let margin = config.timeCropMarginFrames
        var result: [(recording: String, split: SplitName, windows: [Example])] = []
        var total = 0
        for named in labels.recordings {
            let recording = labelled[absolute(named)] ?? named
            let split = parts[recording] ?? .train
            let image = try source.image(of: recording)
            var windows = labels.examples(
                recording: named, image: image, clips: config.clips, classes: loaded.classes,
                group: loaded.groups[recording] ?? "review:\(recording)")
            for i in windows.indices { windows[i].recording = recording }
            if split == .train, margin > 0 { windows = windows.map { widened($0, image: image, margin: margin) } }
            total += windows.count
            result.append((recording, split, windows))
        }
        log(labels.report + "\n  → \(total) windows from \(result.count) recording(s)")
        return result
    }

    private static func absolute(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }
}
