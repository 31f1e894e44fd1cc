import Foundation
import FrogDetect
import GRDB

/// The survey's SQLite database (GRDB): recordings, models, runs, per-(recording, model)
/// processing ledger and detections. Every recording's results are committed in one
/// transaction, so a run killed at any moment leaves either all of a recording's detections
/// or none, and the next run finishes the work without duplicates.
///
/// All of the survey's SQL lives in this type and its extensions (`SurveyDatabase+Merge.swift`,
/// `SurveyDatabase+Reports.swift`, `SurveyDatabase+Schema.swift`): the connection is private, and
/// merges, reports and review samples call typed methods.
public final class SurveyDatabase: Sendable {
    /// Where the database lives (`:memory:` for a `DatabaseQueue()` in memory).
    public let path: String
    /// True when opened with `readOnly`: nothing is created, migrated or written.
    public let isReadOnly: Bool
    private let writer: any DatabaseWriter

    /// Opens (creating and migrating if needed) the database at `path`; with `readOnly`, opens
    /// an existing one for reading only (reports: a database the user may only read works).
    /// A database of another program (tables, but not frogscan's `application_id`) is refused
    /// untouched; every SQLite failure is a `SurveyError.database` naming the file.
    public convenience init(path: String, readOnly: Bool = false) throws {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            throw SurveyError.database(path: path, problem: "is a folder", advice: "give the path of a database file, e.g. \(path)/survey.sqlite")
        }
        // Ownership is checked on a read-only connection first: opening in WAL mode would
        // already rewrite another program's file header.
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)??.intValue ?? 0
        if !readOnly, size > 0 {
            var probeConfiguration = Configuration()
            probeConfiguration.readonly = true
            try SurveyDatabase.named(path) {
                let probe = try DatabaseQueue(path: path, configuration: probeConfiguration)
                try Schema.checkOwnership(of: probe, path: path, stamp: false)
                try probe.close()
            }
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(30)
        configuration.foreignKeysEnabled = true
        if readOnly {
            configuration.readonly = true
        } else {
            configuration.journalMode = .wal
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }
        let queue = try SurveyDatabase.named(path) { try DatabaseQueue(path: path, configuration: configuration) }
        try self.init(writer: queue, path: path, readOnly: readOnly)
    }

    /// Uses a connection the caller opened, e.g. `DatabaseQueue()` in memory for tests: the same
    /// ownership check and migrations as `init(path:)` (none when the connection is read-only).
    /// Journal mode, busy timeout and foreign keys are the connection's own configuration.
    public convenience init(_ writer: any DatabaseWriter) throws {
        try self.init(writer: writer, path: writer.path, readOnly: writer.configuration.readonly)
    }

    /// The schema setup both public initialisers share: refuse another program's database, then
    /// stamp and migrate unless read-only.
    private init(writer: any DatabaseWriter, path: String, readOnly: Bool) throws {
        self.path = path
        isReadOnly = readOnly
        self.writer = writer
        try SurveyDatabase.named(path) {
            try Schema.checkOwnership(of: writer, path: path, stamp: !readOnly)
            if !readOnly { try Schema.migrator.migrate(writer) }
        }
    }

    /// Opens a database that must already exist (for merges).
    public static func openExisting(path: String) throws -> SurveyDatabase {
        guard FileManager.default.fileExists(atPath: path) else { throw SurveyError.databaseMissing(path) }
        return try SurveyDatabase(path: path)
    }

    /// Opens a database that must already exist, for reading only (reports).
    public static func openForReading(path: String) throws -> SurveyDatabase {
        guard FileManager.default.fileExists(atPath: path) else { throw SurveyError.databaseMissing(path) }
        return try SurveyDatabase(path: path, readOnly: true)
    }

    /// Reads in one transaction; SQLite errors name the database. Internal only because Swift has
    /// no access level for "this type's extensions in other files": nothing but SurveyDatabase's
    /// own extensions calls it.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        try Self.named(path) { try writer.read(body) }
    }

    /// Writes in one transaction; SQLite errors name the database. Only SurveyDatabase's own
    /// extensions call it (see `read`).
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        try Self.named(path) { try writer.write(body) }
    }

    /// Runs `body`, turning a GRDB `DatabaseError` into `SurveyError.database` naming `path`, and
    /// a value this version cannot read (e.g. a status string it does not know) into one too.
    static func named<T>(_ path: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError {
            throw SurveyError.database(error, path: path)
        } catch let error as RowDecodingError {
            throw SurveyError.database(
                path: path, problem: "holds a value this frogscan cannot read (\(error))",
                advice: "it may have been written by a newer frogscan; use that version")
        }
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
        try read { db in
            try Row.fetchOne(db, sql: "SELECT id, path, size, mtime, content_hash FROM recordings WHERE path = ?", arguments: [path])
                .map { StoredRecording(id: $0["id"], path: $0["path"], size: $0["size"], mtime: $0["mtime"], contentHash: $0["content_hash"]) }
        }
    }

    /// Inserts or updates a recording. When its content hash changed, its old detections and
    /// processing records are dropped (for every model), so it is analysed again.
    @discardableResult
    public func upsertRecording(_ entry: SurveyRecording) throws -> Int64 {
        try write { db in
            let start = entry.startTime.map(SurveyTime.isoUTC)
            if let row = try Row.fetchOne(db, sql: "SELECT id, content_hash FROM recordings WHERE path = ?", arguments: [entry.path]) {
                let id: Int64 = row["id"]
                let oldHash: String = row["content_hash"]
                if oldHash != entry.contentHash {
                    try db.execute(sql: "DELETE FROM detections WHERE recording_id = ?", arguments: [id])
                    try db.execute(sql: "DELETE FROM processings WHERE recording_id = ?", arguments: [id])
                    try db.execute(
                        sql: "UPDATE recordings SET status = ?, error = NULL, duration_s = NULL, declared_duration_s = NULL WHERE id = ?",
                        arguments: [RecordingStatus.new, id])
                }
                try db.execute(
                    sql: "UPDATE recordings SET size = ?, mtime = ?, content_hash = ?, site = ?, start_time = ? WHERE id = ?",
                    arguments: [entry.size, entry.mtime, entry.contentHash, entry.site, start, id])
                return id
            }
            try db.execute(
                sql: """
                    INSERT INTO recordings (path, size, mtime, content_hash, site, start_time, status)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [entry.path, entry.size, entry.mtime, entry.contentHash, entry.site, start, RecordingStatus.new])
            return db.lastInsertedRowID
        }
    }

    // MARK: - Models and runs

    /// Records a model version (idempotent).
    public func registerModel(id: String, classes: [String], thresholds: [Float], description: String) throws {
        let classesJSON = String(decoding: try JSONEncoder().encode(classes), as: UTF8.self)
        let thresholdsJSON = String(decoding: try JSONEncoder().encode(thresholds.map { Double($0) }), as: UTF8.self)
        try write { db in
            try db.execute(
                sql: "INSERT OR IGNORE INTO models (id, classes, thresholds, description) VALUES (?, ?, ?, ?)",
                arguments: [id, classesJSON, thresholdsJSON, description])
        }
    }

    /// Starts a run row; returns its id.
    public func beginRun(arguments: String, modelID: String, shard: SurveyShard?, startedAt: Date) throws -> Int64 {
        try write { db in
            try db.execute(
                sql: "INSERT INTO runs (started_at, arguments, model_id, shard) VALUES (?, ?, ?, ?)",
                arguments: [SurveyTime.isoUTC(startedAt), arguments, modelID, shard?.description])
            return db.lastInsertedRowID
        }
    }

    /// Closes a run row with its counts.
    public func finishRun(id: Int64, processed: Int, skipped: Int, failed: Int, endedAt: Date) throws {
        try write { db in
            try db.execute(
                sql: "UPDATE runs SET ended_at = ?, processed = ?, skipped = ?, failed = ? WHERE id = ?",
                arguments: [SurveyTime.isoUTC(endedAt), processed, skipped, failed, id])
        }
    }

    // MARK: - Results

    /// Whether (recording, model) already finished for this content (analysed, possibly
    /// truncated, or failed when `retryFailed` is false).
    public func isProcessed(recordingID: Int64, modelID: String, contentHash: String, retryFailed: Bool) throws -> Bool {
        try read { db in
            guard let row = try Row.fetchOne(
                db, sql: "SELECT status, content_hash FROM processings WHERE recording_id = ? AND model_id = ?",
                arguments: [recordingID, modelID])
            else { return false }
            let hash: String = row["content_hash"]
            let status = try row.decode(RecordingStatus.self, forColumn: "status")
            return hash == contentHash && (status != .failed || !retryFailed)
        }
    }

    /// Commits one recording's outcome in a single transaction: its detections replace any
    /// earlier ones for this model, and the ledger row marks it done, truncated or damaged
    /// (analysed, with the warning in `error`), or failed with the error.
    public func commit(
        recordingID: Int64, modelID: String, contentHash: String, runID: Int64, outcome: SurveyOutcome
    ) throws {
        try write { db in
            try db.execute(sql: "DELETE FROM detections WHERE recording_id = ? AND model_id = ?", arguments: [recordingID, modelID])
            switch outcome {
            case .analysed(let info, let detections):
                try db.execute(
                    sql: """
                        UPDATE recordings SET duration_s = ?, declared_duration_s = ?, sample_rate = ?, channels = ?,
                          status = ?, error = ? WHERE id = ?
                        """,
                    arguments: [info.duration, info.declaredDuration, info.sampleRate, info.channels, info.status, info.warning, recordingID])
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
                    sql: "INSERT OR REPLACE INTO processings (recording_id, model_id, content_hash, status, error, run_id) VALUES (?, ?, ?, ?, ?, ?)",
                    arguments: [recordingID, modelID, contentHash, info.status, info.warning, runID])
            case .failed(let message):
                try db.execute(
                    sql: "UPDATE recordings SET status = ?, error = ? WHERE id = ?", arguments: [RecordingStatus.failed, message, recordingID])
                try db.execute(
                    sql: "INSERT OR REPLACE INTO processings (recording_id, model_id, content_hash, status, error, run_id) VALUES (?, ?, ?, ?, ?, ?)",
                    arguments: [recordingID, modelID, contentHash, RecordingStatus.failed, message, runID])
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
    /// Seconds analysed: what the file holds.
    public var duration: Double
    public var sampleRate: Int
    public var channels: Int
    /// `.done`; `.truncated` when the header promises more than the file holds (analysed up to
    /// where it ends); `.damaged` for other damage (NaN samples analysed as silence).
    public var status: RecordingStatus
    /// The length the header promises, for a truncated recording.
    public var declaredDuration: Double?
    /// What was wrong, naming the file; nil when nothing was.
    public var warning: String?

    public init(
        duration: Double, sampleRate: Int, channels: Int, status: RecordingStatus = .done, declaredDuration: Double? = nil,
        warning: String? = nil
    ) {
        self.duration = duration
        self.sampleRate = sampleRate
        self.channels = channels
        self.status = status
        self.declaredDuration = declaredDuration
        self.warning = warning
    }
}
