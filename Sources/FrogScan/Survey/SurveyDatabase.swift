import Foundation
import GRDB

/// The survey's SQLite database (GRDB): recordings, models, runs, per-(recording, model)
/// processing ledger and detections. Every recording's results are committed in one
/// transaction, so a run killed at any moment leaves either all of a recording's detections
/// or none, and the next run finishes the work without duplicates.
public final class SurveyDatabase {
    /// Where the database lives.
    public let path: String
    let queue: DatabaseQueue

    /// Opens (creating and migrating if needed) the database at `path`.
    public init(path: String) throws {
        self.path = path
        var configuration = Configuration()
        configuration.journalMode = .wal
        configuration.busyMode = .timeout(30)
        configuration.foreignKeysEnabled = true
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        queue = try DatabaseQueue(path: path, configuration: configuration)
        try SurveySchema.migrator.migrate(queue)
    }

    /// Opens a database that must already exist (for reports and merges).
    public static func openExisting(path: String) throws -> SurveyDatabase {
        guard FileManager.default.fileExists(atPath: path) else { throw SurveyError.databaseMissing(path) }
        return try SurveyDatabase(path: path)
    }

    // MARK: - Recordings

    /// What the database remembers of a recording file.
    public struct StoredRecording: Equatable, Sendable {
        public var id: Int64
        public var path: String
        public var size: Int64
        public var mtime: Double
        public var contentHash: String
    }

    /// The stored row for `path` (relative to the survey root), if any.
    public func recording(path: String) throws -> StoredRecording? {
        try queue.read { db in
            try Row.fetchOne(db, sql: "SELECT id, path, size, mtime, content_hash FROM recordings WHERE path = ?", arguments: [path])
                .map { StoredRecording(id: $0["id"], path: $0["path"], size: $0["size"], mtime: $0["mtime"], contentHash: $0["content_hash"]) }
        }
    }

    /// Inserts or updates a recording. When its content hash changed, its old detections and
    /// processing records are dropped (for every model), so it is analysed again.
    @discardableResult
    public func upsertRecording(_ entry: SurveyRecording) throws -> Int64 {
        try queue.write { db in
            let start = entry.startTime.map(SurveyTime.isoUTC)
            if let row = try Row.fetchOne(db, sql: "SELECT id, content_hash FROM recordings WHERE path = ?", arguments: [entry.path]) {
                let id: Int64 = row["id"]
                let oldHash: String = row["content_hash"]
                if oldHash != entry.contentHash {
                    try db.execute(sql: "DELETE FROM detections WHERE recording_id = ?", arguments: [id])
                    try db.execute(sql: "DELETE FROM processings WHERE recording_id = ?", arguments: [id])
                    try db.execute(sql: "UPDATE recordings SET status = 'new', error = NULL, duration_s = NULL WHERE id = ?", arguments: [id])
                }
                try db.execute(
                    sql: "UPDATE recordings SET size = ?, mtime = ?, content_hash = ?, site = ?, start_time = ? WHERE id = ?",
                    arguments: [entry.size, entry.mtime, entry.contentHash, entry.site, start, id])
                return id
            }
            try db.execute(
                sql: """
                    INSERT INTO recordings (path, size, mtime, content_hash, site, start_time, status)
                    VALUES (?, ?, ?, ?, ?, ?, 'new')
                    """,
                arguments: [entry.path, entry.size, entry.mtime, entry.contentHash, entry.site, start])
            return db.lastInsertedRowID
        }
    }

    // MARK: - Models and runs

    /// Records a model version (idempotent).
    public func registerModel(id: String, classes: [String], thresholds: [Float], description: String) throws {
        let classesJSON = String(decoding: try JSONEncoder().encode(classes), as: UTF8.self)
        let thresholdsJSON = String(decoding: try JSONEncoder().encode(thresholds.map { Double($0) }), as: UTF8.self)
        try queue.write { db in
            try db.execute(
                sql: "INSERT OR IGNORE INTO models (id, classes, thresholds, description) VALUES (?, ?, ?, ?)",
                arguments: [id, classesJSON, thresholdsJSON, description])
        }
    }

    /// Starts a run row; returns its id.
    public func beginRun(arguments: String, modelID: String, shard: SurveyShard?, startedAt: Date) throws -> Int64 {
        try queue.write { db in
            try db.execute(
                sql: "INSERT INTO runs (started_at, arguments, model_id, shard) VALUES (?, ?, ?, ?)",
                arguments: [SurveyTime.isoUTC(startedAt), arguments, modelID, shard?.description])
            return db.lastInsertedRowID
        }
    }

