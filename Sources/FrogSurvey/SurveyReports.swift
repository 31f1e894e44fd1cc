import Foundation
import FrogCore
import FrogImage

/// Writes the survey's report CSVs from the database: per site × night × species summaries,
/// hourly activity (also plotted in `activity.png`), occupancy detection histories, coverage and
/// the recordings list.
///
/// Reports are a pure function of the database content: sorted rows, fixed number formatting and
/// no generation timestamps, so reruns, resumed runs and merged shards can be compared with `diff`.
public struct SurveyReports {
    /// Which part of the survey to report.
    public struct Options: Sendable {
        /// Only this night (`YYYY-MM-DD`, named by its evening).
        public var night: String?
        /// Only nights on or after this one.
        public var since: String?
        /// The model whose detections to report; default: the model of the latest run.
        public var modelID: String?

        public init(night: String? = nil, since: String? = nil, modelID: String? = nil) {
            self.night = night
            self.since = since
            self.modelID = modelID
        }

        /// Whether a night (`YYYY-MM-DD`) is in the reported range.
        func includes(_ night: String) -> Bool {
            if let only = self.night, night != only { return false }
            if let since, night < since { return false }
            return true
        }
    }

    public let database: SurveyDatabase
    public let time: SurveyTime

    public init(database: SurveyDatabase, time: SurveyTime) {
        self.database = database
        self.time = time
    }

    /// Writes every report into `folder` (atomically, file by file) and returns their URLs.
    @discardableResult
    public func write(to folder: URL, options: Options = Options()) throws -> [URL] {
        let data = try SurveyReportData.load(from: database, modelID: options.modelID)
        let inRange = options.includes
        let coverage = try Coverage(recordings: data.recordings, time: time)
        let events = placedDetections(data, inRange: inRange)
        let nights = coverage.nights.filter(inRange)
        let sites = Array(Set(data.recordings.map(\.site))).sorted()
        let activity = SurveyActivity(
            events: events, coverage: coverage, sites: sites, species: data.species, time: time, nightFilter: inRange)
        let files: [(String, String)] = [
            ("nightly_summary.csv", nightlySummary(data, coverage, events, sites, nights)),
            ("hourly_activity.csv", hourlyActivity(data, activity)),
            ("detection_history.csv", detectionHistory(data, coverage, events, sites, nights)),
            ("coverage.csv", coverageTable(data, coverage, sites, nights)),
            ("recordings.csv", recordingsTable(data)),
        ]
        var written: [URL] = []
        for (name, text) in files {
            let url = folder.appendingPathComponent(name)
            try AtomicFile.write(text, to: url)
            written.append(url)
        }
        // The plot goes last: the CSVs above created the folder. PNGEncoder writes atomically
        // and libpng puts no time stamp in the file, so the bytes depend on the data only.
        let plot = folder.appendingPathComponent("activity.png")
        try PNGEncoder.write(activity.chart(modelID: data.modelID), to: plot.path)
        written.append(plot)
        return written
    }

    /// The detections on the sites' clock, in the nights `inRange` accepts.
    func placedDetections(_ data: SurveyReportData, inRange: (String) -> Bool) -> [PlacedDetection] {
        data.detections.compactMap { d -> PlacedDetection? in
            guard let recording = data.recordingsByID[d.recordingID], let start = recording.startTime else { return nil }
            let at = start.addingTimeInterval(d.start)
            let night = time.night(of: at)
            guard inRange(night) else { return nil }
            return PlacedDetection(site: recording.site, night: night, species: d.species, start: at,
                                   end: start.addingTimeInterval(d.end), confidence: d.confidence)
        }
    }

    // MARK: - Tables

