/// Finds what would silently spoil training: boxes that end before they start or run past the
/// recording's end, labels outside the class list, label files or rows without recordings,
/// and recordings nobody labelled. Returns the list; it never stops at the first.
public enum DatasetCheck {
    /// How far past the recording's end a box may run before it is reported, in seconds.
    /// MP3 and Ogg decoders disagree on priming and padding by up to a few thousand samples
    /// (≈ 0.05 s at 44.1 kHz), and Raven rounds times; real boxes drawn to the end of a file
    /// land within this of the decoded duration.
    public static let durationTolerance = 0.1
    /// Longest label text taken as a class name; longer is a pasted note or a damaged file.
    public static let maximumLabelLength = 200
    /// The kinds that concern one annotation (what `dataset summary` still counts).
    public static let annotationKinds: Set<DatasetIssue.Kind> = [
        .endBeforeStart, .beyondDuration, .unknownLabel, .emptyLabel, .labelTooLong,
    ]

    /// All problems in `set`: the loader's, then per annotation, then per recording.
    ///
    /// - Parameters:
    ///   - classes: the known class list; nil skips the unknown-label check.
    ///   - duration: a recording's length in seconds (throws when unreadable).
    public static func run(_ set: AnnotationSet, classes: [String]?, duration: (String) throws -> Double) -> [DatasetIssue] {
        var issues = set.problems
        var durations: [String: Double] = [:]
        for recording in set.recordings {
            do {
                durations[recording] = try duration(recording)
            } catch {
                issues.append(DatasetIssue(location: recording, kind: .unreadableRecording, message: "\(error)"))
            }
        }
        let known = classes.map(Set.init)
        for a in set.annotations {
            let location = a.source.isEmpty ? a.file : a.source
            if let start = a.start, let end = a.end {
                if end < start {
                    issues.append(DatasetIssue(
                        location: location, kind: .endBeforeStart,
                        message: "ends at \(NumberText.seconds(end)) s, before its start \(NumberText.seconds(start)) s"))
                } else if start < 0 {
                    issues.append(DatasetIssue(
                        location: location, kind: .beyondDuration, message: "starts before 0 s (\(NumberText.seconds(start)))"))
                }
                if let length = durations[a.file], end > length + durationTolerance {
                    issues.append(DatasetIssue(
                        location: location, kind: .beyondDuration,
                        message: "ends at \(NumberText.seconds(end)) s, after the recording's end (\(NumberText.seconds(length)) s)"))
                }
            }
            if a.label.isEmpty {
                issues.append(DatasetIssue(
                    location: location, kind: .emptyLabel, message: "no label text; give the class or remove the box"))
            } else if a.label.count > maximumLabelLength {
                issues.append(DatasetIssue(
                    location: location, kind: .labelTooLong,
                    message: "label is \(a.label.count) characters long (at most \(maximumLabelLength) expected); "
                        + "give the class name only"))
            }
            if let known, !known.contains(a.label) {
                issues.append(DatasetIssue(
                    location: location, kind: .unknownLabel,
                    message: "label '\(a.label.prefix(60))' is not a configured class; add an alias or add it to the classes"))
            }
        }
        let labelled = Set(set.annotations.map(\.file)).union(set.labelledRecordings)
        for recording in set.recordings where !labelled.contains(recording) {
            issues.append(DatasetIssue(
                location: recording, kind: .recordingWithoutLabels, message: "no label file or row names this recording"))
        }
        return issues
    }

    /// The issues as an aligned text table (`location  kind  message`).
    public static func table(_ issues: [DatasetIssue]) -> String {
        let rows = [["location", "kind", "message"]] + issues.map { [$0.location, $0.kind.rawValue, $0.message] }
        let widths = (0..<2).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row[0].padding(toLength: widths[0], withPad: " ", startingAt: 0) + "  "
                + row[1].padding(toLength: widths[1], withPad: " ", startingAt: 0) + "  " + row[2]
        }.joined(separator: "\n") + "\n"
    }
}
