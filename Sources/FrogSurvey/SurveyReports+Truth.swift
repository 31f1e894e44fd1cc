import Foundation
import FrogCore

/// Presence from the survey against a truth table (`survey report --truth`): for every
/// site × night × species cell of the truth that the survey recorded, was the species detected
/// (at least one detection that night) and was it truly there.
public struct PresenceVsTruth: Sendable {
    /// Cell outcomes of one species, or of all.
    public struct Counts: Equatable, Sendable {
        public var truePositives = 0
        public var falsePositives = 0
        public var falseNegatives = 0
        public var trueNegatives = 0

        public init(truePositives: Int = 0, falsePositives: Int = 0, falseNegatives: Int = 0, trueNegatives: Int = 0) {
            self.truePositives = truePositives
            self.falsePositives = falsePositives
            self.falseNegatives = falseNegatives
            self.trueNegatives = trueNegatives
        }

        public var cells: Int { truePositives + falsePositives + falseNegatives + trueNegatives }
        /// Of the cells with a detection, the share truly present; nil with no detections.
        public var precision: Double? { ratio(truePositives, truePositives + falsePositives) }
        /// Of the cells truly present, the share detected; nil with none present.
        public var recall: Double? { ratio(truePositives, truePositives + falseNegatives) }

        private func ratio(_ a: Int, _ b: Int) -> Double? { b > 0 ? Double(a) / Double(b) : nil }

        mutating func add(detected: Bool, present: Bool) {
            switch (detected, present) {
            case (true, true): truePositives += 1
            case (true, false): falsePositives += 1
            case (false, true): falseNegatives += 1
            case (false, false): trueNegatives += 1
            }
        }

        /// "precision 0.95 (19/20), recall 0.90 (19/21)"; NA where nothing was detected / present.
        var text: String {
            func part(_ name: String, _ value: Double?, _ a: Int, _ b: Int) -> String {
                "\(name) \(value.map { String(format: "%.2f", $0) } ?? "NA") (\(a)/\(b))"
            }
            return part("precision", precision, truePositives, truePositives + falsePositives) + ", "
                + part("recall", recall, truePositives, truePositives + falseNegatives)
        }
    }

    /// Per species, in the model's class order (species with no truth rows left out).
    public var bySpecies: [(species: String, counts: Counts)]
    public var overall: Counts
    /// Truth site-nights (in the reported range) with no analysed audio: neither hits nor misses.
    public var notCoveredSiteNights: Int
    /// `presence_vs_truth.csv`: `site,night,species,detected,true,outcome`.
    public var csv: String

    /// One line per species, the overall line, and what was not covered.
    public var summaryLines: [String] {
        var lines = bySpecies.map { "presence vs truth, \($0.species): \($0.counts.text) over \($0.counts.cells) site-nights" }
        lines.append("presence vs truth: \(overall.text) over \(overall.cells) site-nights × species")
        if notCoveredSiteNights > 0 {
            lines.append("presence vs truth: \(notCoveredSiteNights) site-night(s) of the truth have no analysed recordings "
                + "(not covered; listed as not_covered, not counted as misses)")
        }
        return lines
    }
}

extension SurveyReports {
    /// Reads the truth table at `path` (its species checked against the reported model's) and
    /// compares the survey's presence with it. Honors `options` (night range, model) as the
    /// other reports do. Writes nothing, so a bad truth file fails before any report is written.
    public func compare(truthPath path: String, options: Options = Options()) throws -> PresenceVsTruth {
        let data = try SurveyReportData.load(from: database, modelID: options.modelID)
        let truth = try SurveyTruth.load(path: path, knownSpecies: data.species)
        return try compare(truth, data: data, options: options)
    }

    /// Writes `presence_vs_truth.csv` of `comparison` into `folder` (atomically).
    @discardableResult
    public static func write(_ comparison: PresenceVsTruth, to folder: URL) throws -> URL {
        let url = folder.appendingPathComponent("presence_vs_truth.csv")
        try AtomicFile.write(comparison.csv, to: url)
        return url
    }

    private func compare(_ truth: SurveyTruth, data: SurveyReportData, options: Options) throws -> PresenceVsTruth {
        let coverage = try Coverage(recordings: data.recordings, time: time)
        let detected = Set(placedDetections(data, inRange: options.includes).map {
            SurveyTruth.Cell(site: $0.site, night: $0.night, species: $0.species)
        })
        let order = Dictionary(uniqueKeysWithValues: data.species.enumerated().map { ($1, $0) })
        let cells = truth.present.keys.filter { options.includes($0.night) }.sorted {
            ($0.site, $0.night, order[$0.species] ?? .max) < ($1.site, $1.night, order[$1.species] ?? .max)
        }
        var table = CSVTable(columns: ["site", "night", "species", "detected", "true", "outcome"])
        var bySpecies: [String: PresenceVsTruth.Counts] = [:]
        var overall = PresenceVsTruth.Counts()
        var notCovered = Set<String>()
        for cell in cells {
            let present = truth.present[cell]!
            guard coverage.hours(site: cell.site, night: cell.night) > 0 else {
                notCovered.insert("\(cell.site)\t\(cell.night)")
                table.append([cell.site, cell.night, cell.species, "NA", present ? "1" : "0", "not_covered"])
                continue
            }
            let hit = detected.contains(cell)
            bySpecies[cell.species, default: .init()].add(detected: hit, present: present)
            overall.add(detected: hit, present: present)
            let outcome = hit ? (present ? "tp" : "fp") : (present ? "fn" : "tn")
            table.append([cell.site, cell.night, cell.species, hit ? "1" : "0", present ? "1" : "0", outcome])
        }
        return PresenceVsTruth(
            bySpecies: data.species.compactMap { species in bySpecies[species].map { (species: species, counts: $0) } },
            overall: overall, notCoveredSiteNights: notCovered.count, csv: table.text)
    }
}
