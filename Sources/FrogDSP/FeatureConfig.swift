/// Preprocessing from samples to a feature image: rate, STFT, frequency scale, amplitude scaling.
///
/// It is plain data: saved in run folders and inside model files, and replayed exactly by
/// `detect`. Coding keys are snake_case (`n_fft`, `hop_length` …, as in librosa); keys missing
/// from a file take the defaults below, which are the reference preprocessing of DESIGN.md.
public struct FeatureConfig: Equatable, Sendable, Codable {
    /// Analysis window shape.
    public enum Window: String, Codable, Sendable, CaseIterable { case hann, hamming, blackman }
    /// How `center = true` pads the signal's ends (librosa's `pad_mode`).
    public enum PadMode: String, Codable, Sendable, CaseIterable { case constant, reflect }
    /// Frequency axis: mel bands or the linear STFT bins between fmin and fmax.
    public enum FrequencyScale: String, Codable, Sendable, CaseIterable { case mel, linear }
    /// Mel formula: Slaney (librosa's default) or HTK.
    public enum MelScale: String, Codable, Sendable, CaseIterable { case slaney, htk }
    /// Filter normalisation: Slaney area normalisation (librosa's default) or none.
    public enum MelNorm: String, Codable, Sendable, CaseIterable { case slaney, none }
    /// Amplitude scaling after the filterbank.
    public enum Scaling: String, Codable, Sendable, CaseIterable { case db, pcen, none }

    /// Per-channel energy normalisation parameters (librosa.pcen's names and defaults).
    public struct PCEN: Equatable, Sendable, Codable {
        public var gain: Float = 0.98
        public var bias: Float = 2
        public var power: Float = 0.5
        public var timeConstant: Float = 0.4
        public var eps: Float = 1e-6
        public init() {}
        enum CodingKeys: String, CodingKey, CaseIterable {
            case gain, bias, power, eps
            case timeConstant = "time_constant"
        }
        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            gain = try c.decodeIfPresent(Float.self, forKey: .gain) ?? gain
            bias = try c.decodeIfPresent(Float.self, forKey: .bias) ?? bias
            power = try c.decodeIfPresent(Float.self, forKey: .power) ?? power
            timeConstant = try c.decodeIfPresent(Float.self, forKey: .timeConstant) ?? timeConstant
            eps = try c.decodeIfPresent(Float.self, forKey: .eps) ?? eps
        }
    }

    public var sampleRate: Int = 22_050
    public var nFFT: Int = 1024
    public var hopLength: Int = 256
    /// Window length in samples; nil means `nFFT`.
    public var winLength: Int? = nil
    public var window: Window = .hann
    public var center: Bool = true
    public var padMode: PadMode = .constant
    /// 1 for magnitude, 2 for power.
    public var power: Float = 2
    public var frequencyScale: FrequencyScale = .mel
    public var nMels: Int = 64
    public var fmin: Float = 100
    /// Upper frequency; nil means Nyquist.
    public var fmax: Float? = 11_025
    public var melScale: MelScale = .slaney
    public var melNorm: MelNorm = .slaney
    public var scaling: Scaling = .db
    /// dB floor: `10·log10(max(x, amin))`.
    public var amin: Float = 1e-10
    /// dB reference: `10·log10(ref)` is subtracted.
    public var ref: Float = 1
    /// If set, dB values below `max − topDB` are raised to it.
    public var topDB: Float? = nil
    public var pcen = PCEN()

    public init() {}

    enum CodingKeys: String, CodingKey, CaseIterable {
        case window, center, power, fmin, fmax, scaling, amin, ref, pcen
        case sampleRate = "sample_rate", nFFT = "n_fft", hopLength = "hop_length"
        case winLength = "win_length", padMode = "pad_mode", frequencyScale = "frequency_scale"
        case nMels = "n_mels", melScale = "mel_scale", melNorm = "mel_norm", topDB = "top_db"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        sampleRate = try c.decodeIfPresent(Int.self, forKey: .sampleRate) ?? sampleRate
        nFFT = try c.decodeIfPresent(Int.self, forKey: .nFFT) ?? nFFT
        hopLength = try c.decodeIfPresent(Int.self, forKey: .hopLength) ?? hopLength
        winLength = try c.decodeIfPresent(Int.self, forKey: .winLength) ?? winLength
        window = try c.decodeIfPresent(Window.self, forKey: .window) ?? window
        center = try c.decodeIfPresent(Bool.self, forKey: .center) ?? center
        padMode = try c.decodeIfPresent(PadMode.self, forKey: .padMode) ?? padMode
        power = try c.decodeIfPresent(Float.self, forKey: .power) ?? power
        frequencyScale = try c.decodeIfPresent(FrequencyScale.self, forKey: .frequencyScale) ?? frequencyScale
        nMels = try c.decodeIfPresent(Int.self, forKey: .nMels) ?? nMels
        fmin = try c.decodeIfPresent(Float.self, forKey: .fmin) ?? fmin
        fmax = try c.decodeIfPresent(Float.self, forKey: .fmax) ?? fmax
        melScale = try c.decodeIfPresent(MelScale.self, forKey: .melScale) ?? melScale
        melNorm = try c.decodeIfPresent(MelNorm.self, forKey: .melNorm) ?? melNorm
        scaling = try c.decodeIfPresent(Scaling.self, forKey: .scaling) ?? scaling
        amin = try c.decodeIfPresent(Float.self, forKey: .amin) ?? amin
        ref = try c.decodeIfPresent(Float.self, forKey: .ref) ?? ref
        topDB = try c.decodeIfPresent(Float.self, forKey: .topDB) ?? topDB
        pcen = try c.decodeIfPresent(PCEN.self, forKey: .pcen) ?? pcen
    }

    /// The effective window length.
    public var windowLength: Int { winLength ?? nFFT }
    /// Seconds between frames.
    public var secondsPerFrame: Double { Double(hopLength) / Double(sampleRate) }
}
