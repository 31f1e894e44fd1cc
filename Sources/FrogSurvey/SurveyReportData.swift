import Foundation

/// The rows a report needs, read once from the database.
struct SurveyReportData {
    struct Recording {
        var id: Int64
        var path: String
        var site: String
        var startTime: Date?
        var duration: Double?
        /// The header's length when the recording is truncated.
        var declaredDuration: Double?
        /// This model's outcome: `pending` when the model has not analysed it yet.
        var status: RecordingStatus
        var error: String?
    }

    struct StoredDetection {
        var recordingID: Int64
        var start: Double
        var end: Double
        var species: String
        var confidence: Double
    }

    var modelID: String
    var species: [String]
    var thresholds: [Double]
    var recordings: [Recording]
    var recordingsByID: [Int64: Recording]
    var detections: [StoredDetection]

    /// The rows of `modelID` (nil: the latest run's model), read in one transaction.
    static func load(from database: SurveyDatabase, modelID: String?) throws -> SurveyReportData {
        try database.reportData(modelID: modelID)
    }
}

/// Hours actually recorded per site and night (a recording that crosses the night boundary is
/// split), so nights without audio are "not surveyed" rather than "no frogs".
struct Coverage {
    private var hoursBySiteNight: [String: Double] = [:]
    private var countBySiteNight: [String: Int] = [:]
    private var intervalsBySite: [String: [(Date, Date)]] = [:]
    private(set) var nights: [String] = []

    init(recordings: [SurveyReportData.Recording], time: SurveyTime) throws {
        var nightSet = Set<String>()
        for r in recordings where r.status.isAnalysed {
            guard let start = r.startTime, let duration = r.duration, duration > 0 else { continue }
            let end = start.addingTimeInterval(duration)
            intervalsBySite[r.site, default: []].append((start, end))
            var cursor = start
            while cursor < end {
                let night = time.night(of: cursor)
                let nightEnd = try time.nightStart(night).addingTimeInterval(24 * 3600)
                let pieceEnd = min(end, nightEnd)
                hoursBySiteNight["\(r.site)\t\(night)", default: 0] += pieceEnd.timeIntervalSince(cursor) / 3600
                if cursor == start { countBySiteNight["\(r.site)\t\(night)", default: 0] += 1 }
                nightSet.insert(night)
                cursor = pieceEnd
            }
        }
        // Every night between the first and the last, so unrecorded nights appear as gaps.
        if let first = nightSet.min(), let last = nightSet.max() {
            var night = first
            var all: [String] = []
            while night <= last {
                all.append(night)
                night = try time.night(of: time.nightStart(night).addingTimeInterval(36 * 3600))
            }
            nights = all
        }
    }

    func hours(site: String, night: String) -> Double { hoursBySiteNight["\(site)\t\(night)"] ?? 0 }
    func count(site: String, night: String) -> Int { countBySiteNight["\(site)\t\(night)"] ?? 0 }

    /// Recorded hours falling in each local clock hour (0–23), over the nights accepted.
    func hoursByClockHour(site: String, time: SurveyTime, nightFilter: (String) -> Bool) -> [Double] {
        var hours = [Double](repeating: 0, count: 24)
        for (start, end) in intervalsBySite[site] ?? [] {
            var cursor = start
            while cursor < end {
                // Step to the next full hour boundary (time zones here have whole-hour offsets
                // or half-hour ones; stepping by the remaining seconds of the UTC hour is exact
                // for the former and close for the latter).
                let secondsIntoHour = cursor.timeIntervalSince1970.truncatingRemainder(dividingBy: 3600)
                let next = min(end, cursor.addingTimeInterval(3600 - secondsIntoHour))
                if nightFilter(time.night(of: cursor)) {
                    hours[time.hour(of: cursor)] += next.timeIntervalSince(cursor) / 3600
                }
                cursor = next
            }
        }
        return hours
    }
}
