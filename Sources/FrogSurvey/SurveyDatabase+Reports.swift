import Foundation
import GRDB

extension SurveyDatabase {
    /// The model of the database's latest run: what reports and review samples show by default.
    func latestModelID() throws -> String {
        try read { db in try latestModelID(db) }
    }

    private func latestModelID(_ db: Database) throws -> String {
        guard let latest = try String.fetchOne(db, sql: "SELECT model_id FROM runs ORDER BY started_at DESC, id DESC LIMIT 1")
        else { throw SurveyError.noModelInDatabase(path) }
        return latest
    }

    /// Everything a report needs about `modelID` (nil: the latest run's model), read in one
    /// transaction so a survey run committing meanwhile cannot make the parts disagree.
    func reportData(modelID requested: String?) throws -> SurveyReportData {
        try read { db in
            let modelID = try requested ?? latestModelID(db)
            guard let model = try Row.fetchOne(db, sql: "SELECT classes, thresholds FROM models WHERE id = ?", arguments: [modelID]) else {
                throw SurveyError.noModelInDatabase(path)
            }
            let species = try JSONDecoder().decode([String].self, from: Data((model["classes"] as String).utf8))
            let thresholds = try JSONDecoder().decode([Double].self, from: Data((model["thresholds"] as String).utf8))
            let recordings = try Row.fetchAll(db, sql: """
                SELECT r.id, r.path, r.site, r.start_time, r.duration_s, r.declared_duration_s,
                       r.status AS recording_status, p.status AS model_status,
                       COALESCE(p.error, r.error) AS error
                FROM recordings r LEFT JOIN processings p ON p.recording_id = r.id AND p.model_id = ?
                ORDER BY r.path
                """, arguments: [modelID]
            ).map { row in
                // This model's outcome; without one, a recording that failed to read fails for
                // every model, and any other is still pending for this one.
                let recordingStatus = try row.decode(RecordingStatus.self, forColumn: "recording_status")
                let status = try row.decode(RecordingStatus?.self, forColumn: "model_status")
                    ?? (recordingStatus == .failed ? .failed : .pending)
                return SurveyReportData.Recording(
                    id: row["id"], path: row["path"], site: row["site"],
                    startTime: (row["start_time"] as String?).flatMap(SurveyTime.parseISO),
                    duration: row["duration_s"], declaredDuration: row["declared_duration_s"], status: status,
                    error: row["error"])
            }
            let detections = try Row.fetchAll(db, sql: """
                SELECT recording_id, start_s, end_s, species, confidence FROM detections
                WHERE model_id = ? ORDER BY recording_id, start_s, species, channel
                """, arguments: [modelID]
            ).map {
                SurveyReportData.StoredDetection(
                    recordingID: $0["recording_id"], start: $0["start_s"], end: $0["end_s"], species: $0["species"],
                    confidence: $0["confidence"])
            }
            return SurveyReportData(
                modelID: modelID, species: species, thresholds: thresholds, recordings: recordings,
                recordingsByID: Dictionary(uniqueKeysWithValues: recordings.map { ($0.id, $0) }), detections: detections)
        }
    }

    /// A stored detection with the recording it came from, for review samples.
    struct ReviewDetection {
        /// The recording's path relative to the survey root.
        var path: String
        var site: String
        /// The recording's start time, when its name gave one.
        var recordingStart: Date?
        /// 0 for the mix of all channels.
        var channel: Int
        var start: Double
        var end: Double
        var species: String
        var confidence: Double
        var meanConfidence: Double
    }

    /// The detections of `modelID` (nil: the latest run's model), by recording path, start,
    /// species and channel, with the model id they belong to.
    func reviewDetections(modelID requested: String?) throws -> (modelID: String, detections: [ReviewDetection]) {
        try read { db in
            let modelID = try requested ?? latestModelID(db)
            let detections = try Row.fetchAll(db, sql: """
                SELECT r.path, r.site, r.start_time, d.channel, d.start_s, d.end_s, d.species, d.confidence,
                       d.mean_confidence
                FROM detections d JOIN recordings r ON r.id = d.recording_id
                WHERE d.model_id = ? ORDER BY r.path, d.start_s, d.species, d.channel
                """, arguments: [modelID]
            ).map { row in
                ReviewDetection(
                    path: row["path"], site: row["site"], recordingStart: (row["start_time"] as String?).flatMap(SurveyTime.parseISO),
                    channel: row["channel"], start: row["start_s"], end: row["end_s"], species: row["species"],
                    confidence: row["confidence"], meanConfidence: row["mean_confidence"])
            }
            return (modelID, detections)
        }
    }
}
