/// How annotated recordings become fixed-length training clips. Codable with snake_case keys
/// (the `clips:` part of a config); missing keys take the defaults below.
public struct ClipConfig: Codable, Equatable, Sendable {
    /// Clip length in seconds.
    public var clipSeconds: Double = 1.5
    /// Step between sliding windows (whole-recording labels, negatives), seconds.
    public var hopSeconds: Double = 0.75
    /// A window counts as positive for a call when their overlap is at least this fraction of
    /// the shorter of the two (so a short call wholly inside counts, as does a long call
    /// covering the whole window).
    public var minOverlap: Double = 0.5
    /// true: clips centred on each call; false: the call placed at a random offset inside the
    /// clip (training only, seeded), still overlapping by `minOverlap`.
    public var centered: Bool = true
    /// The class for windows with no call (e.g. "noise"); nil makes no negatives.
    public var noiseClass: String? = "noise"
    /// Negative windows sampled per recording from unannotated stretches.
    public var negativesPerRecording: Int = 2
    /// Keep only the annotation's frequency band (bins outside it set to the clip's minimum).
    public var band: Bool = false
    /// Targets are multi-hot over every call overlapping the clip (else one-hot of the main call).
    public var multiLabel: Bool = false

    public init() {}

    enum CodingKeys: String, CodingKey {
        case centered, band
        case clipSeconds = "clip_seconds", hopSeconds = "hop_seconds", minOverlap = "min_overlap"
        case noiseClass = "noise_class", negativesPerRecording = "negatives_per_recording", multiLabel = "multi_label"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        clipSeconds = try c.decodeIfPresent(Double.self, forKey: .clipSeconds) ?? clipSeconds
        hopSeconds = try c.decodeIfPresent(Double.self, forKey: .hopSeconds) ?? hopSeconds
        minOverlap = try c.decodeIfPresent(Double.self, forKey: .minOverlap) ?? minOverlap
        centered = try c.decodeIfPresent(Bool.self, forKey: .centered) ?? centered
        if c.contains(.noiseClass) { noiseClass = try c.decodeIfPresent(String.self, forKey: .noiseClass) }
        negativesPerRecording = try c.decodeIfPresent(Int.self, forKey: .negativesPerRecording) ?? negativesPerRecording
        band = try c.decodeIfPresent(Bool.self, forKey: .band) ?? band
        multiLabel = try c.decodeIfPresent(Bool.self, forKey: .multiLabel) ?? multiLabel
    }

    /// Checks the values, naming the key at fault.
    public func validate() throws {
        guard clipSeconds > 0 else { throw FrogDataError.invalidConfig("clips.clip_seconds must be > 0") }
        guard hopSeconds > 0 else { throw FrogDataError.invalidConfig("clips.hop_seconds must be > 0") }
        guard minOverlap > 0 && minOverlap <= 1 else { throw FrogDataError.invalidConfig("clips.min_overlap must be in (0, 1]") }
        guard negativesPerRecording >= 0 else { throw FrogDataError.invalidConfig("clips.negatives_per_recording must be ≥ 0") }
    }
}
