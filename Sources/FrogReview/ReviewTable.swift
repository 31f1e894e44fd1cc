import Foundation
import FrogAudio
import FrogData
import FrogDetect

/// The review table: one Raven Pro selection table of the sampled detections, with an empty
/// `Verdict` column for the person checking them.
///
/// Rows follow `RavenOutput`'s conventions (`Begin File`, `Begin Path`, `File Offset (s)`;
/// Begin/End Time count on over the sampled recordings in path order), so Raven opens the table
/// over the recordings, while `Clip`/`Image` name each item's WAV clip and spectrogram PNG
/// (relative to the table) for checking without Raven; `Clip Offset (s)` is where the
/// detection begins inside its clip.
public enum ReviewTable {
    /// Columns after Raven's standard ones, in order.
    public static let extraColumns = [
        "Begin File", "Begin Path", "File Offset (s)", "Verdict", "Species", "Confidence", "Bin", "Site", "Night",
        "Clip", "Image", "Clip Offset (s)", "Start Time", "Model ID",
    ]

    /// A sampled item with its files, as written into the table.
    public struct Entry: Equatable, Sendable {
        /// The item's number in the sample: its selection number and file-name prefix.
        public var number: Int
        public var item: ReviewSampler.Item
        public var binLabel: String
        /// Paths relative to the table's folder.
        public var clip: String
        public var image: String
        /// Where the detection starts inside the clip, seconds.
        public var clipOffset: Double
    }

    /// A row of a filled-in table.
    public struct Row: Equatable, Sendable {
        /// The recording (`Begin Path`).
        public var file: String
        /// Times in the recording (`File Offset (s)` and the selection's length).
        public var start: Double
        public var end: Double
        public var species: String
        public var confidence: Double?
        public var bin: String
        public var site: String
        public var night: String
        public var verdict: ReviewVerdict
        /// `table:line`, for messages.
        public var location: String
    }

    /// The selections of `entries`; `infos` holds every entry's recording header (its length
    /// places the recording in Raven's sequence, its rate bounds the frequency box).
    public static func selections(_ entries: [Entry], infos: [String: AudioFileInfo]) -> [RavenSelection] {
        var offsets: [String: Double] = [:]
        var total = 0.0
        for file in Set(entries.map(\.item.candidate.record.detection.file)).sorted() {
            offsets[file] = total
            total += infos[file]?.duration ?? 0
        }
        return entries.map { entry in
            let record = entry.item.candidate.record
            let d = record.detection
            let offset = offsets[d.file] ?? 0
            return RavenSelection(
                selection: entry.number, view: "Spectrogram 1", channel: d.channel ?? 1,
                beginSeconds: offset + d.start, endSeconds: offset + d.end, lowHz: 0,
                highHz: Double(infos[d.file]?.sampleRate ?? 0) / 2,
                values: [
                    "Begin File": URL(fileURLWithPath: d.file).lastPathComponent,
                    "Begin Path": d.file,
                    "File Offset (s)": String(format: "%.6f", d.start),
                    "Verdict": "",
                    "Species": d.species,
                    "Confidence": DetectionsCSV.score(d.confidence),
                    "Bin": entry.binLabel,
                    "Site": record.site ?? "",
                    "Night": entry.item.candidate.night ?? "",
                    "Clip": entry.clip,
                    "Image": entry.image,
                    "Clip Offset (s)": String(format: "%.3f", entry.clipOffset),
                    "Start Time": record.startTime ?? "",
                    "Model ID": record.modelID,
                ])
        }
    }

    /// Writes the table atomically.
    public static func write(_ selections: [RavenSelection], to url: URL) throws {
        try RavenTable.write(selections, extraColumns: extraColumns, to: url.path)
    }

    /// The rows of filled-in tables, read with FrogData's Raven reader (so Raven's own re-saves,
    /// with a Waveform view per selection, CRLF or a BOM, read the same). Verdicts are checked
    /// against `classes` (nil: the species named in the tables' `Species` columns); a verdict or
    /// species outside them is an error naming the table and line; with `requireKnownSpecies`
    /// false an unknown `Species` is kept as written (training decides what it means).
    public static func read(
        paths: [String], classes: [String]?, aliases: [String: String] = [:], requireKnownSpecies: Bool = true
    ) throws -> [Row] {
        var raw: [(path: String, row: RavenTable.Row)] = []
        for path in paths {
            let rows = try RavenTable.readSelections(path: path)
            for column in ["Verdict", "Species", "Begin Path", "File Offset (s)"] where rows.first.map({ $0.selection.values[column] == nil }) == true {
                throw ReviewError.missingColumn(path: path, column: column)
            }
            raw += rows.map { (path, $0) }
        }
        func speciesName(_ row: RavenTable.Row) -> String {
            let name = (row.selection.values["Species"] ?? "").trimmingCharacters(in: .whitespaces)
            return aliases[name] ?? name
        }
        let known = classes ?? Set(raw.map { speciesName($0.row) }).filter { !$0.isEmpty }.sorted()
        return try raw.map { path, row in
            let s = row.selection
            let location = "\(path):\(row.line)"
            let named = speciesName(row)
            let match = known.first { $0.caseInsensitiveCompare(named) == .orderedSame }
            if match == nil, requireKnownSpecies {
                throw ReviewError.unknownSpecies(location: location, species: named, classes: known)
            }
            let species = match ?? named
            guard let offset = Double((s.values["File Offset (s)"] ?? "").trimmingCharacters(in: .whitespaces)) else {
                throw ReviewError.malformed(location: location, message: "'File Offset (s)' is not a number")
            }
            var file = s.values["Begin Path"] ?? ""
            if file.isEmpty { file = s.values["Begin File"] ?? "" }
            return Row(
                file: file, start: offset, end: offset + (s.endSeconds - s.beginSeconds), species: species,
                confidence: s.values["Confidence"].flatMap { Double($0.trimmingCharacters(in: .whitespaces)) },
                bin: s.values["Bin"] ?? "", site: s.values["Site"] ?? "", night: s.values["Night"] ?? "",
                verdict: try ReviewVerdict.parse(
                    verdictText(s.values["Verdict"] ?? "", aliases: aliases), itemSpecies: species, classes: known,
                    location: location),
                location: location)
        }
    }

    /// The verdict with `aliases` applied (a verdict may use a raw label as the Species column does).
    private static func verdictText(_ text: String, aliases: [String: String]) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        return aliases[trimmed] ?? trimmed
    }
}
