import Foundation
import FrogConfig

/// The text tables of `frogscan runs list` and `frogscan runs compare`.
public enum RunTable {
    /// One row per finished run under `root`: name, family, best epoch, validation accuracy and
    /// macro-F1, test macro-F1 (window and recording level), time, and the flags that differ
    /// from the defaults.
    /// `only` restricts the table to these run folder names.
    public static func list(root: String, only: Set<String>? = nil) -> String {
        let folders = RunFolder.all(in: root).filter { only?.contains($0.name) ?? true }
        let rows = folders.map { folder -> [String] in
            guard let s = RunSummary.read(path: folder.summaryPath) else {
                return [folder.name, "-", "-", "-", "-", "-", "-", "-", "unfinished (resume with --resume \(folder.name))"]
            }
            return [folder.name, s.family, "\(s.bestEpoch)/\(s.epochs)", number(s.validationAccuracy),
                    number(s.validationMacroF1), number(s.testMacroF1), number(s.testRecordingMacroF1),
                    String(format: "%.0fs", s.seconds), s.flags.isEmpty ? "(defaults)" : s.flags.joined(separator: " ")]
        }
        guard !rows.isEmpty else { return "no runs in \(root)\n" }
        return format(
            header: ["run", "family", "best", "val_acc", "val_f1", "test_f1", "test_rec_f1", "time", "flags"], rows: rows)
    }

    /// Flags and per-species metrics of two runs side by side (test split when both have one,
    /// else validation).
    public static func compare(_ a: RunFolder, _ b: RunFolder) throws -> String {
        let configA = try ConfigLoader.load(path: a.configPath)
        let configB = try ConfigLoader.load(path: b.configPath)
        var out = "flags that differ:\n"
        let flagsA = configA.flattened()
        let flagsB = configB.flattened()
        let keys = Set(flagsA.keys).union(flagsB.keys).filter { $0 != "name" && flagsA[$0] != flagsB[$0] }.sorted()
        out += format(header: ["key", a.name, b.name], rows: keys.map { [$0, flagsA[$0] ?? "-", flagsB[$0] ?? "-"] })
        let split = ["test", "validation"].first {
            FileManager.default.fileExists(atPath: (a.splitDirectory($0) as NSString).appendingPathComponent("per_species_metrics.csv"))
                && FileManager.default.fileExists(atPath: (b.splitDirectory($0) as NSString).appendingPathComponent("per_species_metrics.csv"))
        }
        guard let split else { return out + "\nno per-species metrics in both runs yet\n" }
        let metricsA = try perSpecies(a, split: split)
        let metricsB = try perSpecies(b, split: split)
        let species = metricsA.keys.sorted()
        out += "\nper-species metrics (\(split)):\n"
        out += format(
            header: ["species", "f1 A", "f1 B", "Δf1", "ap A", "ap B"],
            rows: species.map { name in
                let fa = Double(metricsA[name]?["f1"] ?? "")
                let fb = Double(metricsB[name]?["f1"] ?? "")
                let delta = (fa != nil && fb != nil) ? String(format: "%+.3f", fb! - fa!) : "-"
                return [name, metricsA[name]?["f1"] ?? "-", metricsB[name]?["f1"] ?? "-", delta,
                        metricsA[name]?["ap"] ?? "-", metricsB[name]?["ap"] ?? "-"]
            })
        out += "\nA = \(a.name)\nB = \(b.name)\n"
        return out
    }

    /// species → column → value, from a split's `per_species_metrics.csv`.
    private static func perSpecies(_ folder: RunFolder, split: String) throws -> [String: [String: String]] {
        let path = (folder.splitDirectory(split) as NSString).appendingPathComponent("per_species_metrics.csv")
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        guard let header = lines.first else { return [:] }
        var result: [String: [String: String]] = [:]
        for fields in lines.dropFirst() where fields.count == header.count {
            result[fields[0]] = Dictionary(zip(header, fields).map { ($0, $1) }, uniquingKeysWith: { a, _ in a })
        }
        return result
    }

    private static func number(_ value: Double?) -> String { value.map { String(format: "%.3f", $0) } ?? "-" }

    /// Left-aligned columns separated by two spaces.
    static func format(header: [String], rows: [[String]]) -> String {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        return all.map { row in
            row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }
}
