import Foundation
import FrogCore
import Yams

/// Everything `frogscan synth` varies, with defaults; `configs/synth.yaml` holds the same
/// values. Keys are snake_case in YAML; unknown keys are rejected so a typo is not ignored.
public struct SynthConfig: Codable, Equatable, Sendable {
    /// Per-species calling activity and carrier band.
    public struct Species: Codable, Equatable, Sendable {
        /// Mean calls per minute (Poisson); one call is one train / wreeek+pips / series. In a
        /// survey tree, the rate at the peak of the species' night pattern.
        public var callsPerMinute: Double
        /// Carrier frequency range the calls are drawn from, Hz.
        public var lowHz: Double
        public var highHz: Double
        /// How calling changes through a survey night; nil = the species' built-in pattern.
        public var nightPattern: NightPattern?

        public init(callsPerMinute: Double, lowHz: Double, highHz: Double, nightPattern: NightPattern? = nil) {
            self.callsPerMinute = callsPerMinute
            self.lowHz = lowHz
            self.highHz = highHz
            self.nightPattern = nightPattern
        }
    }

    /// Output sample rate, Hz.
    public var sampleRate: Int = 22_050
    /// Length of each recording, s.
    public var seconds: Double = 60
    public var species: [String: Species] = SynthConfig.defaultSpecies
    /// Peak level of a call at the recorder before distance loss, dBFS (uniform range).
    public var callLevelDB: [Double] = [-12, -4]
    /// Distance loss, dB (uniform range; 0 = next to the recorder).
    public var distanceLossDB: [Double] = [0, 18]
    /// Low-pass corner for the nearest and the farthest calls, Hz (air absorbs highs).
    public var nearCutoffHz: Double = 16_000
    public var farCutoffHz: Double = 6_000
    /// Per-call relative jitter of pitch, duration and pulse rate (standard deviation).
    public var variation: Double = 0.06
    /// Silence kept between any two calls, s: many frogs time their calls to avoid overlapping
    /// their neighbours'. 0 places calls independently (overlaps happen); a call that finds no
    /// free gap after a few draws is left out.
    public var callGapSeconds: Double = 0
    /// Broadband background floor, dBFS RMS.
    public var noiseFloorDB: Double = -56
    /// Number of cricket trills (uniform integer range) and their level, dBFS RMS.
    public var crickets: [Int] = [0, 3]
    public var cricketLevelDB: [Double] = [-50, -40]
    /// Probability that a recording has rain / wind / traffic, and their levels, dBFS RMS. In a
    /// survey tree rain and wind are drawn per night instead (the whole night is rainy or not).
    public var rainProbability: Double = 0.3
    public var rainLevelDB: [Double] = [-46, -36]
    public var windProbability: Double = 0.4
    public var windLevelDB: [Double] = [-40, -28]
    public var trafficProbability: Double = 0.3
    public var trafficLevelDB: [Double] = [-44, -34]
    /// Survey tree: how far a recording's rain and wind levels stray from its night's, ± dB.
    public var weatherVariationDB: Double = 3
    /// Survey tree: chance a species occurs at a site, and the nightly activity range.
    public var occupancy: Double = 0.7
    public var nightlyActivity: [Double] = [0.3, 1.5]
    /// Survey tree: species that never occur at a site, whatever `occupancy` draws
    /// (site name → species labels).
    public var siteAbsent: [String: [String]] = [:]
    /// Survey tree: recordings every `recordingIntervalMinutes` from dusk (`surveyStartTime`) to
    /// dawn (`surveyEndTime`, next morning when earlier than the start), local HH:MM:SS.
    public var surveyStartTime: String = "19:00:00"
    public var surveyEndTime: String = "05:30:00"
    public var recordingIntervalMinutes: Double = 30

    public static let defaultSpecies: [String: Species] = [
        SynthSpecies.criniaSignifera.label: Species(callsPerMinute: 6, lowHz: 2_600, highHz: 3_300, nightPattern: .dusk),
        SynthSpecies.litoriaFallax.label: Species(callsPerMinute: 4, lowHz: 4_200, highHz: 4_800, nightPattern: .allNight),
        SynthSpecies.limnodynastesTasmaniensis.label: Species(callsPerMinute: 4, lowHz: 900, highHz: 1_400, nightPattern: .wetOnly),
        SynthSpecies.limnodynastesPeronii.label: Species(callsPerMinute: 6, lowHz: 550, highHz: 900, nightPattern: .late),
        SynthSpecies.otherFrog.label: Species(callsPerMinute: 2, lowHz: 1_700, highHz: 2_300, nightPattern: .dusk),
    ]

    public init() {}

    /// The settings for one species (its default when the config leaves it out).
    public func settings(for species: SynthSpecies) -> Species {
        self.species[species.label] ?? SynthConfig.defaultSpecies[species.label]!
    }

