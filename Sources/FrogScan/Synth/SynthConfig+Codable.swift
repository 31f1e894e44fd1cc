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
        case occupancy, nightlyActivity = "nightly_activity", surveyStartTime = "survey_start_time"
        case recordingsPerNight = "recordings_per_night"
        case recordingIntervalMinutes = "recording_interval_minutes"
    }

    public init(from decoder: Decoder) throws {
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
        try take(.occupancy, &d.occupancy)
        try take(.nightlyActivity, &d.nightlyActivity)
        try take(.surveyStartTime, &d.surveyStartTime)
        try take(.recordingsPerNight, &d.recordingsPerNight)
        try take(.recordingIntervalMinutes, &d.recordingIntervalMinutes)
        self = d
    }
}

extension SynthConfig.Species {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case callsPerMinute = "calls_per_minute", lowHz = "low_hz", highHz = "high_hz"
    }

    public init(from decoder: Decoder) throws {
        try UnknownKeys.reject(in: decoder, known: CodingKeys.allCases.map(\.rawValue))
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            callsPerMinute: try c.decode(Double.self, forKey: .callsPerMinute),
            lowHz: try c.decode(Double.self, forKey: .lowHz),
            highHz: try c.decode(Double.self, forKey: .highHz))
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
