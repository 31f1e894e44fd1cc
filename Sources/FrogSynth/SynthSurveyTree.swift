import Foundation
import FrogCore
import FrogDSP

/// Writes a synthetic survey: `folder/SITE/YYYYMMDD_HHMMSS.wav` (+ Raven table) for each site,
/// night and scheduled recording, and beside the tree `truth.csv` (calls per site × night ×
/// species) and `weather.csv` (each night's weather).
///
/// A night as surveyors know it: recordings from dusk to dawn (`NightSchedule`), each species'
/// rate shaped by its `NightPattern`, one weather per night (`NightWeather`), sites that differ
/// by `occupancy` and `site_absent`. Every recording has its own random stream, split off in a
/// fixed order before any audio is made, so the bytes do not depend on thread timing.
extension SynthOutput {
    /// The truth table's path for a survey tree written into `folder`.
    public static func truthPath(folder: String) -> String {
        URL(fileURLWithPath: folder).appendingPathComponent("truth.csv").path
    }

    /// The weather table's path for a survey tree written into `folder`.
    public static func weatherPath(folder: String) -> String {
        URL(fileURLWithPath: folder).appendingPathComponent("weather.csv").path
    }

    /// Writes the tree for `nights` nights from `startDate` ("YYYY-MM-DD", the first evening);
    /// returns the recordings' paths in site, night, time order.
    @discardableResult
    public static func writeSurveyTree(
        config: SynthConfig, sites: [String], nights: Int, startDate: String, seed: UInt64, to folder: String
    ) throws -> [String] {
        guard let midnight = SurveyClock.parseDate(startDate) else {
            throw SynthConfigError("start date '\(startDate)' is not YYYY-MM-DD")
        }
        try checkSites(sites, config: config)
        let schedule = try NightSchedule(config: config)
        let plan = planRecordings(
            config: config, schedule: schedule, sites: sites, nights: nights, midnight: midnight, seed: seed, folder: folder)
        for site in sites {
            try FileManager.default.createDirectory(
                at: URL(fileURLWithPath: folder).appendingPathComponent(site), withIntermediateDirectories: true)
        }
        let calls = try render(plan.recordings, config: config)
        var counts: [String: Int] = [:]  // "site\tnight\tspecies"
        for (recording, perSpecies) in zip(plan.recordings, calls) {
            for (species, n) in perSpecies { counts["\(recording.site)\t\(recording.night)\t\(species.label)", default: 0] += n }
        }
        let nightNames = (0..<nights).map { SurveyClock.dateLabel(midnight: midnight, plusDays: $0) }
        var truth = CSVTable(columns: ["site", "night", "species", "calls", "present"])
        var weather = CSVTable(columns: ["site", "night", "weather"])
        for site in sites {
            for (n, night) in nightNames.enumerated() {
                weather.append([site, night, plan.weather[n].label])
                for species in SynthSpecies.allCases {
                    let calls = counts["\(site)\t\(night)\t\(species.label)"] ?? 0
                    truth.append([site, night, species.label, String(calls), calls > 0 ? "1" : "0"])
                }
            }
        }
        try AtomicFile.write(truth.text, to: URL(fileURLWithPath: truthPath(folder: folder)))
        try AtomicFile.write(weather.text, to: URL(fileURLWithPath: weatherPath(folder: folder)))
        return plan.recordings.map(\.path)
    }

    /// Site names must be usable folder names, listed once, and cover every `site_absent` key.
    private static func checkSites(_ sites: [String], config: SynthConfig) throws {
        guard !sites.isEmpty else { throw SynthConfigError("a survey tree needs at least one site") }
        for site in sites where site.isEmpty || site.contains("/") || site.hasPrefix(".") {
            throw SynthConfigError("site name '\(site)' cannot be a folder name (no '/', not starting with '.')")
        }
        if let twice = sites.first(where: { name in sites.filter { $0 == name }.count > 1 }) {
            throw SynthConfigError("site '\(twice)' is listed twice")
        }
        for site in config.siteAbsent.keys.sorted() where !sites.contains(site) {
            throw SynthConfigError(
                "site_absent names site '\(site)', which is not among the sites (\(sites.joined(separator: ", ")))")
        }
    }