    /// The night pattern of one species (its built-in one when the config gives none).
    public func nightPattern(for species: SynthSpecies) -> NightPattern {
        settings(for: species).nightPattern ?? SynthConfig.defaultSpecies[species.label]!.nightPattern!
    }

    /// Whether `site_absent` rules `species` out at `site`.
    public func isAbsent(_ species: SynthSpecies, at site: String) -> Bool {
        siteAbsent[site]?.contains(species.label) ?? false
    }

    /// Reads a YAML file; missing keys keep their defaults.
    public static func load(path: String) throws -> SynthConfig {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw SynthConfigError("\(path): cannot read (\(error.localizedDescription))")
        }
        do {
            let config = try YAMLDecoder().decode(SynthConfig.self, from: text)
            try config.validate()
            return config
        } catch let error as SynthConfigError {
            throw SynthConfigError("\(path): \(error.description)")
        } catch {
            // Yams wraps errors thrown while decoding ("not valid YAML"); show ours unwrapped.
            if let ours = SynthConfig.underlyingConfigError(error) { throw SynthConfigError("\(path): \(ours.description)") }
            throw SynthConfigError("\(path): \(error)")
        }
    }

    private static func underlyingConfigError(_ error: Error) -> SynthConfigError? {
        if let ours = error as? SynthConfigError { return ours }
        let context: DecodingError.Context?
        switch error as? DecodingError {
        case .dataCorrupted(let c)?, .keyNotFound(_, let c)?, .typeMismatch(_, let c)?, .valueNotFound(_, let c)?:
            context = c
        default:
            context = nil
        }
        return context?.underlyingError.flatMap(underlyingConfigError)
    }

    /// Checks ranges and names; throws naming the first bad setting.
    public func validate() throws {
        guard sampleRate >= 8_000 else { throw SynthConfigError("sample_rate must be at least 8000") }
        guard seconds > 0 else { throw SynthConfigError("seconds must be positive") }
        guard callGapSeconds >= 0, callGapSeconds < seconds else {
            throw SynthConfigError("call_gap_seconds must be ≥ 0 and shorter than seconds")
        }
        for (name, s) in species {
            guard let kind = SynthSpecies(rawValue: name) else {
                let known = SynthSpecies.allCases.map(\.label).joined(separator: ", ")
                throw SynthConfigError("unknown species '\(name)' (known: \(known))")
            }
            guard s.callsPerMinute >= 0, s.lowHz > 0, s.highHz >= s.lowHz else {
                throw SynthConfigError("species \(kind.label): need calls_per_minute ≥ 0 and 0 < low_hz ≤ high_hz")
            }
            guard s.highHz < Double(sampleRate) / 2 * 0.9 else {
                throw SynthConfigError("species \(kind.label): high_hz \(s.highHz) too close to Nyquist at \(sampleRate) Hz")
            }
        }
        let ranges: [(String, [Double])] = [
            ("call_level_db", callLevelDB), ("distance_loss_db", distanceLossDB),
            ("cricket_level_db", cricketLevelDB), ("rain_level_db", rainLevelDB),
            ("wind_level_db", windLevelDB), ("traffic_level_db", trafficLevelDB),
            ("nightly_activity", nightlyActivity), ("crickets", crickets.map(Double.init)),
        ]
        for (key, range) in ranges where range.count != 2 || range[0] > range[1] {
            throw SynthConfigError("\(key) must be [low, high] with low ≤ high")
        }
        guard crickets[0] >= 0 else { throw SynthConfigError("crickets must be ≥ 0") }
        for (key, p) in [("rain_probability", rainProbability), ("wind_probability", windProbability),
                         ("traffic_probability", trafficProbability), ("occupancy", occupancy)] where !(0...1).contains(p) {
            throw SynthConfigError("\(key) must be in [0, 1], got \(p)")
        }
        guard weatherVariationDB >= 0 else { throw SynthConfigError("weather_variation_db must be ≥ 0") }
        for (site, labels) in siteAbsent {
            for label in labels where SynthSpecies(rawValue: label) == nil {
                let known = SynthSpecies.allCases.map(\.label).joined(separator: ", ")
                throw SynthConfigError("site_absent: unknown species '\(label)' for site '\(site)' (known: \(known))")
            }
        }
        for (key, time) in [("survey_start_time", surveyStartTime), ("survey_end_time", surveyEndTime)]
        where SurveyClock.parseTime(time) == nil {
            throw SynthConfigError("\(key) '\(time)' must be HH:MM:SS")
        }
        guard recordingIntervalMinutes > 0 else { throw SynthConfigError("recording_interval_minutes must be positive") }
        // The rest of the schedule (noon to noon, no overlaps) is checked by the survey tree,
        // which is the only writer that uses it: `NightSchedule`.
    }
}

/// A synth configuration that cannot be used; the message names the setting.
public struct SynthConfigError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
