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

    /// The `chosen_by` value of the first row (how the thresholds were chosen), if the file has one.
    public static func mode(_ path: String) throws -> String? {
        let records = try CSVRecords.parse(try String(contentsOfFile: path, encoding: .utf8), source: path)
        guard records.count > 1, records[0].fields.count >= 3, records[1].fields.count >= 3 else { return nil }
        return records[1].fields[2].isEmpty ? nil : records[1].fields[2]
    }

    /// Reads `species,threshold[,chosen_by]` rows into a table by species; errors name the line.
    public static func read(_ path: String) throws -> [String: Float] {
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
        return result
    }
}
