/// Builds RFC 4180 CSV text: a header, then rows; fields with commas, quotes or line breaks are
/// quoted. Lines end with `\n` (what R, pandas and spreadsheets all read).
public struct CSVTable: Sendable {
    /// Column names.
    public let columns: [String]
    private var lines: [String]

    public init(columns: [String]) {
        self.columns = columns
        lines = [columns.map(CSVTable.escape).joined(separator: ",")]
    }

    /// Appends one row; it must have one field per column.
    public mutating func append(_ fields: [String]) {
        precondition(fields.count == columns.count, "CSV row has \(fields.count) fields for \(columns.count) columns")
        lines.append(fields.map(CSVTable.escape).joined(separator: ","))
    }

    /// Number of data rows.
    public var rowCount: Int { lines.count - 1 }

    /// The whole table as text.
    public var text: String { lines.joined(separator: "\n") + "\n" }

    /// Quotes a field when CSV requires it.
    public static func escape(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Fixed formatting for numbers in reports, so identical data gives identical bytes.
    public static func format(_ value: Double, decimals: Int = 3) -> String {
        guard value.isFinite else { return value.isNaN ? "NA" : (value > 0 ? "Inf" : "-Inf") }
        var text = String(format: "%.\(decimals)f", value)
        if text.hasPrefix("-"), Double(text) == 0 { text.removeFirst() }  // no "-0.000"
        return text
    }
}

#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif
import Foundation
