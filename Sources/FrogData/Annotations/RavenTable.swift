import Foundation

/// Raven Pro selection tables (`REC.Table.1.selections.txt`): tab-separated, one header line.
///
/// Reading tolerates what real exports contain: a UTF-8 byte-order mark, CRLF line endings,
/// the same selection listed once per view ("Spectrogram 1" and "Waveform 1", counted once,
/// the spectrogram row preferred because it carries the frequency box), and any number of extra
/// columns, which are kept as annotation attributes. When `Begin File` and `File Offset (s)` are
/// present (tables made over a file list), times are taken relative to that file.
public enum RavenTable {
    /// The columns every table starts with, in Raven's order.
    public static let standardColumns = [
        "Selection", "View", "Channel", "Begin Time (s)", "End Time (s)", "Low Freq (Hz)", "High Freq (Hz)",
    ]
    /// Label columns tried, in order, when none is configured.
    public static let defaultLabelColumns = ["Species", "Annotation", "Class", "Label", "Sound Type"]

    /// A selection with the line it was read from.
    public struct Row: Equatable, Sendable {
        public var selection: RavenSelection
        /// 1-based line number in the table.
        public var line: Int
    }

    /// True when `firstLine` looks like a Raven header (tab-separated, starting with `Selection`).
    public static func looksLikeHeader(_ firstLine: String) -> Bool {
        let trimmed = firstLine.hasPrefix("\u{FEFF}") ? String(firstLine.dropFirst()) : firstLine
        return trimmed.split(separator: "\t").first.map { $0.trimmingCharacters(in: .whitespaces) } == "Selection"
    }

    /// Every row of the table at `path`, one per selection (other views of it dropped).
    public static func readSelections(path: String) throws -> [Row] {
        let lines = TextFile.lines(try TextFile.read(path: path))
        guard let headerLine = lines.first, looksLikeHeader(headerLine) else {
            throw FrogDataError.malformed(location: "\(path):1", message: "not a Raven selection table (no 'Selection' header)")
        }
        let header = headerLine.components(separatedBy: "\t").map { $0.trimmingCharacters(in: .whitespaces) }
        func column(_ name: String) -> Int? { header.firstIndex(of: name) }
        guard let beginColumn = column("Begin Time (s)"), let endColumn = column("End Time (s)") else {
            throw FrogDataError.malformed(
                location: "\(path):1", message: "missing 'Begin Time (s)' or 'End Time (s)' column")
        }
        let selectionColumn = column("Selection")!
        let viewColumn = column("View")
        let channelColumn = column("Channel")
        let lowColumn = column("Low Freq (Hz)")
        let highColumn = column("High Freq (Hz)")
        let standard = Set(standardColumns)

        var rows: [Row] = []
        var indexBySelection: [Int: Int] = [:]
        for (offset, text) in lines.enumerated().dropFirst() {
            if text.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            let location = "\(path):\(offset + 1)"
            var fields = text.components(separatedBy: "\t")
            if fields.count < header.count { fields += Array(repeating: "", count: header.count - fields.count) }
            let number = try NumberText.requireWhole(fields[selectionColumn], column: "Selection", location: location)
            let view = viewColumn.map { fields[$0] } ?? "Spectrogram 1"
            var values: [String: String] = [:]
            for (index, name) in header.enumerated() where !standard.contains(name) && !name.isEmpty {
                values[name] = fields[index]
            }
            let selection = RavenSelection(
                selection: number,
                view: view,
                channel: try channelColumn.map { try NumberText.requireWhole(fields[$0], column: "Channel", location: location) } ?? 1,
                beginSeconds: try NumberText.require(fields[beginColumn], column: "Begin Time (s)", location: location),
                endSeconds: try NumberText.require(fields[endColumn], column: "End Time (s)", location: location),
                lowHz: try lowColumn.flatMap { try NumberText.optional(fields[$0], column: "Low Freq (Hz)", location: location) } ?? 0,
                highHz: try highColumn.flatMap { try NumberText.optional(fields[$0], column: "High Freq (Hz)", location: location) } ?? 0,
                values: values)
            let row = Row(selection: selection, line: offset + 1)
            if let existing = indexBySelection[selection.selection] {
                // Another view of a selection already seen: keep the spectrogram view's row.
                if view.hasPrefix("Spectrogram") && !rows[existing].selection.view.hasPrefix("Spectrogram") {
                    rows[existing] = row
                }
            } else {
                indexBySelection[selection.selection] = rows.count
                rows.append(row)
            }
        }
        return rows
    }

    /// The table's selections as annotations.
    ///
    /// - Parameters:
    ///   - recording: the recording the table belongs to; rows with a `Begin File` value name
    ///     their own file instead (resolved by the caller's matching).
    ///   - labelColumn: the column holding the class; nil tries `defaultLabelColumns`.
    public static func read(path: String, recording: String, labelColumn: String? = nil) throws -> [Annotation] {
        let rows = try readSelections(path: path)
        guard let first = rows.first else { return [] }
        let candidates = labelColumn.map { [$0] } ?? defaultLabelColumns
        guard let label = candidates.first(where: { first.selection.values[$0] != nil }) else {
            throw FrogDataError.malformed(
                location: "\(path):1",
                message: "no label column (looked for \(candidates.map { "'\($0)'" }.joined(separator: ", ")))")
        }
        return try rows.map { row in
            let s = row.selection
            var attributes = s.values
            attributes[label] = nil
            var file = recording
            var start = s.beginSeconds
            var end = s.endSeconds
            if let beginFile = s.values["Begin File"], !beginFile.isEmpty {
                file = beginFile
                if let offsetText = s.values["File Offset (s)"] {
                    let location = "\(path):\(row.line)"
                    let offset = try NumberText.require(offsetText, column: "File Offset (s)", location: location)
                    start = offset
                    end = offset + (s.endSeconds - s.beginSeconds)
                }
            }
            let hasBand = s.highHz > s.lowHz
            return Annotation(
                file: file, start: start, end: end,
                label: (s.values[label] ?? "").trimmingCharacters(in: .whitespaces),
                lowHz: hasBand ? s.lowHz : nil, highHz: hasBand ? s.highHz : nil,
                channel: s.channel, attributes: attributes, source: "\(path):\(row.line)")
        }
    }

    /// Writes `rows` as a selection table: the standard columns, then `extraColumns` (values
    /// from each row's `values`, empty when missing). The file is replaced atomically.
    public static func write(_ rows: [RavenSelection], extraColumns: [String], to path: String) throws {
        var text = (standardColumns + extraColumns).joined(separator: "\t") + "\n"
        for row in rows {
            var fields = [
                String(row.selection), row.view, String(row.channel),
                NumberText.seconds(row.beginSeconds), NumberText.seconds(row.endSeconds),
                NumberText.hertz(row.lowHz), NumberText.hertz(row.highHz),
            ]
            fields += extraColumns.map { row.values[$0] ?? "" }
            // A tab or line break inside a value would shift or split the row.
            text += fields.map { $0.replacingOccurrences(of: "\t", with: " ").replacingOccurrences(of: "\r\n", with: " ")
                .replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: " ") }
                .joined(separator: "\t") + "\n"
        }
        try AtomicFile.write(text, to: path)
    }
}