    private func nightlySummary(_ data: SurveyReportData, _ coverage: Coverage, _ events: [PlacedDetection], _ sites: [String], _ nights: [String]) -> String {
        var table = CSVTable(columns: [
            "site", "night", "species", "detections", "calling_minutes", "first_call", "last_call",
            "max_confidence", "recording_hours", "model_id", "threshold",
        ])
        let grouped = Dictionary(grouping: events) { "\($0.site)\t\($0.night)\t\($0.species)" }
        for site in sites {
            for night in nights {
                let hours = coverage.hours(site: site, night: night)
                guard hours > 0 else { continue }  // not surveyed: no zero rows, see coverage.csv
                for (species, threshold) in zip(data.species, data.thresholds) {
                    let list = grouped["\(site)\t\(night)\t\(species)"] ?? []
                    let minutes = Set(list.flatMap { $0.minutesCovered }).count
                    let first = list.map(\.start).min()
                    let last = list.map(\.end).max()
                    table.append([
                        site, night, species, String(list.count), String(minutes),
                        first.map(time.localTimestamp) ?? "", last.map(time.localTimestamp) ?? "",
                        list.isEmpty ? "" : CSVTable.format(list.map(\.confidence).max()!),
                        CSVTable.format(hours), data.modelID, CSVTable.format(threshold),
                    ])
                }
            }
        }
        return table.text
    }

    private func hourlyActivity(_ data: SurveyReportData, _ activity: SurveyActivity) -> String {
        var table = CSVTable(columns: ["site", "species", "hour", "detections", "recording_hours", "model_id"])
        for site in activity.sites {
            for species in activity.species {
                for hour in activity.hours {
                    table.append([
                        site, species, String(hour), String(activity.detections(site: site, species: species, hour: hour)),
                        CSVTable.format(activity.recorded(site: site, hour: hour)), data.modelID,
                    ])
                }
            }
        }
        return table.text
    }

    private func detectionHistory(_ data: SurveyReportData, _ coverage: Coverage, _ events: [PlacedDetection], _ sites: [String], _ nights: [String]) -> String {
        var table = CSVTable(columns: ["species", "site"] + nights + ["model_id"])
        let present = Set(events.map { "\($0.species)\t\($0.site)\t\($0.night)" })
        for species in data.species {
            for site in sites {
                let cells = nights.map { night -> String in
                    guard coverage.hours(site: site, night: night) > 0 else { return "NA" }
                    return present.contains("\(species)\t\(site)\t\(night)") ? "1" : "0"
                }
                table.append([species, site] + cells + [data.modelID])
            }
        }
        return table.text
    }

    private func coverageTable(_ data: SurveyReportData, _ coverage: Coverage, _ sites: [String], _ nights: [String]) -> String {
        var table = CSVTable(columns: ["site", "night", "recordings", "recording_hours", "surveyed"])
        for site in sites {
            for night in nights {
                let hours = coverage.hours(site: site, night: night)
                table.append([site, night, String(coverage.count(site: site, night: night)), CSVTable.format(hours), hours > 0 ? "yes" : "no"])
            }
        }
        return table.text
    }

    private func recordingsTable(_ data: SurveyReportData) -> String {
        var table = CSVTable(columns: [
            "path", "site", "start_time", "night", "duration_s", "status", "error", "detections", "model_id",
            "declared_duration_s",
        ])
        var counts: [Int64: Int] = [:]
        for d in data.detections { counts[d.recordingID, default: 0] += 1 }
        for r in data.recordings {
            table.append([
                r.path, r.site, r.startTime.map(time.localTimestamp) ?? "", r.startTime.map(time.night) ?? "",
                r.duration.map { CSVTable.format($0) } ?? "", r.status.rawValue, r.error ?? "", String(counts[r.id] ?? 0), data.modelID,
                r.declaredDuration.map { CSVTable.format($0) } ?? "",
            ])
        }
        return table.text
    }
}

/// A detection placed on the site's clock.
struct PlacedDetection {
    var site: String
    var night: String
    var species: String
    var start: Date
    var end: Date
    var confidence: Double

    /// The absolute minutes (since 1970) the event touches: "calling minutes" counts these.
    var minutesCovered: [Int] {
        let first = Int((start.timeIntervalSince1970 / 60).rounded(.down))
        let last = Int(((end.timeIntervalSince1970 - 1e-6) / 60).rounded(.down))
        return Array(first...max(first, last))
    }
}
