import Foundation
import FrogAudio
import FrogDetect
import FrogDSP
import FrogImage

/// `frogscan review sample`: draws the stratified sample and writes what a person needs to
/// verify it, into one folder:
///
/// - `review.selections.txt`: the review table (`ReviewTable`), with an empty `Verdict` column;
/// - `clips/NNN_<species>_<recording>_<start>s.wav`: the detection with `contextSeconds` either
///   side, at the recording's own rate, from the detection's channel (every channel for a mix);
/// - `clips/….png`: its spectrogram with the detection's box (`SnippetWriter`);
/// - `errors.csv`: recordings that could not be read (their items are left out, the rest is
///   written).
///
/// Every file is written atomically (temporary file + rename).
public struct ReviewSample {
    public var sampler: ReviewSampler
    /// Audio kept before and after each detection in its clip and picture.
    public var contextSeconds = 2.0
    /// Preprocessing of the spectrogram pictures (the defaults suit frog calls up to 11 kHz).
    public var features = FeatureConfig()

    public init(sampler: ReviewSampler) {
        self.sampler = sampler
    }

    /// What was written.
    public struct Outcome {
        public var table: URL
        public var entries: [ReviewTable.Entry]
        public var cells: [ReviewSampler.CellCount]
        public var failures: [RecordingFailure]
        public var errorsFile: URL
    }

    public static let tableName = "review.selections.txt"

    /// Samples `candidates` and writes the table, clips and pictures into `folder`.
    public func run(candidates: [ReviewCandidate], to folder: URL) throws -> Outcome {
        let (items, cells) = sampler.sample(candidates)
        var infos: [String: AudioFileInfo] = [:]
        var failures: [String: String] = [:]
        for file in Set(items.map(\.candidate.record.detection.file)).sorted() {
            do { infos[file] = try AudioFile.info(path: file) } catch { failures[file] = "\(error)" }
        }
        let clips = folder.appendingPathComponent("clips")
        try FileManager.default.createDirectory(at: clips, withIntermediateDirectories: true)
        var snippets = SnippetWriter(config: features, bands: FrequencyBands(config: features))
        snippets.contextSeconds = contextSeconds
        var entries: [ReviewTable.Entry] = []
        // Items keep their number in the sample (selection number and file prefix), so an item
        // left out leaves a gap rather than renumbering the rest.
        for (index, item) in items.enumerated() {
            let d = item.candidate.record.detection
            guard let info = infos[d.file], failures[d.file] == nil else { continue }
            let stem = String(
                format: "%03d_%@_%@_%.2fs", index + 1, Self.safeName(d.species),
                URL(fileURLWithPath: d.file).deletingPathExtension().lastPathComponent, d.start)
            do {
                let clipStart = try writeClip(d, info: info, to: clips.appendingPathComponent(stem + ".wav"))
                try PNGEncoder.write(try snippets.render(d), to: clips.appendingPathComponent(stem + ".png").path)
                entries.append(ReviewTable.Entry(
                    number: index + 1, item: item, binLabel: sampler.bins.label(item.cell.bin), clip: "clips/\(stem).wav",
                    image: "clips/\(stem).png", clipOffset: d.start - clipStart))
            } catch {
                // A recording whose header reads but whose audio does not: report it, keep going.
                failures[d.file] = failures[d.file] ?? "\(error)"
                for entry in entries where entry.item.candidate.record.detection.file == d.file {
                    for name in [entry.clip, entry.image] { try? FileManager.default.removeItem(at: folder.appendingPathComponent(name)) }
                }
                for name in [stem + ".wav", stem + ".png"] { try? FileManager.default.removeItem(at: clips.appendingPathComponent(name)) }
                entries.removeAll { $0.item.candidate.record.detection.file == d.file }
            }
        }
        let table = folder.appendingPathComponent(Self.tableName)
        try ReviewTable.write(ReviewTable.selections(entries, infos: infos), to: table)
        let failed = failures.keys.sorted().map { RecordingFailure(file: $0, error: failures[$0]!) }
        let errors = folder.appendingPathComponent("errors.csv")
        try ErrorsCSV.write(failed, to: errors)
        return Outcome(table: table, entries: entries, cells: cells, failures: failed, errorsFile: errors)
    }

    /// Writes the detection with context at the file's rate; returns where the clip starts.
    func writeClip(_ d: Detection, info: AudioFileInfo, to url: URL) throws -> Double {
        let start = max(0, d.start - contextSeconds)
        let end = min(info.duration, d.end + contextSeconds)
        let selection: ChannelSelection = d.channel.map { .channel($0 - 1) } ?? .all
        let reader = try AudioReader(path: d.file, targetRate: nil, channels: selection)
        try reader.seek(toSeconds: start, until: end)
        var channels = Array(repeating: [Float](), count: reader.outputChannels)
        while let block = try reader.nextBlock() {
            for c in channels.indices { channels[c] += block[c] }
        }
        guard let first = channels.first, !first.isEmpty else { throw AudioError.empty(d.file) }
        try AudioWriter.write(channels, sampleRate: reader.outputRate, to: url.path, format: .wav16)
        return start
    }

    /// Species names in file names: path separators and spaces replaced.
    static func safeName(_ text: String) -> String {
        String(text.map { $0 == "/" || $0 == " " || $0 == "\\" ? "_" : $0 })
    }
}
