import Foundation
import FrogCore
import FrogData

/// `detections.csv`: one row per detection,
/// `file,start_s,end_s,species,confidence,mean_confidence,channel,site,start_time,model_id,threshold,window_s,overlap`.
///
/// Times are written with 4 decimals (0.1 ms, far below a feature frame) and scores with 4, so
/// a row reads back to the values written within that rounding. `channel` is empty for a mix,
/// `site` and `start_time` are empty when unknown.
public enum DetectionsCSV {
    public static let header = [
        "file", "start_s", "end_s", "species", "confidence", "mean_confidence", "channel", "site",
        "start_time", "model_id", "threshold", "window_s", "overlap",
    ]

    /// The file's text for `records`, in the order given.
    public static func text(_ records: [DetectionRecord]) -> String {
        var table = CSVTable(columns: header)
        for r in records {
            let d = r.detection
            table.append([
                d.file, seconds(d.start), seconds(d.end), d.species, score(d.confidence),
                score(d.meanConfidence), d.channel.map(String.init) ?? "", r.site ?? "",
                r.startTime ?? "", r.modelID, score(r.threshold), seconds(r.windowSeconds),
                String(format: "%.4g", r.overlap),
            ])
        }
        return table.text
    }

    /// Writes `records` to `url` atomically.
    public static func write(_ records: [DetectionRecord], to url: URL) throws {
        try AtomicFile.write(text(records), to: url)
    }

    /// Reads a detections file. Only `file,start_s,end_s,species,confidence` are required, so
    /// hand-made or trimmed files work too; missing provenance reads as empty/zero.
    public static func read(_ url: URL) throws -> [DetectionRecord] {
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw DetectError.unreadableDetections(path: url.path, line: 0, reason: "cannot read the file (\(error.localizedDescription))")
        }
        let rows: [CSVRecord]
        do { rows = try CSVRecords.parse(text, source: url.path) } catch {
            throw DetectError.unreadableDetections(path: url.path, line: 0, reason: "\(error)")
        }
        guard let head = rows.first?.fields else {
            throw DetectError.unreadableDetections(path: url.path, line: 1, reason: "the file is empty")
        }
        var column: [String: Int] = [:]
        for (i, name) in head.enumerated() { column[name.trimmingCharacters(in: .whitespaces)] = i }
        for required in header.prefix(5) where column[required] == nil {
            throw DetectError.unreadableDetections(path: url.path, line: 1, reason: "no '\(required)' column")
        }
        var records: [DetectionRecord] = []
        for record in rows.dropFirst() {
            let row = record.fields
            func field(_ name: String) -> String? {
                guard let i = column[name], i < row.count else { return nil }
                let value = row[i]
                return value.isEmpty ? nil : value
            }
            func number(_ name: String) throws -> Double {
                guard let text = field(name), let value = Double(text) else {
                    throw DetectError.unreadableDetections(path: url.path, line: record.line, reason: "'\(name)' is not a number")
                }
                return value
            }
            guard let file = field("file"), let species = field("species") else {
                throw DetectError.unreadableDetections(path: url.path, line: record.line, reason: "empty 'file' or 'species'")
            }
            let confidence = Float(try number("confidence"))
            let detection = Detection(
                file: file, channel: field("channel").flatMap { Int($0) }, start: try number("start_s"),
                end: try number("end_s"), species: species, confidence: confidence,
                meanConfidence: field("mean_confidence").flatMap { Float($0) } ?? confidence)
            records.append(DetectionRecord(
                detection: detection, site: field("site"), startTime: field("start_time"),
                modelID: field("model_id") ?? "", threshold: field("threshold").flatMap { Float($0) } ?? 0,
                windowSeconds: field("window_s").flatMap { Double($0) } ?? 0,
                overlap: field("overlap").flatMap { Double($0) } ?? 0))
        }
        return records
    }

    static func seconds(_ value: Double) -> String { String(format: "%.4f", value) }
    package static func score(_ value: Float) -> String { String(format: "%.4f", value) }
}
