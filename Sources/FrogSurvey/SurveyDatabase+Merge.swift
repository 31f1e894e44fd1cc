import GRDB

extension SurveyDatabase {
    /// Adds what `source` holds and this database lacks, in one transaction (so a failed merge
    /// adds nothing of that source). Idempotent: merging the same source again adds nothing.
    ///
    /// Recordings are matched by path. A recording this database already has is updated only
    /// when the source analysed the same content and this database has not; a (recording,
    /// model) result is taken from the source only when this database has no result for the same
    /// content, or a failed or warned one where the source's is `done`; then with the source's
    /// detections. Runs are copied once, recognised by start time, arguments, model
    /// and shard.
    func merge(from source: SurveyDatabase) throws -> SurveyMerge.Summary {
        var summary = SurveyMerge.Summary()
        let snapshot = try source.read { db in
            (models: try Row.fetchAll(db, sql: "SELECT * FROM models ORDER BY id"),
             recordings: try Row.fetchAll(db, sql: "SELECT * FROM recordings ORDER BY path"),
             processings: try Row.fetchAll(db, sql: "SELECT * FROM processings ORDER BY recording_id, model_id"),
             detections: try Row.fetchAll(db, sql: "SELECT * FROM detections ORDER BY id"),
             runs: try Row.fetchAll(db, sql: "SELECT * FROM runs ORDER BY id"))
        }
        // Statuses are decoded on the source's side, so an unknown one names the source.
        let sourceStatuses = try Self.named(source.path) {
            (recordings: try snapshot.recordings.map { try $0.decode(RecordingStatus.self, forColumn: "status") },
             processings: try snapshot.processings.map { try $0.decode(RecordingStatus.self, forColumn: "status") })
        }
        try write { db in
            for m in snapshot.models {
                try db.execute(sql: "INSERT OR IGNORE INTO models (id, classes, thresholds, description) VALUES (?, ?, ?, ?)",
                               arguments: [m["id"], m["classes"], m["thresholds"], m["description"]])
            }
            var idMap: [Int64: Int64] = [:]
            for (r, status) in zip(snapshot.recordings, sourceStatuses.recordings) {
                let path: String = r["path"]
                if let existing = try Row.fetchOne(db, sql: "SELECT id, content_hash, status FROM recordings WHERE path = ?", arguments: [path]) {
                    idMap[r["id"]] = existing["id"]
                    let sameContent = (existing["content_hash"] as String) == (r["content_hash"] as String)
                    let existingStatus = try existing.decode(RecordingStatus.self, forColumn: "status")
                    if sameContent, !existingStatus.isAnalysed, status.isAnalysed {
                        try db.execute(
                            sql: """
                                UPDATE recordings SET duration_s = ?, declared_duration_s = ?, sample_rate = ?, channels = ?,
                                  status = ?, error = ? WHERE id = ?
                                """,
                            arguments: [r["duration_s"], r["declared_duration_s"], r["sample_rate"], r["channels"], status,
                                        r["error"], existing["id"]])
                    }
                    continue
                }
                try db.execute(sql: """
                    INSERT INTO recordings (path, size, mtime, content_hash, site, start_time, duration_s, sample_rate, channels, status, error,
                                            declared_duration_s)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [r["path"], r["size"], r["mtime"], r["content_hash"], r["site"], r["start_time"],
                                     r["duration_s"], r["sample_rate"], r["channels"], status, r["error"], r["declared_duration_s"]])
                idMap[r["id"]] = db.lastInsertedRowID
                summary.recordings += 1
            }
            // A (recording, model) result is taken from the source only when the destination
            // has no finished result for the same content.
            var adopted = Set<String>()
            for (p, status) in zip(snapshot.processings, sourceStatuses.processings) {
                guard let target = idMap[p["recording_id"]] else { continue }
                let model: String = p["model_id"]
                let hash: String = p["content_hash"]
                let existing = try Row.fetchOne(db, sql: "SELECT status, content_hash FROM processings WHERE recording_id = ? AND model_id = ?",
                                                arguments: [target, model])
                let destinationHash: String? = try String.fetchOne(db, sql: "SELECT content_hash FROM recordings WHERE id = ?", arguments: [target])
                guard destinationHash == hash else { continue }  // the source saw other content
                if let existing, (existing["content_hash"] as String) == hash,
                    try existing.decode(RecordingStatus.self, forColumn: "status") == .done || status != .done { continue }
                try db.execute(sql: "DELETE FROM detections WHERE recording_id = ? AND model_id = ?", arguments: [target, model])
                try db.execute(sql: "INSERT OR REPLACE INTO processings (recording_id, model_id, content_hash, status, error, run_id) VALUES (?, ?, ?, ?, ?, NULL)",
                               arguments: [target, model, hash, status, p["error"]])
                adopted.insert("\(target)\t\(model)")
            }
            for d in snapshot.detections {
                guard let target = idMap[d["recording_id"]], adopted.contains("\(target)\t\(d["model_id"] as String)") else { continue }
                try db.execute(sql: """
                    INSERT OR IGNORE INTO detections (recording_id, model_id, channel, start_s, end_s, species, confidence, mean_confidence)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [target, d["model_id"], d["channel"], d["start_s"], d["end_s"], d["species"], d["confidence"], d["mean_confidence"]])
                summary.detections += db.changesCount
            }
            for run in snapshot.runs {
                let exists = try Bool.fetchOne(db, sql: """
                    SELECT COUNT(*) > 0 FROM runs WHERE started_at = ? AND arguments = ? AND model_id = ? AND shard IS ?
                    """, arguments: [run["started_at"], run["arguments"], run["model_id"], run["shard"]]) ?? false
                if exists { continue }
                try db.execute(sql: """
                    INSERT INTO runs (started_at, ended_at, arguments, model_id, shard, processed, skipped, failed)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [run["started_at"], run["ended_at"], run["arguments"], run["model_id"], run["shard"],
                                     run["processed"], run["skipped"], run["failed"]])
            }
        }
        return summary
    }
}
