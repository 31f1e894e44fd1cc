import Foundation

/// One night's weather in a synthetic survey: drawn once per night (shared by every site, as
/// weather is regional) and held all night, so rain and wind are a property of the night rather
/// than independent per-recording coin flips. Levels vary a little between recordings.
struct NightWeather: Equatable, Sendable {
    /// Rain level of the night, dBFS RMS; nil on a dry night.
    var rainDB: Double?
    /// Wind level of the night, dBFS RMS; nil on a calm night.
    var windDB: Double?

    var rainy: Bool { rainDB != nil }

    /// `clear`, `rainy`, `windy` or `rainy+windy`, as written in `weather.csv`.
    var label: String {
        switch (rainDB != nil, windDB != nil) {
        case (false, false): return "clear"
        case (true, false): return "rainy"
        case (false, true): return "windy"
        case (true, true): return "rainy+windy"
        }
    }

    /// Draws a night: rainy with `rain_probability`, windy with `wind_probability`.
    static func draw(config: SynthConfig, random: inout SynthRandom) -> NightWeather {
        // Draw every value whatever the outcome, so one night's weather never shifts the next's.
        let rainy = random.chance(config.rainProbability)
        let rainLevel = random.value(in: config.rainLevelDB)
        let windy = random.chance(config.windProbability)
        let windLevel = random.value(in: config.windLevelDB)
        return NightWeather(rainDB: rainy ? rainLevel : nil, windDB: windy ? windLevel : nil)
    }

    /// The levels of one recording of this night: the night's ± `weather_variation_db`.
    func forRecording(variationDB: Double, random: inout SynthRandom) -> RecordingWeather {
        let rainShift = random.uniform(-variationDB, variationDB)
        let windShift = random.uniform(-variationDB, variationDB)
        return RecordingWeather(rainDB: rainDB.map { $0 + rainShift }, windDB: windDB.map { $0 + windShift })
    }
}

/// Rain and wind levels imposed on one recording (nil = none), replacing the generator's own
/// per-recording draws.
struct RecordingWeather: Equatable, Sendable {
    var rainDB: Double?
    var windDB: Double?
}
