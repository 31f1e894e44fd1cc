import GRDB

extension SurveyDatabase {
    /// The survey database's tables, created and upgraded by numbered migrations.
    ///
    /// - `recordings`: one row per audio file (path relative to the survey root), with what was known
    ///   when it was last seen (size, modification time, content hash, site, start time, duration) and
    ///   the status of its latest processing.
    /// - `models`: each model version used (content hash id, classes, thresholds).
    /// - `processings`: one row per (recording, model) that finished, ok or failed — the resume
    ///   ledger: written in the same transaction as the recording's detections.
    /// - `detections`: calling events, per recording and model.
    /// - `runs`: every `survey run` invocation with its arguments and counts.
    ///
    /// The file is marked as frogscan's with `PRAGMA application_id` (`applicationID`, "FROG") and
    /// `PRAGMA user_version` (`userVersion`, the schema version), so another program's database is
    /// recognised and left alone.
    enum Schema {
        /// `PRAGMA application_id` of survey databases: the bytes "FROG".
        static let applicationID: Int32 = 0x4652_4F47
        /// `PRAGMA user_version`: the number of the last migration.
        static let userVersion: Int32 = 2
        /// Tables every survey database has (databases made before the application id have them
        /// and application id 0).
        static let ownTables: Set<String> = ["recordings", "models", "runs", "processings", "detections", "grdb_migrations"]

        /// Refuses a database that is not frogscan's: one with tables but another application id,
        /// or application id 0 and tables that are not all frogscan's. A new (empty) file and an
        /// earlier frogscan's database are accepted and, with `stamp`, marked as frogscan's.
        static func checkOwnership(of writer: any DatabaseWriter, path: String, stamp: Bool) throws {
            let (id, tables) = try writer.read { db in
                (try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0,
                 try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"))
            }
            if id == applicationID { return }
            let ours = id == 0 && (tables.isEmpty || Set(tables).isSubset(of: ownTables) && tables.contains("recordings"))
            guard ours else { throw SurveyError.foreignDatabase(path: path, applicationID: id, tables: tables) }
            if stamp {
                try writer.writeWithoutTransaction { db in
                    try db.execute(sql: "PRAGMA application_id = \(applicationID)")
                    try db.execute(sql: "PRAGMA user_version = \(userVersion)")
                }
            }
        }

        static var migrator: DatabaseMigrator {
            var migrator = DatabaseMigrator()
            migrator.registerMigration("v1") { db in
                try db.create(table: "recordings") { t in
                    t.autoIncrementedPrimaryKey("id")
                    t.column("path", .text).notNull().unique()
                    t.column("size", .integer).notNull()
                    t.column("mtime", .double).notNull()
                    t.column("content_hash", .text).notNull()
                    t.column("site", .text).notNull()
                    t.column("start_time", .text)  // ISO 8601 UTC, nil when the name has no timestamp
                    t.column("duration_s", .double)
                    t.column("sample_rate", .integer)
                    t.column("channels", .integer)
                    t.column("status", .text).notNull().defaults(to: RecordingStatus.new)  // RecordingStatus, never pending
                    t.column("error", .text)
                }
                try db.create(table: "models") { t in
                    t.primaryKey("id", .text)
                    t.column("classes", .text).notNull()  // JSON array
                    t.column("thresholds", .text).notNull()  // JSON array, classes order
                    t.column("description", .text)
                }
                try db.create(table: "runs") { t in
                    t.autoIncrementedPrimaryKey("id")
                    t.column("started_at", .text).notNull()
                    t.column("ended_at", .text)
                    t.column("arguments", .text).notNull()
                    t.column("model_id", .text).notNull()
                    t.column("shard", .text)
                    t.column("processed", .integer).notNull().defaults(to: 0)
                    t.column("skipped", .integer).notNull().defaults(to: 0)
                    t.column("failed", .integer).notNull().defaults(to: 0)
                }
                try db.create(table: "processings") { t in
                    t.column("recording_id", .integer).notNull()
                        .references("recordings", onDelete: .cascade)
                    t.column("model_id", .text).notNull().references("models")
                    t.column("content_hash", .text).notNull()
                    t.column("status", .text).notNull()  // RecordingStatus: done, truncated, damaged or failed
                    t.column("error", .text)
                    t.column("run_id", .integer)
                    t.primaryKey(["recording_id", "model_id"])
                }
                try db.create(table: "detections") { t in
                    t.autoIncrementedPrimaryKey("id")
                    t.column("recording_id", .integer).notNull()
                        .references("recordings", onDelete: .cascade)
                    t.column("model_id", .text).notNull().references("models")
                    t.column("channel", .integer).notNull().defaults(to: 0)  // 0 = mix
                    t.column("start_s", .double).notNull()
                    t.column("end_s", .double).notNull()
                    t.column("species", .text).notNull()
                    t.column("confidence", .double).notNull()
                    t.column("mean_confidence", .double).notNull()
                    t.uniqueKey(["recording_id", "model_id", "channel", "species", "start_s"])
                }
                try db.create(index: "detections_by_species", on: "detections", columns: ["model_id", "species"])
            }
            // A recording analysed up to where its data ends: the length its header promised
            // (status `truncated`; duration_s is what it holds).
            migrator.registerMigration("v2") { db in
                try db.alter(table: "recordings") { t in t.add(column: "declared_duration_s", .double) }
                try db.execute(sql: "PRAGMA user_version = \(userVersion)")
            }
            return migrator
        }
    }
}
