import Foundation
@testable import FrogCore
@testable import FrogSurvey
@testable import FrogSynth
import FrogTestSupport
import XCTest

/// The synthetic survey night: dusk-to-dawn schedule, species' night patterns, one weather per
/// night, explicit absences, and truth.csv agreeing with the Raven tables, byte-identical per seed.
final class SynthNightTests: XCTestCase {
    private var folder: URL!

    override func setUp() { folder = SharedData.temporaryDirectory("frogscan-synthnight") }
    override func tearDown() { try? FileManager.default.removeItem(at: folder) }

    /// Short recordings, every species at every site at a fixed, high rate, so counts are
    /// large enough to compare and only the night pattern and weather shape them.
    private var config: SynthConfig {
        var config = SynthConfig()
        config.sampleRate = 16_000
        config.seconds = 6
        config.occupancy = 1
        config.nightlyActivity = [1, 1]
        for species in SynthSpecies.allCases {
            config.species[species.label] = SynthConfig.defaultSpecies[species.label]!
            config.species[species.label]!.callsPerMinute = 20
        }
        return config
    }

    private func write(_ config: SynthConfig, sites: [String] = ["A", "B"], nights: Int = 3, seed: UInt64 = 5, to name: String = "tree") throws -> (root: String, paths: [String]) {
        let root = folder.appendingPathComponent(name).path
        let paths = try SynthOutput.writeSurveyTree(
            config: config, sites: sites, nights: nights, startDate: "2024-10-31", seed: seed, to: root)
        return (root, paths)
    }

    /// Rows of a CSV file without its header.
    private func rows(_ path: String) throws -> [[String]] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").dropFirst()
            .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    /// Calls per species in a recording's Raven table.
    private func tableCalls(_ recording: String) throws -> [String: Int] {
        let lines = try String(contentsOfFile: SynthOutput.tablePath(forRecording: recording), encoding: .utf8)
            .split(separator: "\n").map { $0.components(separatedBy: "\t") }
        let column = try XCTUnwrap(lines[0].firstIndex(of: "Species"))
        return Dictionary(grouping: lines.dropFirst(), by: { $0[column] }).mapValues(\.count)
    }

    func testScheduleRunsFromDuskToDawnAcrossMidnight() throws {
        var quick = config
        quick.seconds = 1
        let (root, paths) = try write(quick, sites: ["A"], nights: 2)
        let names = paths.map { String($0.dropFirst(root.count + 1)) }
        XCTAssertEqual(names.count, 2 * 22, "19:00 … 05:30 every 30 min is 22 recordings a night")
        XCTAssertEqual(Array(names.prefix(2)), ["A/20241031_190000.wav", "A/20241031_193000.wav"])
        XCTAssertEqual(Array(names[9...11]), ["A/20241031_233000.wav", "A/20241101_000000.wav", "A/20241101_003000.wav"])
        XCTAssertEqual(names[21], "A/20241101_053000.wav")
        XCTAssertEqual(names[22], "A/20241101_190000.wav")
        XCTAssertEqual(names.last, "A/20241102_053000.wav")
        // The truth names nights by their evening, as `frogscan survey` does.
        let nights = Set(try rows(SynthOutput.truthPath(folder: root)).map { $0[1] })
        XCTAssertEqual(nights, ["2024-10-31", "2024-11-01"])

        var single = quick
        single.surveyEndTime = single.surveyStartTime
        XCTAssertEqual(try write(single, sites: ["A"], nights: 2, to: "single").paths.count, 2, "end = start: one a night")
        var evening = quick
        evening.surveyEndTime = "21:00:00"
        XCTAssertEqual(try write(evening, sites: ["A"], nights: 1, to: "evening").paths.count, 5)
        var morning = quick
        morning.surveyStartTime = "08:00:00"
        XCTAssertThrowsError(try write(morning, to: "morning")) { XCTAssertTrue("\($0)".contains("noon"), "\($0)") }
        var overlapping = quick
        overlapping.seconds = 3_600
        XCTAssertThrowsError(try write(overlapping, to: "overlap")) { XCTAssertTrue("\($0)".contains("overlap"), "\($0)") }
    }

