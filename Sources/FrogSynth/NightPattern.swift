import Foundation

/// How a species' calling rate changes through a survey night, as a multiplier of its
/// `calls_per_minute` (1 at the pattern's peak) by hours after dusk (`survey_start_time`).
/// Cartoons of what surveyors hear, not fitted curves: a dusk chorus, all-night callers,
/// late-night callers, and species that call only after rain.
public enum NightPattern: String, Codable, CaseIterable, Sendable {
    /// Full chorus for the first hour after dusk, then fading to a twentieth within ~5 h.
    case dusk
    /// The same rate all night.
    case allNight = "all_night"
    /// Quiet at dusk, peaking 5 h after dusk (around midnight for a 19:00 start).
    case late
    /// All night, but only on rainy nights (none at all on dry ones).
    case wetOnly = "wet_only"

    /// The rate multiplier `hoursAfterDusk` into a night that is (or is not) rainy.
    public func multiplier(hoursAfterDusk h: Double, rainy: Bool) -> Double {
        switch self {
        case .dusk:
            return h <= 1 ? 1 : 0.05 + 0.95 * exp(-(h - 1) / 1.5)
        case .allNight:
            return 1
        case .late:
            return 0.1 + 0.9 * exp(-(h - 5) * (h - 5) / (2 * 1.5 * 1.5))
        case .wetOnly:
            return rainy ? 1 : 0
        }
    }
}
