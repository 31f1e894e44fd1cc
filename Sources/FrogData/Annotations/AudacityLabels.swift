import Foundation

/// One label of an Audacity label track: a time span, its text and an optional frequency range
/// (Audacity's spectral selection).
public struct AudacityLabel: Equatable, Sendable {
    public var startSeconds: Double
    public var endSeconds: Double
    public var label: String
    public var lowHz: Double?
    public var highHz: Double?

    public init(startSeconds: Double, endSeconds: Double, label: String, lowHz: Double? = nil, highHz: Double? = nil) {
        self.startSeconds = startSeconds
        self.endSeconds = endSeconds
        self.label = label
        self.lowHz = lowHz
        self.highHz = highHz
    }
}

/// Audacity label files (`Export Labels`): lines `start<TAB>end<TAB>label`, each optionally
/// followed by a frequency line `\<TAB>low<TAB>high` that belongs to the label above it.
public enum AudacityLabels {
    /// True when `firstLine` looks like an Audacity label line: tab-separated, starting with a
    /// number (the end time is not required to parse, so a typo there is reported, not skipped).
    public static func looksLikeLabelLine(_ firstLine: String) -> Bool {
        let fields = firstLine.components(separatedBy: "\t")
        return fields.count >= 2 && NumberText.parse(fields[0]) != nil
    }

    /// The labels in the file at `path`, with the line each starts on.
    public static func readLabels(path: String) throws -> [(label: AudacityLabel, line: Int)] {
        var result: [(label: AudacityLabel, line: Int)] = []
        for (offset, text) in TextFile.lines(try TextFile.read(path: path)).enumerated() {
            let location = "\(path):\(offset + 1)"
            if text.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            let fields = text.components(separatedBy: "\t")
            if fields[0] == "\\" {
                guard !result.isEmpty else {
                    throw FrogDataError.malformed(location: location, message: "frequency line before any label")
                }
                guard fields.count >= 3 else {
                    throw FrogDataError.malformed(location: location, message: "frequency line needs '\\<TAB>low<TAB>high'")
                }
                let low = try NumberText.require(fields[1], column: "low frequency", location: location)
                let high = try NumberText.require(fields[2], column: "high frequency", location: location)
                // Audacity writes -1 for an open end of the range; anything else must be ordered.
                if low > high && high >= 0 {
                    throw FrogDataError.malformed(
                        location: location,
                        message: "frequency line has low \(NumberText.hertz(low)) Hz above high \(NumberText.hertz(high)) Hz; swap them")
                }
                result[result.count - 1].label.lowHz = low
                result[result.count - 1].label.highHz = high
                continue
            }
            guard fields.count >= 2 else {
                throw FrogDataError.malformed(location: location, message: "expected 'start<TAB>end<TAB>label'")
            }
            let start = try NumberText.require(fields[0], column: "start", location: location)
            let end = try NumberText.require(fields[1], column: "end", location: location)
            // Labels may themselves contain tabs only if exported by hand; keep them whole.
            let label = fields.count > 2 ? fields[2...].joined(separator: "\t") : ""
            result.append((AudacityLabel(startSeconds: start, endSeconds: end, label: label), offset + 1))
        }
        return result
    }

    /// The file's labels as annotations of `recording`.
    public static func read(path: String, recording: String) throws -> [Annotation] {
        try readLabels(path: path).map { item in
            let l = item.label
            let hasBand = (l.highHz ?? 0) > (l.lowHz ?? 0)
            return Annotation(
                file: recording, start: l.startSeconds, end: l.endSeconds,
                label: l.label.trimmingCharacters(in: .whitespaces),
                lowHz: hasBand ? l.lowHz : nil, highHz: hasBand ? l.highHz : nil,
                source: "\(path):\(item.line)")
        }
    }

    /// Writes `labels` as an Audacity label file (frequency lines where a range is set),
    /// replacing the file atomically.
    public static func write(_ labels: [AudacityLabel], to path: String) throws {
        var text = ""
        for l in labels {
            let label = l.label.replacingOccurrences(of: "\t", with: " ").replacingOccurrences(of: "\n", with: " ")
                .replacingOccurrences(of: "\r", with: " ")
            text += "\(NumberText.seconds(l.startSeconds))\t\(NumberText.seconds(l.endSeconds))\t\(label)\n"
            if let low = l.lowHz, let high = l.highHz {
                text += "\\\t\(NumberText.seconds(low))\t\(NumberText.seconds(high))\n"
            }
        }
        try AtomicFile.write(text, to: path)
    }
}
