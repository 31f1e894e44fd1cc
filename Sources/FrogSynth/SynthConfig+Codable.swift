import FrogData

/// YAML keys of `SynthConfig`, and decoding that keeps defaults for missing keys and rejects
/// unknown ones (a misspelt key silently ignored is a wasted night of synthesis).
extension SynthConfig {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case sampleRate = "sample_rate", seconds, species
        case callLevelDB = "call_level_db", distanceLossDB = "distance_loss_db"
        case nearCutoffHz = "near_cutoff_hz", farCutoffHz = "far_cutoff_hz", variation
        case callGapSeconds = "call_gap_seconds"
        case noiseFloorDB = "noise_floor_db", crickets, cricketLevelDB = "cricket_level_db"
        case rainProbability = "rain_probability", rainLevelDB = "rain_level_db"
        case windProbability = "wind_probability", windLevelDB = "wind_level_db"
        case trafficProbability = "traffic_probability", trafficLevelDB = "traffic_level_db"
        case weatherVariationDB = "weather_variation_db"
        case occupancy, nightlyActivity = "nightly_activity", siteAbsent = "site_absent"
        case surveyStartTime = "survey_start_time", surveyEndTime = "survey_end_time"
        case recordingIntervalMinutes = "recording_interval_minutes"
    }

    /// Keys of older configs, with what replaced them.
    static let replacedKeys = [
        "recordings_per_night":
            "recordings_per_night was replaced by survey_end_time: a survey tree now records every "
            + "recording_interval_minutes from survey_start_time (dusk) to survey_end_time (dawn); "
            + "for one recording a night set survey_end_time equal to survey_start_time",
    ]

    public init(from decoder: Decoder) throws {
        let keys = try decoder.container(keyedBy: AnyKey.self).allKeys.map(\.stringValue)
        if let old = keys.first(where: { SynthConfig.replacedKeys[$0] != nil }) {
            throw SynthConfigError(SynthConfig.replacedKeys[old]!)
        }
        try UnknownKeys.reject(in: decoder, known: CodingKeys.allCases.map(\.rawValue))
        let c = try decoder.container(keyedBy: CodingKeys.self)
        var d = SynthConfig()
        func take<T: Decodable>(_ key: CodingKeys, _ value: inout T) throws {
            if let v = try c.decodeIfPresent(T.self, forKey: key) { value = v }
        }
        try take(.sampleRate, &d.sampleRate)
        try take(.seconds, &d.seconds)
        try take(.species, &d.species)
        try take(.callLevelDB, &d.callLevelDB)
        try take(.distanceLossDB, &d.distanceLossDB)
        try take(.nearCutoffHz, &d.nearCutoffHz)
        try take(.farCutoffHz, &d.farCutoffHz)
        try take(.variation, &d.variation)
        try take(.callGapSeconds, &d.callGapSeconds)
        try take(.noiseFloorDB, &d.noiseFloorDB)
        try take(.crickets, &d.crickets)
        try take(.cricketLevelDB, &d.cricketLevelDB)
        try take(.rainProbability, &d.rainProbability)
        try take(.rainLevelDB, &d.rainLevelDB)
        try take(.windProbability, &d.windProbability)
        try take(.windLevelDB, &d.windLevelDB)
        try take(.trafficProbability, &d.trafficProbability)
        try take(.trafficLevelDB, &d.trafficLevelDB)
        try take(.weatherVariationDB, &d.weatherVariationDB)
        try take(.occupancy, &d.occupancy)
        try take(.nightlyActivity, &d.nightlyActivity)
        try take(.siteAbsent, &d.siteAbsent)
        try take(.surveyStartTime, &d.surveyStartTime)
        try take(.surveyEndTime, &d.surveyEndTime)
        try take(.recordingIntervalMinutes, &d.recordingIntervalMinutes)
        self = d
    }
}

extension SynthConfig.Species {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case callsPerMinute = "calls_per_minute", lowHz = "low_hz", highHz = "high_hz"
        case nightPattern = "night_pattern"
    }

    public init(from decoder: Decoder) throws {
        try UnknownKeys.reject(in: decoder, known: CodingKeys.allCases.map(\.rawValue))
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            callsPerMinute: try c.decode(Double.self, forKey: .callsPerMinute),
            lowHz: try c.decode(Double.self, forKey: .lowHz),
            highHz: try c.decode(Double.self, forKey: .highHz),
            nightPattern: try Self.decodePattern(c))
    }

    /// A clear error listing the patterns, rather than Codable's "cannot initialize".
    private static func decodePattern(_ c: KeyedDecodingContainer<CodingKeys>) throws -> NightPattern? {
        guard let name = try c.decodeIfPresent(String.self, forKey: .nightPattern) else { return nil }
        guard let pattern = NightPattern(rawValue: name) else {
            let known = NightPattern.allCases.map(\.rawValue).joined(separator: ", ")
            throw SynthConfigError("unknown night_pattern '\(name)' (known: \(known))")
        }
        return pattern
    }
}

/// Finds keys in a mapping that the type does not know.
enum UnknownKeys {
    static func reject(in decoder: Decoder, known: [String]) throws {
        let keys = try decoder.container(keyedBy: AnyKey.self).allKeys.map(\.stringValue)
        if let unknown = keys.first(where: { !known.contains($0) }) {
            throw SynthConfigError("unknown key '\(unknown)' (known: \(known.joined(separator: ", ")))")
        }
    }
}
