import Foundation
import FrogData
import FrogDSP

/// `data.reviews`: filled-in review tables as training labels.
///
/// - `yes` (or the item's own species): a strongly labelled call of that species at the item's
///   times, in its recording;
/// - another class name: the same, relabelled to that class;
/// - `no` (or the background label itself): a hard negative — background windows from those
///   times, the user's own site's false alarms;
/// - `unsure` and empty: ignored.
///
/// Each labelled item gives the windows `ClipExtractor` gives a call box with centred
/// placement: one clip centred on it, or, for an item longer than a clip, clips across it every
/// `hop_seconds`. Nothing else of a reviewed recording is used: the rest of it was not checked.
public struct ReviewLabels: Equatable, Sendable {
    /// One usable item.
    public struct Item: Equatable, Sendable {
        public enum Kind: Equatable, Sendable { case confirmed, relabelled, negative }
        /// The recording as the table names it (`Begin Path`).
        public var recording: String
        public var start: Double
        public var end: Double
        /// The class its windows become.
        public var label: String
        public var kind: Kind
        /// `table:line`.
        public var location: String
    }

    /// Items per kind from one table.
    public struct Counts: Equatable, Sendable {
        public var confirmed = 0
        public var relabelled = 0
        public var negative = 0
        public var ignored = 0
    }

    public var items: [Item]
    /// Per table, in the order given.
    public var counts: [(table: String, counts: Counts)]

    public static func == (a: ReviewLabels, b: ReviewLabels) -> Bool {
        a.items == b.items && a.counts.map { $0.table } == b.counts.map { $0.table } && a.counts.map { $0.counts } == b.counts.map { $0.counts }
    }

    /// Reads `tables`. Verdicts must be yes / no / unsure / empty or one of `classes` (after
    /// `aliases`); a confirmed item of a species outside `classes` is an error naming its line.
    /// `background` is the class of `no` items ("" when there is none: then a `no` is an error).
    public static func load(
        tables: [String], classes: [String], background: String, aliases: [String: String] = [:]
    ) throws -> ReviewLabels {
        var items: [Item] = []
        var counts: [(table: String, counts: Counts)] = []
        for table in tables {
            var tally = Counts()
            for row in try ReviewTable.read(paths: [table], classes: classes, aliases: aliases, requireKnownSpecies: false) {
                var kind = Item.Kind.negative
                var label = background
                switch row.verdict {
                case .notReviewed, .unsure:
                    tally.ignored += 1
                    continue
                case .species(let name) where name != background:
                    kind = .relabelled
                    label = name
                case .no, .species:
                    guard !background.isEmpty else {
                        throw ReviewError.malformed(
                            location: row.location,
                            message: "a 'no' verdict is a background example, but clips.background_label is empty")
                    }
                case .yes:
                    guard classes.contains(row.species), row.species != background else {
                        throw ReviewError.unknownSpecies(location: row.location, species: row.species, classes: classes)
                    }
                    kind = .confirmed
                    label = row.species
                }
                switch kind {
                case .confirmed: tally.confirmed += 1
                case .relabelled: tally.relabelled += 1
                case .negative: tally.negative += 1
                }
                items.append(Item(recording: row.file, start: row.start, end: max(row.end, row.start), label: label, kind: kind, location: row.location))
            }
            counts.append((table: table, counts: tally))
        }
        return ReviewLabels(items: items, counts: counts)
    }

    /// The recordings with usable items, sorted.
    public var recordings: [String] { Array(Set(items.map(\.recording))).sorted() }

    /// The training log's lines: counts per table.
    public var report: String {
        (["reviews (data.reviews): yes / relabelled / no / ignored per table"] + counts.map { table, c in
            "  \(table): \(c.confirmed) yes, \(c.relabelled) relabelled, \(c.negative) no, \(c.ignored) ignored"
        }).joined(separator: "\n")
    }

    /// The windows of `recording`'s items, cut from its whole-recording features `image`.
    public func examples(
        recording: String, image: FeatureImage, clips: ClipConfig, classes: [String], group: String
    ) -> [Example] {
        let spf = image.secondsPerFrame
        let width = clips.frames(secondsPerFrame: spf)
        let clip = Double(width) * spf
        var result: [Example] = []
        for item in items where item.recording == recording {
            guard let index = classes.firstIndex(of: item.label) else { continue }
            var starts: [Double] = []
            if item.end - item.start > clip {
                var s = item.start
                while s + clip <= item.end + 1e-9 {
                    starts.append(s)
                    s += clips.hopSeconds
                }
            } else {
                starts.append((item.start + item.end) / 2 - clip / 2)
            }
            for s in starts {
                // The clip starting nearest `s` on the frame grid, kept inside the recording.
                let frame = Int(((s - image.startSeconds) / spf).rounded())
                let first = min(max(0, frame), max(0, image.frames - width))
                var targets = [Float](repeating: 0, count: classes.count)
                targets[index] = 1
                result.append(Example(
                    features: ClipExtractor.cut(image, start: first, frames: width), classIndex: index, targets: targets,
                    recording: recording, group: group, startSeconds: image.startSeconds + Double(first) * spf))
            }
        }
        return result
    }
}
