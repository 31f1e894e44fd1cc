import Foundation
import FrogCore

/// When a synthetic survey's recorders record each night: every `recording_interval_minutes`
/// from `survey_start_time` (dusk) to `survey_end_time` (dawn; earlier than the start means the
/// next morning; equal means one recording a night), as seconds after midnight of the evening's
/// date, so times after midnight are above 86 400.
struct NightSchedule: Equatable {
    /// Start of each recording, seconds after the evening's midnight, ascending.
    var offsets: [Double]
    /// Dusk, seconds after the evening's midnight (where the night patterns start).
    var dusk: Double

    init(config: SynthConfig) throws {
        guard let start = SurveyClock.parseTime(config.surveyStartTime) else {
            throw SynthConfigError("survey_start_time '\(config.surveyStartTime)' must be HH:MM:SS")
        }
        guard let endClock = SurveyClock.parseTime(config.surveyEndTime) else {
            throw SynthConfigError("survey_end_time '\(config.surveyEndTime)' must be HH:MM:SS")
        }
        // `frogscan survey` names nights noon to noon by the evening's date; the truth table
        // uses the same names, so a synthetic night must sit inside one such night.
        guard start >= 12 * 3_600 else {
            throw SynthConfigError(
                "survey_start_time \(config.surveyStartTime) is before noon: a night runs noon to noon "
                    + "(as in frogscan survey), so start at dusk, e.g. 19:00:00")
        }
        let end = Double(endClock < start ? endClock + 86_400 : endClock)
        let step = config.recordingIntervalMinutes * 60
        guard step > 0 else { throw SynthConfigError("recording_interval_minutes must be positive") }
        var offsets: [Double] = []
        var k = 0
        while Double(start) + Double(k) * step <= end + 1e-6 {
            offsets.append(Double(start) + Double(k) * step)
            k += 1
        }
        if offsets.count > 1, config.seconds > step {
            throw SynthConfigError(
                "seconds (\(config.seconds)) is longer than recording_interval_minutes (\(config.recordingIntervalMinutes) min): "
                    + "recordings would overlap; use shorter recordings or a longer interval")
        }
        guard offsets.last! + config.seconds <= 36 * 3_600 else {
            throw SynthConfigError(
                "the last recording (survey_end_time \(config.surveyEndTime)) ends after noon, in the next survey night; end by dawn")
        }
        self.offsets = offsets
        self.dusk = Double(start)
    }
}