    /// Over many recordings: a dusk species calls far more in the first two hours than in the
    /// last two, an all-night species about the same, a late one most around midnight.
    func testNightPatternsShapeCallingThroughTheNight() throws {
        var dry = config
        dry.rainProbability = 0
        let (_, paths) = try write(dry, sites: ["A", "B", "C"], nights: 3)
        var early: [String: Int] = [:]
        var middle: [String: Int] = [:]
        var late: [String: Int] = [:]
        for (index, path) in paths.enumerated() {
            let slot = index % 22  // 0 = 19:00, 21 = 05:30
            let calls = try tableCalls(path)
            if slot < 4 { early.merge(calls, uniquingKeysWith: +) }
            if (8..<12).contains(slot) { middle.merge(calls, uniquingKeysWith: +) }
            if slot >= 18 { late.merge(calls, uniquingKeysWith: +) }
        }
        let dusk = SynthSpecies.criniaSignifera.label
        XCTAssertGreaterThan(early[dusk, default: 0], 30)
        XCTAssertGreaterThan(early[dusk, default: 0], 5 * late[dusk, default: 0], "dusk: \(early) vs \(late)")
        let allNight = SynthSpecies.litoriaFallax.label
        let ratio = Double(early[allNight, default: 0]) / Double(max(1, late[allNight, default: 0]))
        XCTAssertTrue((0.6...1.6).contains(ratio), "all night: \(early) vs \(late)")
        let midnight = SynthSpecies.limnodynastesPeronii.label
        XCTAssertGreaterThan(middle[midnight, default: 0], 2 * early[midnight, default: 0], "late: \(middle) vs \(early)")
        XCTAssertEqual(early[SynthSpecies.limnodynastesTasmaniensis.label, default: 0], 0, "wet_only on dry nights")
    }

    /// One weather per night, shared by the sites; a wet-only species calls on rainy nights only.
    func testWeatherHoldsAllNightAndWetOnlySpeciesNeedsRain() throws {
        var wet = config
        wet.rainProbability = 0.5
        wet.windProbability = 0.5
        wet.seconds = 2
        let (root, paths) = try write(wet, nights: 6, seed: 3)
        let weather = try rows(SynthOutput.weatherPath(folder: root))
        XCTAssertEqual(weather.count, 2 * 6)
        let byNight = Dictionary(grouping: weather, by: { $0[1] }).mapValues { Set($0.map { $0[2] }) }
        XCTAssertTrue(byNight.values.allSatisfy { $0.count == 1 }, "all sites share a night's weather: \(byNight)")
        let labels = byNight.values.map { $0.first! }
        XCTAssertTrue(labels.contains { $0.hasPrefix("rainy") } && labels.contains { !$0.hasPrefix("rainy") },
                      "seed 3 should give rainy and dry nights: \(byNight)")
        XCTAssertGreaterThan(Set(labels).count, 1, "weather changes between nights")

        let wetOnly = SynthSpecies.limnodynastesTasmaniensis.label
        for row in try rows(SynthOutput.truthPath(folder: root)) where row[2] == wetOnly {
            let rainy = byNight[row[1]]!.first!.hasPrefix("rainy")
            if rainy { XCTAssertGreaterThan(Int(row[3])!, 0, "\(row)") } else { XCTAssertEqual(row[3], "0", "\(row)") }
        }
        XCTAssertEqual(paths.count, 2 * 6 * 22)

        // Every recording of a night carries that night's rain and wind (levels vary a little).
        let plan = SynthOutput.planRecordings(
            config: wet, schedule: try NightSchedule(config: wet), sites: ["A", "B"], nights: 6,
            midnight: SurveyClock.parseDate("2024-10-31")!, seed: 3, folder: root)
        let nightNames = (0..<6).map { SurveyClock.dateLabel(midnight: SurveyClock.parseDate("2024-10-31")!, plusDays: $0) }
        for recording in plan.recordings {
            let night = plan.weather[try XCTUnwrap(nightNames.firstIndex(of: recording.night))]
            XCTAssertEqual(recording.weather.rainDB != nil, night.rainy)
            XCTAssertEqual(recording.weather.windDB != nil, night.windDB != nil)
            if let level = recording.weather.rainDB, let base = night.rainDB {
                XCTAssertLessThanOrEqual(abs(level - base), wet.weatherVariationDB)
            }
        }
        let rainLevels = Set(plan.recordings.compactMap(\.weather.rainDB))
        XCTAssertGreaterThan(rainLevels.count, 1, "levels vary within a night")
    }

