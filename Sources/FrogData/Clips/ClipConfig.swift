/// How annotated recordings become fixed-length clips: the `clips:` section of a config, read
/// the same way by `frogscan train` and the `frogscan dataset` commands. Snake_case keys;
/// missing keys take the defaults below (which are `configs/default.yaml`); unknown keys are
/// errors naming the key.
public struct ClipConfig: Codable, Equatable, Sendable {
    /// Where clips go in a recording with call boxes.
    public enum Placement: String, Codable, Sendable, CaseIterable {
        /// Windows every `hop_seconds` over the whole recording, each labelled with the calls it
        /// covers by `min_overlap`; windows without a call become `background_label`.
        case sliding
        /// One clip centred on each call; `negatives_per_recording` background clips drawn from
        /// stretches no call touches.
        case centered
        /// As `centered`, but in training each call sits at a seeded random offset that still
        /// overlaps the clip by `min_overlap` (validation and test clips stay centred).
        case random
    }

    /// How each clip is normalised before a network sees it (stored in the model, replayed by
    /// detection).
    public enum Normalization: String, Codable, Sendable, CaseIterable {
        /// Subtract the clip's mean and divide by its standard deviation: robust to recording
        /// gain, the usual choice for dB features.
        case window
        /// Subtract the clip's maximum and divide by 20 (dB features: librosa's `ref=np.max`,
        /// scaled): level-free like `window`, but a clip keeps its dynamic range, so a flat
        /// stretch of background stays flat instead of being stretched to unit variance.
        case peak
        /// Feed the features as they are.
        case none
    }

    /// Clip length in seconds (frames: `seconds / seconds-per-frame`, rounded).
    public var seconds = 1.5
    /// Step between sliding windows (weak labels, negatives recordings, `placement: sliding`).
    public var hopSeconds = 0.75
    /// A clip carries a call's label when their overlap is at least this fraction of the
    /// shorter of the two (a short call wholly inside counts, as does a long call covering the
    /// whole clip).
    public var minOverlap = 0.5
    public var placement = Placement.sliding
    /// The class of clips with no call ("" for none: such clips are dropped). Only recordings
    /// with call boxes (or none at all) give background clips: a whole-recording label says
    /// nothing about where the calls are not.
    public var backgroundLabel = "noise"
    /// Background clips drawn per recording with `placement: centered` or `random` (sliding
    /// placement labels every window instead).
    public var negativesPerRecording = 2
    /// At most this many sliding windows per recording, evenly spaced so a long recording still
    /// contributes from start to end; 0 keeps all.
    public var maxPerRecording = 0
    /// Training windows of a weakly labelled recording: keep only this fraction of them, those
    /// rising most above the recording's background (`ClipActivity`), so that windows where
    /// the labelled species is silent are not taught as that species; 1 keeps all. Validation,
    /// test and evaluation always use every window.
    public var activeFraction = 1.0
    /// Keep only the call's frequency band (bins outside it set to the clip's minimum).
    public var band = false
    /// Targets mark every class calling in the clip (multi-hot); false: one-hot of the main call.
    public var multiLabel = true
    public var normalization = Normalization.window
    /// With `normalization: peak`, values more than this many dB below the window's maximum
    /// are raised to it, so a denoised recording's empty floor and a noisy one's look alike;
    /// 0 = no floor.
    public var floorDB = 0.0

    public init() {}

    enum CodingKeys: String, CodingKey, CaseIterable {
        case seconds, placement, centered, band, normalization
        case hopSeconds = "hop_seconds", minOverlap = "min_overlap", backgroundLabel = "background_label"
        case negativesPerRecording = "negatives_per_recording", maxPerRecording = "max_per_recording"
        case multiLabel = "multi_label", activeFraction = "active_fraction", floorDB = "floor_db"
    }

