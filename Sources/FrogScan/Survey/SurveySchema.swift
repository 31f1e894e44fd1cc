import GRDB

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
enum SurveySchema {
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
                t.column("status", .text).notNull().defaults(to: "new")  // new | done | failed
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
                t.column("status", .text).notNull()  // done | failed
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
        return migrator
    }
}
