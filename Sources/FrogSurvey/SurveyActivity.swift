import Foundation
import FrogImage

/// Detections and recorded hours per site, species and local clock hour: the numbers behind
/// `hourly_activity.csv` and `activity.png`, computed once so the table and the plot agree.
struct SurveyActivity {
    /// Clock hours in night order (the night's first hour first), so a chorus reads left to right.
    let hours: [Int]
    let sites: [String]
    let species: [String]
    private var counts: [String: Int] = [:]
    private var recordedHours: [String: [Double]] = [:]

    init(events: [PlacedDetection], coverage: Coverage, sites: [String], species: [String], time: SurveyTime,
         nightFilter: (String) -> Bool) {
        hours = (0..<24).map { (time.nightStartHour + $0) % 24 }
        self.sites = sites
        self.species = species
        for e in events { counts[Self.key(e.site, e.species, time.hour(of: e.start)), default: 0] += 1 }
        for site in sites {
            recordedHours[site] = coverage.hoursByClockHour(site: site, time: time, nightFilter: nightFilter)
        }
    }

    /// Detections of `species` at `site` starting in clock hour `hour`.
    func detections(site: String, species: String, hour: Int) -> Int {
        counts[Self.key(site, species, hour)] ?? 0
    }

    /// Hours of audio recorded at `site` within clock hour `hour`, over the reported nights.
    func recorded(site: String, hour: Int) -> Double {
        recordedHours[site]?[hour] ?? 0
    }

    private static func key(_ site: String, _ species: String, _ hour: Int) -> String { "\(site)\t\(species)\t\(hour)" }

    // MARK: - Plot

    /// Detections per recorded hour for each species by clock hour: one panel for all sites
    /// together, then one per site (only the site's panel when there is one site). Hours with
    /// no audio draw no bar, so a gap in coverage is not mistaken for silence.
    func chart(modelID: String) -> Raster {
        var panels: [ImageGrid.Tile] = []
        let model = "model \(modelID.prefix(12))"
        if sites.count > 1 {
            panels.append(.init(image: panel(title: "All sites (\(model))", sites: sites)))
        }
        for site in sites {
            panels.append(.init(image: panel(title: "\(site) (\(model))", sites: [site])))
        }
        if panels.isEmpty { panels.append(.init(image: panel(title: "No recordings (\(model))", sites: []))) }
        return ImageGrid(columns: panels.count > 2 ? 2 : 1).render(panels)
    }

    private func panel(title: String, sites: [String]) -> Raster {
        let recorded = hours.map { hour in sites.reduce(0) { $0 + self.recorded(site: $1, hour: hour) } }
        let groups = species.map { name in
            BarChart.Group(name: name, values: zip(hours, recorded).map { hour, recordedHours in
                guard recordedHours > 0 else { return .nan }
                let count = sites.reduce(0) { $0 + detections(site: $1, species: name, hour: hour) }
                return Double(count) / recordedHours
            })
        }
        return BarChart(
            title: title, xLabel: "local hour", yLabel: "detections per recorded hour",
            categories: hours.map { String(format: "%02d", $0) }, groups: groups, width: 720, height: 320
        ).render()
    }
}
