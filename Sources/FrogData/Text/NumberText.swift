import Foundation

/// Numbers in label files: parsed strictly (so a typo is reported, not read as 0) and written
/// with fixed decimals (so files diff cleanly and round-trip to the microsecond).
enum NumberText {
    /// `text` as a finite Double, or nil when it is not a number.
    static func parse(_ text: String) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let value = Double(trimmed), value.isFinite else { return nil }
        return value
    }

    /// Parses a required number, or throws `location: <column> 'text' is not a number`.
    static func require(_ text: String, column: String, location: String) throws -> Double {
        guard let value = parse(text) else {
            throw FrogDataError.malformed(location: location, message: "\(column) '\(text)' is not a number")
        }
        return value
    }

    /// Parses a required whole number that fits an `Int` (a selection or channel number), or
    /// throws `location: <column> 'text' is not a whole number`.
    static func requireWhole(_ text: String, column: String, location: String) throws -> Int {
        guard let whole = Int(exactly: try require(text, column: column, location: location)) else {
            throw FrogDataError.malformed(location: location, message: "\(column) '\(text)' is not a whole number")
        }
        return whole
    }

    /// Parses an optional number: empty text is nil, anything else must be a number.
    static func optional(_ text: String, column: String, location: String) throws -> Double? {
        if text.trimmingCharacters(in: .whitespaces).isEmpty { return nil }
        return try require(text, column: column, location: location)
    }

    /// Seconds with 6 decimals (microseconds), as Raven and Audacity write them.
    static func seconds(_ value: Double) -> String { String(format: "%.6f", value) }

    /// Hertz with 3 decimals.
    static func hertz(_ value: Double) -> String { String(format: "%.3f", value) }
}
