import Foundation
import FrogCore

/// Writing and printing presence figures (`PresenceMetrics`): `presence_per_species.csv`,
/// `presence_files.csv`, the `presence` object of `metrics.json` and the terminal lines.
extension PresenceMetrics {
    /// `species,support,tp,fp,fn,precision,recall,f1,false_detections,false_per_hour,threshold`,
    /// then a `macro` row.
    public func perSpeciesCSV(thresholds: [String: Float]) -> String {
        var table = CSVTable(columns: [
            "species", "support", "tp", "fp", "fn", "precision", "recall", "f1", "false_detections", "false_per_hour", "threshold",
        ])
        for (index, name) in species.enumerated() {
            let m = perSpecies[index]
            table.append([
                name, String(m.support), String(m.truePositives), String(m.falsePositives), String(m.falseNegatives),
                Self.format(m.precision), Self.format(m.recall), Self.format(m.f1), String(falseDetectionsBySpecies[index]),
                Self.format(falsePerHour(species: index)), thresholds[name].map { String(format: "%.5f", $0) } ?? "",
            ])
        }
        table.append([
            "macro", String(perSpecies.reduce(0) { $0 + $1.support }), "", "", "", Self.format(macro.precision),
            Self.format(macro.recall), Self.format(macro.f1), String(falseDetections), Self.format(falsePerHour), "",
        ])
        return table.text
    }

    /// `file,seconds,frog_free,truth,detections`: one row per file; truth and detections as
    /// `species` / `species:count` joined by `;`.
    public func filesCSV() -> String {
        var table = CSVTable(columns: ["file", "seconds", "frog_free", "truth", "detections"])
        for file in files {
            table.append([
                file.path, String(format: "%.3f", file.seconds), file.isFrogFree ? "1" : "0",
                file.truth.sorted().joined(separator: ";"),
                file.detections.keys.sorted().map { "\($0):\(file.detections[$0]!)" }.joined(separator: ";"),
            ])
        }
        return table.text
    }

    /// The `presence` object of `metrics.json` (keys in a fixed order, six decimals).
    public func json(minWindows: Int) -> String {
        let fields: [(String, String)] = [
            ("macro_f1", Self.jsonNumber(macro.f1)), ("macro_precision", Self.jsonNumber(macro.precision)),
            ("macro_recall", Self.jsonNumber(macro.recall)), ("files", String(files.count)),
            ("frog_free_files", String(frogFreeFiles)), ("frog_free_hours", Self.jsonNumber(frogFreeSeconds / 3600)),
            ("false_detections", String(falseDetections)), ("false_detections_per_hour", Self.jsonNumber(falsePerHour)),
            ("frog_free_files_with_detection", String(frogFreeFilesWithDetection)),
            ("frog_free_file_share", Self.jsonNumber(frogFreeShare)), ("min_windows", String(minWindows)),
        ]
        return "{" + fields.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}"
    }

    /// Writes the two CSVs into `directory`.
    public func write(to directory: URL, thresholds: [String: Float]) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try AtomicFile.write(perSpeciesCSV(thresholds: thresholds), to: directory.appendingPathComponent("presence_per_species.csv"))
        try AtomicFile.write(filesCSV(), to: directory.appendingPathComponent("presence_files.csv"))
    }

    /// The terminal view: one line per species, then the headline.
    public func summaryTable() -> String {
        let width = max(12, species.map(\.count).max() ?? 0)
        func pad(_ text: String, _ n: Int, left: Bool = false) -> String {
            let gap = String(repeating: " ", count: max(0, n - text.count))
            return left ? text + gap : gap + text
        }
        var lines = [[pad("species", width, left: true), pad("files", 5), pad("precision", 9), pad("recall", 7), pad("f1", 7), pad("false/h", 8)].joined(separator: "  ")]
        for (index, name) in species.enumerated() {
            let m = perSpecies[index]
            lines.append([
                pad(name, width, left: true), pad(String(m.support), 5), pad(String(format: "%.3f", m.precision), 9),
                pad(String(format: "%.3f", m.recall), 7), pad(String(format: "%.3f", m.f1), 7),
                pad(falsePerHour(species: index).map { String(format: "%.1f", $0) } ?? "-", 8),
            ].joined(separator: "  "))
        }
        lines.append(headline)
        return lines.joined(separator: "\n")
    }

    /// "presence: macro-F1 0.85 (P 0.80, R 0.91) over N files; frog-free: 3 of 27 files, 12.0 false/h (0.40 h)".
    public var headline: String {
        var text = String(format: "presence:  macro-F1 %.3f (precision %.3f, recall %.3f) over %d files", macro.f1, macro.precision, macro.recall, files.count)
        if frogFreeFiles > 0 {
            text += String(
                format: "; frog-free audio: %d false detections, %.1f per hour (%.2f h), %d of %d files with any",
                falseDetections, falsePerHour ?? 0, frogFreeSeconds / 3600, frogFreeFilesWithDetection, frogFreeFiles)
        } else {
            text += "; no frog-free audio (add data.backgrounds / --background to measure false alarms)"
        }
        return text
    }

    static func format(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "" }
        return CSVTable.format(value, decimals: 6)
    }

    static func jsonNumber(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "null" }
        return CSVTable.format(value, decimals: 6)
    }
}