    public init(from decoder: Decoder) throws {
        try decoder.checkKnownKeys(CodingKeys.allCases.map(\.stringValue))
        let c = try decoder.container(keyedBy: CodingKeys.self)
        seconds = try c.decodeIfPresent(Double.self, forKey: .seconds) ?? seconds
        hopSeconds = try c.decodeIfPresent(Double.self, forKey: .hopSeconds) ?? hopSeconds
        minOverlap = try c.decodeIfPresent(Double.self, forKey: .minOverlap) ?? minOverlap
        placement = try c.choice(.placement, default: placement)
        // `centered: true|false` is shorthand for placement centered|random.
        if let centered = try c.decodeIfPresent(Bool.self, forKey: .centered) {
            guard !c.contains(.placement) else {
                throw FrogDataError.invalidValue(
                    path: codingPathText(decoder.codingPath + [CodingKeys.centered]),
                    message: "give either placement or centered (shorthand for placement centered|random), not both")
            }
            placement = centered ? .centered : .random
        }
        backgroundLabel = try c.text(.backgroundLabel, default: backgroundLabel)
        negativesPerRecording = try c.decodeIfPresent(Int.self, forKey: .negativesPerRecording) ?? negativesPerRecording
        maxPerRecording = try c.decodeIfPresent(Int.self, forKey: .maxPerRecording) ?? maxPerRecording
        activeFraction = try c.decodeIfPresent(Double.self, forKey: .activeFraction) ?? activeFraction
        band = try c.decodeIfPresent(Bool.self, forKey: .band) ?? band
        multiLabel = try c.decodeIfPresent(Bool.self, forKey: .multiLabel) ?? multiLabel
        normalization = try c.choice(.normalization, default: normalization)
        floorDB = try c.decodeIfPresent(Double.self, forKey: .floorDB) ?? floorDB
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(seconds, forKey: .seconds)
        try c.encode(hopSeconds, forKey: .hopSeconds)
        try c.encode(minOverlap, forKey: .minOverlap)
        try c.encode(placement, forKey: .placement)
        try c.encode(backgroundLabel, forKey: .backgroundLabel)
        try c.encode(negativesPerRecording, forKey: .negativesPerRecording)
        try c.encode(maxPerRecording, forKey: .maxPerRecording)
        try c.encode(activeFraction, forKey: .activeFraction)
        try c.encode(band, forKey: .band)
        try c.encode(multiLabel, forKey: .multiLabel)
        try c.encode(normalization, forKey: .normalization)
        try c.encode(floorDB, forKey: .floorDB)
    }

    /// Frames per clip at `secondsPerFrame` (at least 1): the window length a model trained on
    /// these clips expects.
    public func frames(secondsPerFrame: Double) -> Int {
        max(1, Int((seconds / secondsPerFrame).rounded()))
    }

    /// Frames between sliding-window starts (at least 1).
    public func hopFrames(secondsPerFrame: Double) -> Int {
        max(1, Int((hopSeconds / secondsPerFrame).rounded()))
    }

    /// Longest clip, seconds: frog calls and choruses are judged on windows of seconds; a longer
    /// window only multiplies the memory every batch needs.
    public static let maximumSeconds = 60.0

    /// Every unusable value as (key, what is wrong). Non-finite numbers fail every range.
    public func problems() -> [(key: String, message: String)] {
        var found: [(key: String, message: String)] = []
        let longest = Self.maximumSeconds
        if !(seconds > 0 && seconds <= longest) { found.append(("clips.seconds", "must be in (0, \(longest)] seconds (got \(seconds))")) }
        if !(hopSeconds > 0 && hopSeconds <= 10 * longest) {
            found.append(("clips.hop_seconds", "must be in (0, \(10 * longest)] seconds (got \(hopSeconds))"))
        }
        if !(minOverlap > 0 && minOverlap <= 1) { found.append(("clips.min_overlap", "must be in (0, 1]")) }
        if !(0...1_000).contains(negativesPerRecording) { found.append(("clips.negatives_per_recording", "must be in 0…1000")) }
        if !(0...1_000_000).contains(maxPerRecording) { found.append(("clips.max_per_recording", "must be in 0…1000000 (0 = all)")) }
        if !(floorDB >= 0 && floorDB <= 200) { found.append(("clips.floor_db", "must be in [0, 200] dB (0 = no floor)")) }
        if !(activeFraction > 0 && activeFraction <= 1) { found.append(("clips.active_fraction", "must be in (0, 1] (1 = all windows)")) }
        return found
    }

    /// Throws the first problem, naming the key.
    public func validate() throws {
        if let first = problems().first { throw FrogDataError.invalidConfig("\(first.key) \(first.message)") }
    }
}
