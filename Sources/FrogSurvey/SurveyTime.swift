import Foundation

/// Time conventions of the survey: ISO 8601 UTC in the database, site-local clock times in
/// reports, and nights that run from `nightStartHour` (noon by default) to the same hour next day,
/// named by the evening's date — frog choruses cross midnight.
public struct SurveyTime: Sendable {
    /// The sites' time zone (reports use local clock times).
    public let siteZone: TimeZone
    /// Local hour at which a night begins.
    public let nightStartHour: Int
    private let calendar: Calendar

    public init(siteZone: TimeZone, nightStartHour: Int = 12) {
        self.siteZone = siteZone
        self.nightStartHour = nightStartHour
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = siteZone
        self.calendar = calendar
    }

    /// The night a moment belongs to, as `YYYY-MM-DD` of its evening.
    public func night(of date: Date) -> String {
        let shifted = date.addingTimeInterval(-Double(nightStartHour) * 3600)
        let c = calendar.dateComponents([.year, .month, .day], from: shifted)
        return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
    }

    /// The instant a night begins (its evening date at `nightStartHour`, local time).
    public func nightStart(_ night: String) throws -> Date {
        let parts = night.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3,
            let date = calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2], hour: nightStartHour))
        else { throw SurveyError.invalidDate(night) }
        return date
    }

    /// Local clock hour (0–23).
    public func hour(of date: Date) -> Int {
        calendar.component(.hour, from: date)
    }

    /// Local clock time as `YYYY-MM-DD HH:MM:SS`.
    public func localTimestamp(_ date: Date) -> String {
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d-%02d-%02d %02d:%02d:%02d", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
    }

    /// ISO 8601 in UTC with seconds, as stored in the database.
    public static func isoUTC(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    /// Parses what `isoUTC` wrote.
    public static func parseISO(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }
}
