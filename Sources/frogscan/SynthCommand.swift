import ArgumentParser
import Foundation
import FrogSynth

extension Frogscan {
    /// `frogscan synth`: synthetic frog choruses with ground-truth Raven tables.
    struct Synth: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write synthetic frog-chorus recordings with ground-truth Raven selection tables.",
            discussion: """
                Five call models (crinia_signifera, litoria_fallax, limnodynastes_tasmaniensis, \
                limnodynastes_peronii, other_frog) over crickets, rain, wind and traffic. The same \
                seed always writes the same bytes. Each NAME.wav gets NAME.Table.1.selections.txt.

                Examples:
                  frogscan synth --out synth/ --count 10 --seconds 60 --seed 7
                  frogscan synth --out demo/ --config configs/synth.yaml --rate 22050
                  frogscan synth --out survey/ --survey-tree --sites pond,creek --nights 3 --start 2024-10-01 --absent creek:litoria_fallax

                --survey-tree writes a night as surveyors know it: a recording every \
                recording_interval_minutes from survey_start_time (dusk) to survey_end_time (dawn), \
                each species calling to its night_pattern (dusk, all_night, late, wet_only), one \
                weather per night, and OUT/truth.csv (site,night,species,calls,present) with \
                OUT/weather.csv (site,night,weather) beside the tree.
                """)

        @Option(name: [.customShort("o"), .customLong("out")], help: "Output folder.")
        var out: String

        @Option(help: "Number of recordings (ignored with --survey-tree).")
        var count: Int = 1

        @Option(help: "Seconds per recording (default: from the config, 60).")
        var seconds: Double?

        @Option(help: "Sample rate in Hz (default: from the config, 22050).")
        var rate: Int?

        @Option(help: "Random seed.")
        var seed: UInt64 = 1

        @Option(help: "YAML config (see configs/synth.yaml); built-in defaults when omitted.")
        var config: String?

        @Flag(help: "Write OUT/SITE/YYYYMMDD_HHMMSS.wav for each site and night instead.")
        var surveyTree = false

        @Option(help: "Comma-separated site names for --survey-tree.")
        var sites: String = "A,B"

        @Option(help: "Nights per site for --survey-tree.")
        var nights: Int = 3

        @Option(help: "First night's date (YYYY-MM-DD) for --survey-tree.")
        var start: String = "2024-10-01"

        @Option(help: ArgumentHelp(
            "SITE:SPECIES never occurs at SITE (--survey-tree; repeat or comma-separate), e.g. creek:litoria_fallax.",
            valueName: "site:species"))
        var absent: [String] = []

        func validate() throws {
            guard count >= 1 else { throw ValidationError("--count must be at least 1") }
            guard nights >= 1 else { throw ValidationError("--nights must be at least 1") }
            if let seconds, seconds <= 0 { throw ValidationError("--seconds must be positive") }
            if surveyTree, siteNames.isEmpty { throw ValidationError("--sites needs at least one name") }
            if !absent.isEmpty, !surveyTree { throw ValidationError("--absent needs --survey-tree") }
            _ = try absences()
        }

        /// `--absent` as site → species labels; each must name a site of `--sites` and a known species.
        private func absences() throws -> [String: [String]] {
            var map: [String: [String]] = [:]
            for item in absent.flatMap({ $0.split(separator: ",") }) {
                let parts = item.split(separator: ":", omittingEmptySubsequences: false).map {
                    $0.trimmingCharacters(in: .whitespaces)
                }
                guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                    throw ValidationError("--absent '\(item)' must be SITE:SPECIES, e.g. creek:litoria_fallax")
                }
                guard siteNames.contains(parts[0]) else {
                    throw ValidationError("--absent '\(item)': site '\(parts[0])' is not in --sites (\(siteNames.joined(separator: ",")))")
                }
                guard SynthSpecies(rawValue: parts[1]) != nil else {
                    let known = SynthSpecies.allCases.map(\.label).joined(separator: ", ")
                    throw ValidationError("--absent '\(item)': unknown species '\(parts[1])' (known: \(known))")
                }
                map[parts[0], default: []].append(parts[1])
            }
            return map
        }

        private var siteNames: [String] {
            sites.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }

        func run() throws {
            var settings: SynthConfig
            do {
                settings = try config.map(SynthConfig.load(path:)) ?? SynthConfig()
                if let seconds { settings.seconds = seconds }
                if let rate { settings.sampleRate = rate }
                for (site, species) in try absences() { settings.siteAbsent[site, default: []] += species }
                try settings.validate()
            } catch let error as SynthConfigError {
                throw ValidationError(error.description)
            }
            let paths: [String]
            do {
                // The tree checks its schedule and sites before it writes anything.
                paths = surveyTree
                    ? try SynthOutput.writeSurveyTree(
                        config: settings, sites: siteNames, nights: nights, startDate: start, seed: seed, to: out)
                    : try SynthOutput.writeSet(config: settings, count: count, seed: seed, to: out)
            } catch let error as SynthConfigError {
                throw ValidationError(error.description)
            }
            for path in paths {
                print("\(path)\t\(SynthOutput.tablePath(forRecording: path))")
            }
            if surveyTree {
                // On stderr: stdout stays one "recording<TAB>table" line per recording.
                let truth = SynthOutput.truthPath(folder: out)
                let weather = SynthOutput.weatherPath(folder: out)
                FileHandle.standardError.write(Data("synth: ground truth \(truth), weather \(weather)\n".utf8))
            }
        }
    }
}
