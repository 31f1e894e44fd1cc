import Foundation
import FrogDetect

/// A detection that may be drawn for review, with the site and night it belongs to.
public struct ReviewCandidate: Equatable, Sendable {
    /// The detection; its `file` is a path this process can open (absolute, or relative to the
    /// working directory).
    public var record: DetectionRecord
    /// Night (`YYYY-MM-DD` of its evening) when the recording's start time is known.
    public var night: String?

    public init(record: DetectionRecord, night: String?) {
        self.record = record
        self.night = night
    }

    public var site: String? { record.site }

    /// Candidates from a `frogscan detect` output: `detections.csv` in `folder` (or the CSV
    /// itself). Nights come from the `start_time` column (the recorder's wall clock): a
    /// detection before `nightStartHour` belongs to the previous evening's night.
    public static func fromDetections(_ path: String, nightStartHour: Int = 12) throws -> [ReviewCandidate] {
        var url = URL(fileURLWithPath: path)
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            url = url.appendingPathComponent("detections.csv")
        }
        return try DetectionsCSV.read(url).map { record in
            ReviewCandidate(record: record, night: record.startTime.flatMap { night(ofWallTime: $0, startHour: nightStartHour) })
        }
    }

    /// `2024-10-01` for `2024-10-02T03:10:00.000` with nights starting at 12.
    static func night(ofWallTime text: String, startHour: Int) -> String? {
        let parts = text.split(separator: "T")
        guard parts.count == 2, let hour = Int(parts[1].prefix(2)) else { return nil }
        let date = parts[0].split(separator: "-").compactMap { Int($0) }
        guard date.count == 3 else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard var day = calendar.date(from: DateComponents(year: date[0], month: date[1], day: date[2], hour: 12)) else { return nil }
        if hour < startHour { day = day.addingTimeInterval(-24 * 3600) }
        let c = calendar.dateComponents([.year, .month, .day], from: day)
        return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
    }
}