    /// Closes a run row with its counts.
    public func finishRun(id: Int64, processed: Int, skipped: Int, failed: Int, endedAt: Date) throws {
        try queue.write { db in
            try db.execute(
                sql: "UPDATE runs SET ended_at = ?, processed = ?, skipped = ?, failed = ? WHERE id = ?",
                arguments: [SurveyTime.isoUTC(endedAt), processed, skipped, failed, id])
        }
    }

    // MARK: - Results

    /// Whether (recording, model) already finished for this content (ok, or failed when
    /// `retryFailed` is false).
    public func isProcessed(recordingID: Int64, modelID: String, contentHash: String, retryFailed: Bool) throws -> Bool {
        try queue.read { db in
            guard let row = try Row.fetchOne(
                db, sql: "SELECT status, content_hash FROM processings WHERE recording_id = ? AND model_id = ?",
                arguments: [recordingID, modelID])
            else { return false }
            let hash: String = row["content_hash"]
            let status: String = row["status"]
            return hash == contentHash && (status == "done" || !retryFailed)
        }
    }

    /// Commits one recording's outcome in a single transaction: its detections replace any
    /// earlier ones for this model, and the ledger row marks it done (or failed with the error).
    public func commit(
        recordingID: Int64, modelID: String, contentHash: String, runID: Int64, outcome: SurveyOutcome
    ) throws {
        try queue.write { db in
            try db.execute(sql: "DELETE FROM detections WHERE recording_id = ? AND model_id = ?", arguments: [recordingID, modelID])
            switch outcome {
            case .analysed(let info, let detections):
                try db.execute(
                    sql: "UPDATE recordings SET duration_s = ?, sample_rate = ?, channels = ?, status = 'done', error = NULL WHERE id = ?",
                    arguments: [info.duration, info.sampleRate, info.channels, recordingID])
                let insert = try db.makeStatement(sql: """
                    INSERT OR REPLACE INTO detections
                      (recording_id, model_id, channel, start_s, end_s, species, confidence, mean_confidence)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """)
                for d in detections {
                    try insert.execute(arguments: [
                        recordingID, modelID, d.channel ?? 0, d.start, d.end, d.species,
                        Double(d.confidence), Double(d.meanConfidence),
                    ])
                }
                try db.execute(
                    sql: "INSERT OR REPLACE INTO processings (recording_id, model_id, content_hash, status, error, run_id) VALUES (?, ?, ?, 'done', NULL, ?)",
                    arguments: [recordingID, modelID, contentHash, runID])
            case .failed(let message):
                try db.execute(sql: "UPDATE recordings SET status = 'failed', error = ? WHERE id = ?", arguments: [message, recordingID])
                try db.execute(
                    sql: "INSERT OR REPLACE INTO processings (recording_id, model_id, content_hash, status, error, run_id) VALUES (?, ?, ?, 'failed', ?, ?)",
                    arguments: [recordingID, modelID, contentHash, message, runID])
            }
        }
    }
}

/// A recording file as discovered under the survey root.
public struct SurveyRecording: Equatable, Sendable {
    /// Path relative to the survey root, with `/` separators.
    public var path: String
    public var size: Int64
    public var mtime: Double
    public var contentHash: String
    public var site: String
    /// Absolute start time from the file name, if it carries one.
    public var startTime: Date?

    public init(path: String, size: Int64, mtime: Double, contentHash: String, site: String, startTime: Date?) {
        self.path = path
        self.size = size
        self.mtime = mtime
        self.contentHash = contentHash
        self.site = site
        self.startTime = startTime
    }
}

/// The result of analysing one recording with one model.
public enum SurveyOutcome: Sendable {
    /// Audio facts and the detections found (possibly none).
    case analysed(SurveyAudioFacts, [Detection])
    /// The recording could not be analysed; the message names the file and the problem.
    case failed(String)
}

/// What the survey stores about a recording's audio.
public struct SurveyAudioFacts: Equatable, Sendable {
    public var duration: Double
    public var sampleRate: Int
    public var channels: Int

    public init(duration: Double, sampleRate: Int, channels: Int) {
        self.duration = duration
        self.sampleRate = sampleRate
        self.channels = channels
    }
}
