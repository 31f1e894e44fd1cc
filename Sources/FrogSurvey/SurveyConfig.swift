import Foundation

/// How a survey tree is read and reported: where the site is in the path, how file names carry
/// time, the time zones involved and when a night begins. YAML keys are snake_case (a `survey:`
/// section of a config file); command-line flags override them.
public struct SurveyConfig: Equatable, Sendable, Codable {
    /// Folder level under ROOT that names the site (1 = first level).
    public var siteDepth: Int = 1
    /// Custom file-name pattern (`{site}`, `{YYYY}` … see `FileNameTimestamp`); nil = AudioMoth
    /// and Song Meter names.
    public var fileNamePattern: String? = nil
    /// Zone of the recorders' clocks as written in file names (AudioMoth's default is UTC).
    public var fileTimeZone: String = "UTC"
    /// Zone of the sites' clocks used in reports; nil = the file time zone.
    public var siteTimeZone: String? = nil
    /// Local hour at which a night begins (and the previous one ends).
    public var nightStartHour: Int = 12

    public init() {}

    enum CodingKeys: String, CodingKey, CaseIterable {
        case siteDepth = "site_depth", fileNamePattern = "file_name_pattern", fileTimeZone = "file_time_zone"
        case siteTimeZone = "site_time_zone", nightStartHour = "night_start_hour"
    }

    public init(from decoder: Decoder) throws {
        // A typo (`site_dept`) must not silently fall back to a default.
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        siteDepth = try c.decodeIfPresent(Int.self, forKey: .siteDepth) ?? siteDepth
        fileNamePattern = try c.decodeIfPresent(String.self, forKey: .fileNamePattern)
        fileTimeZone = try c.decodeIfPresent(String.self, forKey: .fileTimeZone) ?? fileTimeZone
        siteTimeZone = try c.decodeIfPresent(String.self, forKey: .siteTimeZone)
        nightStartHour = try c.decodeIfPresent(Int.self, forKey: .nightStartHour) ?? nightStartHour
    }

    /// Checks zones and ranges; errors say which setting is wrong.
    public func validated() throws -> SurveyConfig {
        guard TimeZone(identifier: fileTimeZone) != nil else { throw SurveyError.invalidSetting("file_time_zone '\(fileTimeZone)' is not a time zone (e.g. UTC, Australia/Sydney)") }
        if let siteTimeZone, TimeZone(identifier: siteTimeZone) == nil {
            throw SurveyError.invalidSetting("site_time_zone '\(siteTimeZone)' is not a time zone (e.g. Australia/Sydney)")
        }
        guard (0..<24).contains(nightStartHour) else { throw SurveyError.invalidSetting("night_start_hour must be 0–23, got \(nightStartHour)") }
        guard siteDepth >= 1 else { throw SurveyError.invalidSetting("site_depth must be at least 1, got \(siteDepth)") }
        return self
    }

    /// The report clock.
    public var time: SurveyTime {
        SurveyTime(siteZone: TimeZone(identifier: siteTimeZone ?? fileTimeZone) ?? TimeZone(identifier: "UTC")!,
                   nightStartHour: nightStartHour)
    }

    /// Converts a file name's wall-clock time (parsed on a UTC calendar) to the true instant,
    /// given the zone the recorder's clock was set to.
    public func instant(fromWallTime wall: Date) -> Date {
        let zone = TimeZone(identifier: fileTimeZone) ?? TimeZone(identifier: "UTC")!
        // The offset at the wall time itself is right except within the hour of a DST change.
        return wall.addingTimeInterval(-Double(zone.secondsFromGMT(for: wall)))
    }
}
