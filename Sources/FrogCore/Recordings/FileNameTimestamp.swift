import Foundation

/// Reads a recording's site and absolute start time from its file name.
///
/// Recognised by default: AudioMoth `YYYYMMDD_HHMMSS` (`20240315_193000.WAV`) and Song Meter
/// `PREFIX_YYYYMMDD_HHMMSS` (`SM4A_20240315_193000.wav`, also with `$` or `-` separators). A
/// custom pattern uses the placeholders `{site}`, `{YYYY}`, `{MM}`, `{DD}`, `{hh}`, `{mm}`,
/// `{ss}` and `*` (anything), e.g. `{site}-{YYYY}{MM}{DD}T{hh}{mm}{ss}`; it is matched against
/// the file name without its extension.
///
/// Recorders write their clock's wall time (often UTC, sometimes local) without a zone, so the
/// time is kept as that wall time: arithmetic uses a fixed UTC calendar (no daylight-saving
/// jumps) and formatting prints no zone.
public struct FileNameTimestamp: Sendable {
    /// Where a recording was made and when it started.
    public struct Stamp: Equatable, Sendable {
        /// The `{site}` match, or the recording's parent folder name.
        public var site: String
        /// Start of the recording as recorder wall time, or nil when the name carries none.
        public var start: Date?

        public init(site: String, start: Date?) {
            self.site = site
            self.start = start
        }
    }

    private let expression: NSRegularExpression
    private let groups: [String]

    /// The built-in AudioMoth / Song Meter recogniser.
    public init() {
        // Digits not glued to other digits, so a serial number before the date is not eaten.
        expression = try! NSRegularExpression(
            pattern: #"(?<![0-9])([0-9]{4})([0-9]{2})([0-9]{2})[_$-]([0-9]{2})([0-9]{2})([0-9]{2})(?![0-9])"#)
        groups = ["YYYY", "MM", "DD", "hh", "mm", "ss"]
    }

    /// A recogniser for a custom pattern (see the type's documentation).
    public init(pattern: String) throws {
        var regex = "^"
        var groups: [String] = []
        var rest = Substring(pattern)
        let widths = ["YYYY": 4, "MM": 2, "DD": 2, "hh": 2, "mm": 2, "ss": 2]
        while let first = rest.first {
            if first == "{", let close = rest.firstIndex(of: "}") {
                let name = String(rest[rest.index(after: rest.startIndex)..<close])
                if name == "site" {
                    regex += "(.+?)"
                } else if let width = widths[name] {
                    regex += "([0-9]{\(width)})"
                } else {
                    throw DetectError.invalidTimestampPattern(
                        pattern: pattern, reason: "unknown placeholder {\(name)}; use {site} {YYYY} {MM} {DD} {hh} {mm} {ss}")
                }
                if groups.contains(name) {
                    throw DetectError.invalidTimestampPattern(pattern: pattern, reason: "{\(name)} appears twice")
                }
                groups.append(name)
                rest = rest[rest.index(after: close)...]
            } else {
                regex += first == "*" ? ".*?" : NSRegularExpression.escapedPattern(for: String(first))
                rest = rest.dropFirst()
            }
        }
        regex += "$"
        for needed in ["YYYY", "MM", "DD", "hh", "mm", "ss"] where !groups.contains(needed) {
            throw DetectError.invalidTimestampPattern(pattern: pattern, reason: "{\(needed)} is missing")
        }
        self.expression = try NSRegularExpression(pattern: regex)
        self.groups = groups
    }

    /// Site and start time of the recording at `path`.
    public func stamp(for path: String) -> Stamp {
        let url = URL(fileURLWithPath: path)
        let name = url.deletingPathExtension().lastPathComponent
        var site = url.deletingLastPathComponent().lastPathComponent
        let range = NSRange(name.startIndex..., in: name)
        guard let match = expression.firstMatch(in: name, range: range) else {
            return Stamp(site: site, start: nil)
        }
        var fields: [String: String] = [:]
        for (i, group) in groups.enumerated() {
            if let r = Range(match.range(at: i + 1), in: name) { fields[group] = String(name[r]) }
        }
        if let matchedSite = fields["site"], !matchedSite.isEmpty { site = matchedSite }
        var components = DateComponents()
        components.year = fields["YYYY"].flatMap { Int($0) }
        components.month = fields["MM"].flatMap { Int($0) }
        components.day = fields["DD"].flatMap { Int($0) }
        components.hour = fields["hh"].flatMap { Int($0) }
        components.minute = fields["mm"].flatMap { Int($0) }
        components.second = fields["ss"].flatMap { Int($0) }
        guard let month = components.month, (1...12).contains(month),
              let day = components.day, (1...31).contains(day),
              let hour = components.hour, hour < 24,
              let minute = components.minute, minute < 60,
              let second = components.second, second < 61
        else { return Stamp(site: site, start: nil) }
        return Stamp(site: site, start: Self.calendar.date(from: components))
    }

    /// A fixed UTC Gregorian calendar: recorder wall time without zone or daylight saving.
    static var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }

    /// `start + offsetSeconds` as `YYYY-MM-DDTHH:MM:SS.sss` (wall time, no zone).
    public static func format(_ start: Date, offsetSeconds: Double = 0) -> String {
        // Round to whole milliseconds first so 59.9996 s prints as the next second, not "59.1000".
        let millis = ((start.timeIntervalSinceReferenceDate + offsetSeconds) * 1000).rounded()
        let wholeSeconds = (millis / 1000).rounded(.down)
        let date = Date(timeIntervalSinceReferenceDate: wholeSeconds)
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let fraction = Int(millis - wholeSeconds * 1000)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d.%03d",
                      c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0, c.second ?? 0, fraction)
    }
}