    /// `site_absent` silences a species at one site and changes nothing else.
    func testExplicitAbsenceGivesZeroCallsThereOnly() throws {
        var quick = config
        quick.seconds = 2
        let (plainRoot, _) = try write(quick, nights: 2, to: "plain")
        quick.siteAbsent = ["B": [SynthSpecies.litoriaFallax.label]]
        let (root, _) = try write(quick, nights: 2, to: "absent")
        let plain = try rows(SynthOutput.truthPath(folder: plainRoot))
        let absent = try rows(SynthOutput.truthPath(folder: root))
        for (before, after) in zip(plain, absent) {
            if after[0] == "B" && after[2] == "litoria_fallax" {
                XCTAssertEqual(Array(after[3...4]), ["0", "0"])
                XCTAssertGreaterThan(Int(before[3])!, 0, "it called there before the absence")
            } else {
                XCTAssertEqual(before, after)
            }
        }
        quick.siteAbsent = ["D": ["litoria_fallax"]]
        XCTAssertThrowsError(try write(quick, to: "unknown")) { XCTAssertTrue("\($0)".contains("'D'"), "\($0)") }
    }

    /// truth.csv: one row per site × night × species with the Raven tables' call counts.
    func testTruthMatchesTheRavenTables() throws {
        var quick = config
        quick.seconds = 2
        quick.occupancy = 0.6
        let (root, paths) = try write(quick, nights: 2, seed: 8)
        var counted: [String: Int] = [:]
        for path in paths {
            let url = URL(fileURLWithPath: path)
            let site = url.deletingLastPathComponent().lastPathComponent
            let stem = url.deletingPathExtension().lastPathComponent  // YYYYMMDD_HHMMSS
            let night = SurveyTime(siteZone: TimeZone(identifier: "UTC")!).night(of: try XCTUnwrap(stampDate(stem)))
            for (species, n) in try tableCalls(path) { counted["\(site),\(night),\(species)", default: 0] += n }
        }
        let truth = try rows(SynthOutput.truthPath(folder: root))
        XCTAssertEqual(truth.count, 2 * 2 * SynthSpecies.allCases.count)
        for row in truth {
            let n = counted["\(row[0]),\(row[1]),\(row[2])"] ?? 0
            XCTAssertEqual(Int(row[3]), n, "\(row)")
            XCTAssertEqual(row[4], n > 0 ? "1" : "0", "\(row)")
        }
        XCTAssertTrue(truth.contains { $0[4] == "0" } && truth.contains { $0[4] == "1" }, "both outcomes occur")
    }

    func testSameSeedSameBytesOtherSeedOtherBytes() throws {
        var quick = config
        quick.seconds = 1
        quick.surveyEndTime = "21:00:00"
        let a = try write(quick, nights: 2, seed: 4, to: "a")
        let b = try write(quick, nights: 2, seed: 4, to: "b")
        let c = try write(quick, nights: 2, seed: 5, to: "c")
        func files(_ root: String) throws -> [String: Data] {
            let names = try XCTUnwrap(FileManager.default.subpaths(atPath: root)).filter { $0.contains(".") }
            return try Dictionary(uniqueKeysWithValues: names.map { ($0, try Data(contentsOf: URL(fileURLWithPath: root + "/" + $0))) })
        }
        let first = try files(a.root)
        XCTAssertEqual(first.count, 2 * 2 * 5 * 2 + 2, "WAV + table per recording, truth.csv, weather.csv")
        XCTAssertEqual(first, try files(b.root))
        let other = try files(c.root)
        XCTAssertEqual(Set(first.keys), Set(other.keys))
        XCTAssertNotEqual(first["A/20241031_190000.wav"], other["A/20241031_190000.wav"])
        XCTAssertNotEqual(first["truth.csv"], other["truth.csv"])
    }

    private func stampDate(_ stem: String) -> Date? {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyyMMdd_HHmmss"
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.date(from: stem)
    }
}
