import Foundation
import GRDB

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
        var status: String
        var error: String?
    }

    struct StoredDetection {
        var recordingID: Int64
        var start: Double
        var end: Double
        var species: String
        var confidence: Double
    }

    /// Statuses of recordings whose audio was analysed (a truncated one up to where it ends).
    static let analysed: Set<String> = ["done", "truncated", "damaged"]

    var modelID: String
    var species: [String]
    var thresholds: [Double]
    var recordings: [Recording]
    var recordingsByID: [Int64: Recording]
    var detections: [StoredDetection]

    /// The model of the database's latest run: what reports and review samples show by default.
    static func latestModelID(_ db: Database, path: String) throws -> String {
        guard let latest = try String.fetchOne(db, sql: "SELECT model_id FROM runs ORDER BY started_at DESC, id DESC LIMIT 1")
        else { throw SurveyError.noModelInDatabase(path) }
        return latest
    }

    static func load(from database: SurveyDatabase, modelID requested: String?) throws -> SurveyReportData {
        try database.read { db in
            let modelID = try requested ?? latestModelID(db, path: database.path)
            guard let model = try Row.fetchOne(db, sql: "SELECT classes, thresholds FROM models WHERE id = ?", arguments: [modelID]) else {
                throw SurveyError.noModelInDatabase(database.path)
            }
            let species = try JSONDecoder().decode([String].self, from: Data((model["classes"] as String).utf8))
            let thresholds = try JSONDecoder().decode([Double].self, from: Data((model["thresholds"] as String).utf8))
            let recordings = try Row.fetchAll(db, sql: """
                SELECT r.id, r.path, r.site, r.start_time, r.duration_s, r.declared_duration_s,
                       COALESCE(p.status, CASE WHEN r.status = 'failed' THEN 'failed' ELSE 'pending' END) AS status,
                       COALESCE(p.error, r.error) AS error
                FROM recordings r LEFT JOIN processings p ON p.recording_id = r.id AND p.model_id = ?
                ORDER BY r.path
                """, arguments: [modelID]
            ).map { row in
                Recording(
                    id: row["id"], path: row["path"], site: row["site"],
                    startTime: (row["start_time"] as String?).flatMap(SurveyTime.parseISO),
                    duration: row["duration_s"], declaredDuration: row["declared_duration_s"], status: row["status"],
                    error: row["error"])
            }
            let detections = try Row.fetchAll(db, sql: """
                SELECT recording_id, start_s, end_s, species, confidence FROM detections
                WHERE model_id = ? ORDER BY recording_id, start_s, species, channel
                """, arguments: [modelID]
            ).map { StoredDetection(recordingID: $0["recording_id"], start: $0["start_s"], end: $0["end_s"], species: $0["species"], confidence: $0["confidence"]) }
            return SurveyReportData(
                modelID: modelID, species: species, thresholds: thresholds, recordings: recordings,
                recordingsByID: Dictionary(uniqueKeysWithValues: recordings.map { ($0.id, $0) }), detections: detections)
        }
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
        for r in recordings where SurveyReportData.analysed.contains(r.status) {
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
