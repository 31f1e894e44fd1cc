import Foundation
import FrogCore

/// `summary.csv`: one row per recording, in path order —
/// `file,status,duration_s,detections,detection_s`, then for every reported species
/// `<species>_detections` and `<species>_s` (seconds covered by its detections). Failed files
/// have status `failed` and empty numbers; the reason is in `errors.csv`. Recordings analysed
/// only in part (truncated, NaN samples) have status `warning`; why is in `warnings.csv`.
public enum SummaryCSV {
    /// The file's text for the outcomes and failures, with one column pair per species.
    public static func text(outcomes: [RecordingOutcome], failures: [RecordingFailure], species: [String]) -> String {
        var header = ["file", "status", "duration_s", "detections", "detection_s"]
        for name in species { header += ["\(name)_detections", "\(name)_s"] }
        var rows: [(String, [String])] = []
        for outcome in outcomes {
            let detections = outcome.records.map(\.detection)
            var fields = [
                outcome.file, outcome.warnings.isEmpty ? "ok" : "warning", DetectionsCSV.seconds(outcome.durationSeconds), String(detections.count),
                DetectionsCSV.seconds(detections.reduce(0) { $0 + ($1.end - $1.start) }),
            ]
            for name in species {
                let mine = detections.filter { $0.species == name }
                fields += [String(mine.count), DetectionsCSV.seconds(mine.reduce(0) { $0 + ($1.end - $1.start) })]
            }
            rows.append((outcome.file, fields))
        }
        for failure in failures {
            rows.append((failure.file, [failure.file, "failed"] + Array(repeating: "", count: header.count - 2)))
        }
        rows.sort { $0.0 < $1.0 }
        var table = CSVTable(columns: header)
        for row in rows { table.append(row.1) }
        return table.text
    }

    /// Writes the summary to `url` atomically.
    public static func write(outcomes: [RecordingOutcome], failures: [RecordingFailure], species: [String], to url: URL) throws {
        try AtomicFile.write(text(outcomes: outcomes, failures: failures, species: species), to: url)
    }
}
