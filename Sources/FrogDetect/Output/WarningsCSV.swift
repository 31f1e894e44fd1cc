import Foundation
import FrogCore
import FrogData

/// `warnings.csv`: `file,kind,warning`, beside `errors.csv`: recordings analysed only in part
/// (truncated, NaN samples as silence) and links the walk skipped. Written on every run
/// (header only when there is nothing to say), in path order.
public enum WarningsCSV {
    public static func text(_ warnings: [RecordingWarning]) -> String {
        var table = CSVTable(columns: ["file", "kind", "warning"])
        for warning in warnings.sorted(by: { ($0.file, $0.kind) < ($1.file, $1.kind) }) {
            table.append([warning.file, warning.kind, warning.message])
        }
        return table.text
    }

    /// Writes the warnings to `url` atomically.
    public static func write(_ warnings: [RecordingWarning], to url: URL) throws {
        try AtomicFile.write(text(warnings), to: url)
    }
}
