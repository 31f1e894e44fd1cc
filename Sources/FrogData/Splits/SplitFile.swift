import Foundation

/// `split.csv` (`recording,group,split`): which part each recording went to, so a run can be
/// reproduced and an evaluation can pick its test recordings.
public struct SplitFile: Equatable, Sendable {
    /// One recording's row.
    public struct Row: Equatable, Sendable {
        public var recording: String
        public var group: String
        public var split: SplitName

        public init(recording: String, group: String, split: SplitName) {
            self.recording = recording
            self.group = group
            self.split = split
        }
    }

    public var rows: [Row]

    public init(rows: [Row]) { self.rows = rows }

    /// The split of each recording.
    public var splitByRecording: [String: SplitName] {
        Dictionary(rows.map { ($0.recording, $0.split) }, uniquingKeysWith: { first, _ in first })
    }

    /// Writes the file atomically, recordings relative to `relativeTo` when under it.
    public func write(to path: String, relativeTo folder: String? = nil) throws {
        let prefix = folder.map { URL(fileURLWithPath: $0).standardizedFileURL.path + "/" }
        var text = CSVRecords.line(["recording", "group", "split"])
        for row in rows {
            var recording = row.recording
            if let prefix, recording.hasPrefix(prefix) { recording = String(recording.dropFirst(prefix.count)) }
            text += CSVRecords.line([recording, row.group, row.split.rawValue])
        }
        try AtomicFile.write(text, to: path)
    }

    /// Reads a split file; relative recordings are resolved against `relativeTo`.
    public static func read(path: String, relativeTo folder: String? = nil) throws -> SplitFile {
        let records = try CSVRecords.parse(try TextFile.read(path: path), source: path)
        guard let header = records.first?.fields.map({ $0.lowercased() }),
            let recordingColumn = header.firstIndex(of: "recording"), let splitColumn = header.firstIndex(of: "split")
        else {
            throw FrogDataError.malformed(location: "\(path):1", message: "expected a 'recording,group,split' header")
        }
        let groupColumn = header.firstIndex(of: "group")
        let base = folder.map { URL(fileURLWithPath: $0) }
        return SplitFile(rows: try records.dropFirst().map { record in
            let fields = record.fields + Array(repeating: "", count: max(0, header.count - record.fields.count))
            guard let split = SplitName(rawValue: fields[splitColumn].trimmingCharacters(in: .whitespaces)) else {
                throw FrogDataError.malformed(
                    location: "\(path):\(record.line)",
                    message: "split '\(fields[splitColumn])' is not one of train, validation, test")
            }
            var recording = fields[recordingColumn]
            if let base, !recording.hasPrefix("/") {
                recording = base.appendingPathComponent(recording).standardizedFileURL.path
            }
            return Row(recording: recording, group: groupColumn.map { fields[$0] } ?? "", split: split)
        })
    }
}
