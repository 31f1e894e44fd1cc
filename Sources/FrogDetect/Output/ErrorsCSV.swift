import Foundation
import FrogCore
import FrogData

/// `errors.csv`: `file,error`, one row per recording that could not be processed, in path order.
/// Written on every run (header only when nothing failed) so a scheduler can always read it.
public enum ErrorsCSV {
    public static func text(_ failures: [RecordingFailure]) -> String {
        var table = CSVTable(columns: ["file", "error"])
        for failure in failures.sorted(by: { $0.file < $1.file }) { table.append([failure.file, failure.error]) }
        return table.text
    }

    /// Writes the failures to `url` atomically.
    public static func write(_ failures: [RecordingFailure], to url: URL) throws {
        try AtomicFile.write(text(failures), to: url)
    }

    /// Reads `file,error` rows back.
    public static func read(_ url: URL) throws -> [RecordingFailure] {
        let rows = try CSVRecords.parse(try String(contentsOf: url, encoding: .utf8), source: url.path)
        return rows.dropFirst().compactMap { row in
            row.fields.count >= 2 ? RecordingFailure(file: row.fields[0], error: row.fields[1]) : nil
        }
    }
}
