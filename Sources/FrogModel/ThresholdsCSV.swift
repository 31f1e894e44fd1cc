import Foundation
import FrogCore
import FrogData

/// `thresholds.csv`: the per-species decision thresholds stored in the model, and how they
/// were chosen.
public enum ThresholdsCSV {
    public static func text(classes: [String], thresholds: [Float], mode: String) -> String {
        var table = CSVTable(columns: ["species", "threshold", "chosen_by"])
        for (name, value) in zip(classes, thresholds) { table.append([name, String(format: "%.5f", value), mode]) }
        return table.text
    }

    /// Reads `species,threshold[,chosen_by]` rows into a table by species, with the first row's
    /// `chosen_by` (how the thresholds were chosen) when there is one; errors name the line.
    public static func read(_ path: String) throws -> (thresholds: [String: Float], mode: String?) {
        let records = try CSVRecords.parse(try String(contentsOfFile: path, encoding: .utf8), source: path)
        guard let header = records.first, header.fields.prefix(2) == ["species", "threshold"] else {
            throw ModelError.corrupt(path: path, reason: "expected the header species,threshold")
        }
        var result: [String: Float] = [:]
        for record in records.dropFirst() {
            guard record.fields.count >= 2, let value = Float(record.fields[1]), value.isFinite else {
                throw ModelError.corrupt(path: path, reason: "line \(record.line): expected species,threshold with a number")
            }
            result[record.fields[0]] = value
        }
        let mode = records.count > 1 && records[1].fields.count >= 3 && !records[1].fields[2].isEmpty ? records[1].fields[2] : nil
        return (result, mode)
    }
}
