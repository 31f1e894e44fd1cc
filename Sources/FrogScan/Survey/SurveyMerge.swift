import Foundation
import GRDB

/// Combines survey databases written by separate shards (`--shard i/N`) into one. Idempotent:
/// merging the same source twice changes nothing, so a merge can simply be re-run after a late
/// shard finishes.
public enum SurveyMerge {
    /// What a merge added.
    public struct Summary: Equatable, Sendable {
        public var recordings = 0
        public var detections = 0
        public init() {}
    }

    /// Merges each database at `sources` into `destination`, one transaction per source.
    public static func merge(sources: [String], into destination: SurveyDatabase) throws -> Summary {
        var summary = Summary()
        for source in sources {
            let input = try SurveyDatabase.openExisting(path: source)
            let snapshot = try input.read { db in
                (models: try Row.fetchAll(db, sql: "SELECT * FROM models ORDER BY id"),
                 recordings: try Row.fetchAll(db, sql: "SELECT * FROM recordings ORDER BY path"),
                 processings: try Row.fetchAll(db, sql: "SELECT * FROM processings ORDER BY recording_id, model_id"),
                 detections: try Row.fetchAll(db, sql: "SELECT * FROM detections ORDER BY id"),
                 runs: try Row.fetchAll(db, sql: "SELECT * FROM runs ORDER BY id"))
            }
            try destination.write { db in
                for m in snapshot.models {
                    try db.execute(sql: "INSERT OR IGNORE INTO models (id, classes, thresholds, description) VALUES (?, ?, ?, ?)",
                                   arguments: [m["id"], m["classes"], m["thresholds"], m["description"]])
                }
                var idMap: [Int64: Int64] = [:]
                for r in snapshot.recordings {
                    let path: String = r["path"]
                    if let existing = try Row.fetchOne(db, sql: "SELECT id, content_hash, status FROM recordings WHERE path = ?", arguments: [path]) {
                        idMap[r["id"]] = existing["id"]
                        let sameContent = (existing["content_hash"] as String) == (r["content_hash"] as String)
                        let analysed = SurveyReportData.analysed
                        if sameContent, !analysed.contains(existing["status"] as String), analysed.contains(r["status"] as String) {
                            try db.execute(
                                sql: """
                                    UPDATE recordings SET duration_s = ?, declared_duration_s = ?, sample_rate = ?, channels = ?,
                                      status = ?, error = ? WHERE id = ?
                                    """,
                                arguments: [r["duration_s"], r["declared_duration_s"], r["sample_rate"], r["channels"], r["status"],
                                            r["error"], existing["id"]])
                        }
                        continue
                    }
                    try db.execute(sql: """
                        INSERT INTO recordings (path, size, mtime, content_hash, site, start_time, duration_s, sample_rate, channels, status, error,
                                                declared_duration_s)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """, arguments: [r["path"], r["size"], r["mtime"], r["content_hash"], r["site"], r["start_time"],
                                         r["duration_s"], r["sample_rate"], r["channels"], r["status"], r["error"], r["declared_duration_s"]])
                    idMap[r["id"]] = db.lastInsertedRowID
                    summary.recordings += 1
                }
                // A (recording, model) result is taken from the source only when the destination
                // has no finished result for the same content.
                var adopted = Set<String>()
                for p in snapshot.processings {
                    guard let target = idMap[p["recording_id"]] else { continue }
                    let model: String = p["model_id"]
                    let hash: String = p["content_hash"]
                    let existing = try Row.fetchOne(db, sql: "SELECT status, content_hash FROM processings WHERE recording_id = ? AND model_id = ?",
                                                    arguments: [target, model])
                    let destinationHash: String? = try String.fetchOne(db, sql: "SELECT content_hash FROM recordings WHERE id = ?", arguments: [target])
                    guard destinationHash == hash else { continue }  // the source saw other content
                    if let existing, (existing["content_hash"] as String) == hash,
                        (existing["status"] as String) == "done" || (p["status"] as String) != "done" { continue }
                    try db.execute(sql: "DELETE FROM detections WHERE recording_id = ? AND model_id = ?", arguments: [target, model])
                    try db.execute(sql: "INSERT OR REPLACE INTO processings (recording_id, model_id, content_hash, status, error, run_id) VALUES (?, ?, ?, ?, ?, NULL)",
                                   arguments: [target, model, hash, p["status"], p["error"]])
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
        }
        return summary
    }
}
