import Foundation

/// Annotation CSV files: a header row, then `file,start_s,end_s,label[,low_hz,high_hz]` and any
/// extra columns (kept as attributes: site, group_id …), RFC 4180 quoting.
///
/// Empty `start_s`/`end_s` make a whole-recording (weak) label, as in the manifests of real
/// clip-level datasets. `file` is relative to the CSV's folder (absolute paths are kept). A CSV
/// without a `file` column belongs to one recording, named by the caller. `species` is accepted
/// as the label column's name too.
public enum AnnotationCSV {
    /// The columns this format defines; all others become attributes.
    public static let standardColumns = ["file", "start_s", "end_s", "label", "low_hz", "high_hz"]

    /// The header of the file at `path` (lower-cased, trimmed), or nil for an empty file.
    public static func header(path: String) throws -> [String]? {
        let records = try CSVRecords.parse(try TextFile.read(path: path), source: path)
        return records.first?.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
    }

    /// The annotations in the CSV at `path`.
    ///
    /// - Parameter recording: the recording for files without a `file` column.
    public static func read(path: String, recording: String? = nil) throws -> [Annotation] {
        let records = try CSVRecords.parse(try TextFile.read(path: path), source: path)
        guard let headerRecord = records.first else { return [] }
        let header = headerRecord.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        let lower = header.map { $0.lowercased() }
        func column(_ names: String...) -> Int? { names.lazy.compactMap { lower.firstIndex(of: $0) }.first }
        guard let labelColumn = column("label", "species") else {
            throw FrogDataError.malformed(location: "\(path):\(headerRecord.line)", message: "no 'label' column")
        }
        let fileColumn = column("file")
        if fileColumn == nil && recording == nil {
            throw FrogDataError.malformed(
                location: "\(path):\(headerRecord.line)",
                message: "no 'file' column, and the file name matches no recording")
        }
        let startColumn = column("start_s")
        let endColumn = column("end_s")
        let lowColumn = column("low_hz")
        let highColumn = column("high_hz")
        let used = Set([fileColumn, startColumn, endColumn, labelColumn, lowColumn, highColumn].compactMap { $0 })
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()

        return try records.dropFirst().map { record in
            let location = "\(path):\(record.line)"
            guard record.fields.count <= header.count else {
                throw FrogDataError.malformed(
                    location: location, message: "\(record.fields.count) fields but the header has \(header.count)")
            }
            let fields = record.fields + Array(repeating: "", count: header.count - record.fields.count)
            var file = recording ?? ""
            if let fileColumn {
                let name = fields[fileColumn].trimmingCharacters(in: .whitespaces)
                guard !name.isEmpty else { throw FrogDataError.malformed(location: location, message: "empty 'file'") }
                file = name.hasPrefix("/") ? name : folder.appendingPathComponent(name).standardizedFileURL.path
            }
            let start = try startColumn.flatMap { try NumberText.optional(fields[$0], column: "start_s", location: location) }
            let end = try endColumn.flatMap { try NumberText.optional(fields[$0], column: "end_s", location: location) }
            if (start == nil) != (end == nil) {
                throw FrogDataError.malformed(
                    location: location, message: "start_s and end_s must both be set, or both empty for a whole-recording label")
            }
            var attributes: [String: String] = [:]
            for (index, name) in header.enumerated() where !used.contains(index) && !name.isEmpty {
                attributes[name] = fields[index]
            }
            return Annotation(
                file: file, start: start, end: end,
                label: fields[labelColumn].trimmingCharacters(in: .whitespaces),
                lowHz: try lowColumn.flatMap { try NumberText.optional(fields[$0], column: "low_hz", location: location) },
                highHz: try highColumn.flatMap { try NumberText.optional(fields[$0], column: "high_hz", location: location) },
                channel: nil, attributes: attributes, source: location)
        }
    }

    /// Writes `annotations` with the standard columns then `extraColumns` (from attributes).
    /// Paths under `relativeTo` are written relative to it, so the CSV can move with its audio.
    public static func write(
        _ annotations: [Annotation], extraColumns: [String] = [], relativeTo folder: String? = nil, to path: String
    ) throws {
        var text = CSVRecords.line(standardColumns + extraColumns)
        let prefix = folder.map { URL(fileURLWithPath: $0).standardizedFileURL.path + "/" }
        for a in annotations {
            var file = a.file
            if let prefix, file.hasPrefix(prefix) { file = String(file.dropFirst(prefix.count)) }
            var fields = [
                file, a.start.map(NumberText.seconds) ?? "", a.end.map(NumberText.seconds) ?? "", a.label,
                a.lowHz.map(NumberText.hertz) ?? "", a.highHz.map(NumberText.hertz) ?? "",
            ]
            fields += extraColumns.map { a.attributes[$0] ?? "" }
            text += CSVRecords.line(fields)
        }
        try AtomicFile.write(text, to: path)
    }
}
