import Foundation

/// Dates and times for the synthetic survey tree's AudioMoth-style names
/// (`YYYYMMDD_HHMMSS.wav`). Times are wall-clock labels, so all arithmetic is done in a fixed
/// UTC Gregorian calendar: no daylight-saving jumps, the same names on every machine.
package enum SurveyClock {
    fileprivate static var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }

    /// Seconds after midnight for "HH:MM:SS", or nil.
    package static func parseTime(_ text: String) -> Int? {
        let parts = text.split(separator: ":").map { Int($0) }
        guard parts.count == 3, let h = parts[0], let m = parts[1], let s = parts[2],
            (0..<24).contains(h), (0..<60).contains(m), (0..<60).contains(s)
        else { return nil }
        return h * 3_600 + m * 60 + s
    }

    /// Midnight of "YYYY-MM-DD", or nil.
    package static func parseDate(_ text: String) -> Date? {
        let parts = text.split(separator: "-").map { Int($0) }
        guard parts.count == 3, let y = parts[0], let m = parts[1], let d = parts[2] else { return nil }
        let components = DateComponents(year: y, month: m, day: d)
        guard let date = calendar.date(from: components),
            calendar.dateComponents([.year, .month, .day], from: date) == components
        else { return nil }
        return date
    }

    /// The file stem for a recording `seconds` after `midnight`.
    package static func stem(midnight: Date, plusSeconds seconds: Double) -> String {
        let date = midnight.addingTimeInterval(seconds)
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(
            format: "%04d%02d%02d_%02d%02d%02d", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
    }
}

extension SurveyClock {
    /// "YYYY-MM-DD" of the day `days` after `midnight` (a survey night's name: its evening).
    package static func dateLabel(midnight: Date, plusDays days: Int) -> String {
        let c = calendar.dateComponents([.year, .month, .day], from: midnight.addingTimeInterval(Double(days) * 86_400))
        return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
    }
}