    /// One recording to make: where it goes and everything random about it, fixed up front.
    struct PlannedRecording: Sendable {
        var path: String
        var site: String
        var night: String
        var random: SynthRandom
        var activity: [SynthSpecies: Double]
        var weather: RecordingWeather
        var muted: Set<SynthSpecies>
    }

    /// Draws the weather of every night, then per site: which species occur, each night's
    /// activity, and each recording's stream. The order of draws is the seed's meaning.
    static func planRecordings(
        config: SynthConfig, schedule: NightSchedule, sites: [String], nights: Int, midnight: Date, seed: UInt64,
        folder: String
    ) -> (recordings: [PlannedRecording], weather: [NightWeather]) {
        var random = SynthRandom(seed: seed)
        var weatherRandom = random.split()
        let weather = (0..<nights).map { _ in NightWeather.draw(config: config, random: &weatherRandom) }
        var recordings: [PlannedRecording] = []
        for site in sites {
            var siteRandom = random.split()
            let present = Dictionary(uniqueKeysWithValues: SynthSpecies.allCases.map {
                ($0, siteRandom.chance(config.occupancy))
            })
            // An explicitly absent species is muted rather than given no calls: it draws its
            // calls as if present, so `site_absent` changes nothing else in the tree.
            let muted = Set(SynthSpecies.allCases.filter { config.isAbsent($0, at: site) })
            let siteFolder = URL(fileURLWithPath: folder).appendingPathComponent(site)
            for night in 0..<nights {
                let level = Dictionary(uniqueKeysWithValues: SynthSpecies.allCases.map {
                    ($0, siteRandom.value(in: config.nightlyActivity))
                })
                let nightName = SurveyClock.dateLabel(midnight: midnight, plusDays: night)
                for offset in schedule.offsets {
                    // Patterns are read at the middle of the recording.
                    let hours = (offset + config.seconds / 2 - schedule.dusk) / 3_600
                    let activity = Dictionary(uniqueKeysWithValues: SynthSpecies.allCases.map { species in
                        let pattern = config.nightPattern(for: species)
                        let rate = pattern.multiplier(hoursAfterDusk: hours, rainy: weather[night].rainy)
                        return (species, present[species]! ? level[species]! * rate : 0)
                    })
                    let levels = weather[night].forRecording(variationDB: config.weatherVariationDB, random: &siteRandom)
                    let stem = SurveyClock.stem(midnight: midnight, plusSeconds: Double(night) * 86_400 + offset)
                    recordings.append(PlannedRecording(
                        path: siteFolder.appendingPathComponent(stem + ".wav").path, site: site, night: nightName,
                        random: siteRandom.split(), activity: activity, weather: levels, muted: muted))
                }
            }
        }
        return (recordings, weather)
    }

    /// Makes and writes the planned recordings on all cores; returns each one's calls per species.
    private static func render(_ plan: [PlannedRecording], config: SynthConfig) throws -> [[SynthSpecies: Int]] {
        let generator = ChorusGenerator(config: config)
        let results = Locked<[Result<[SynthSpecies: Int], any Error>?]>(Array(repeating: nil, count: plan.count))
        DispatchQueue.concurrentPerform(iterations: plan.count) { index in
            var job = plan[index]
            let recording = generator.generate(
                random: &job.random, activity: job.activity, weather: job.weather, muted: job.muted)
            do {
                try write(recording, to: job.path)
                var calls: [SynthSpecies: Int] = [:]
                for event in recording.events { calls[event.species, default: 0] += 1 }
                results.withLock { $0[index] = .success(calls) }
            } catch {
                results.withLock { $0[index] = .failure(error) }
            }
        }
        return try results.withLock { $0 }.map { try $0!.get() }
    }
}
