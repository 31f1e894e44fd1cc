/// One named augmentation with its probability and parameters, as written in a config:
/// `{name: time_mask, probability: 0.5, count: 2, max_frames: 12, fill: mean}`.
///
/// Parameters a step does not use are ignored; missing ones take the defaults below. Feature
/// images are assumed to be dB (FeatureConfig's default scaling): `gain` adds dB and
/// `background` mixes in the power domain. `frequency_flip`/`vertical_flip`, `rotation` and
/// large `frequency_shift`s change what a call *is* (pitch and sweep direction identify
/// species), so no default pipeline includes them; enable them only knowingly.
public struct AugmentStep: Codable, Equatable, Sendable {
    /// The available steps.
    public enum Name: String, Codable, Sendable, CaseIterable {
        /// Shift in time by up to `max_frames` (`roll: true` wraps around, else `fill_mode`).
        case timeShift = "time_shift"
        /// Crop a random time span of at least `min_fraction` and stretch it back to full length.
        case randomCrop = "random_crop"
        /// Stretch or squeeze time by a rate in [`min_rate`, `max_rate`] (linear interpolation).
        case timeStretch = "time_stretch"
        /// Shift along frequency by up to `max_bins` bins.
        case frequencyShift = "frequency_shift"
        /// SpecAugment: `count` time masks up to `max_frames` wide, filled with zero or mean.
        case timeMask = "time_mask"
        /// SpecAugment: `count` frequency masks up to `max_bins` high.
        case frequencyMask = "frequency_mask"
        /// Add a level offset in [−`max_db`, `max_db`] dB.
        case gain
        /// Scale deviations from the mean by a factor in [`min_factor`, `max_factor`].
        case contrast
        /// Mix a background clip (crickets, rain, wind) at an SNR in [`min_snr_db`, `max_snr_db`].
        case background
        /// Blend pairs of examples and their targets with λ ~ Beta(`alpha`, `alpha`).
        case mixup
        /// Rotate by up to `max_degrees` (changes a call's sweep: off by default).
        case rotation
        /// Shear by up to `max_degrees`.
        case shear
        /// Zoom by factors in [`min_zoom`, `max_zoom`] on each axis (< 1 zooms in).
        case zoom
        /// Reverse time.
        case horizontalFlip = "horizontal_flip"
        /// Reverse frequency (changes a call's pitch: off by default).
        case verticalFlip = "vertical_flip"
        /// Subtract the dataset's per-bin mean (from `AugmentPipeline.fitted`); also in eval.
        case featurewiseCenter = "featurewise_center"
        /// Subtract the per-bin mean and divide by the per-bin std of the dataset; also in eval.
        case featurewiseStandardize = "featurewise_standardize"
        /// Subtract each image's own mean; also in eval.
        case samplewiseCenter = "samplewise_center"
        /// Subtract each image's mean and divide by its std; also in eval.
        case samplewiseStandardize = "samplewise_standardize"

        /// Normalisation steps are preprocessing: applied always, in training and evaluation.
        public var isNormalization: Bool {
            switch self {
            case .featurewiseCenter, .featurewiseStandardize, .samplewiseCenter, .samplewiseStandardize: return true
            default: return false
            }
        }
    }

    /// What a masked region holds.
    public enum MaskFill: String, Codable, Sendable, CaseIterable { case zero, mean }

    public var name: Name
    /// Chance the step runs on an example (normalisation steps always run).
    public var probability: Double = 1
    public var maxFrames: Int = 8
    public var maxBins: Int = 4
    public var count: Int = 1
    public var fill: MaskFill = .zero
    public var roll: Bool = false
    public var minFraction: Double = 0.8
    public var minRate: Double = 0.9
    public var maxRate: Double = 1.1
    public var maxDB: Float = 6
    public var minFactor: Float = 0.8
    public var maxFactor: Float = 1.2
    public var minSNRDB: Float = 0
    public var maxSNRDB: Float = 20
    public var alpha: Double = 0.4
    public var maxDegrees: Double = 10
    public var minZoom: Double = 0.9
    public var maxZoom: Double = 1.1
    /// How geometric steps fill pixels moved in from outside.
    public var fillMode: FeatureTransforms.FillMode = .constant
    /// The constant fill; nil means the image's minimum (silence, for dB images).
    public var fillValue: Float? = nil
    /// Per-bin dataset statistics for the featurewise steps (set by `AugmentPipeline.fitted`).
    public var featureMeans: [Float]? = nil
    public var featureStds: [Float]? = nil

    public init(_ name: Name, probability: Double = 1) {
        self.name = name
        self.probability = probability
    }

    enum CodingKeys: String, CodingKey {
        case name, probability, count, fill, roll, alpha
        case maxFrames = "max_frames", maxBins = "max_bins", minFraction = "min_fraction"
        case minRate = "min_rate", maxRate = "max_rate", maxDB = "max_db"
        case minFactor = "min_factor", maxFactor = "max_factor", minSNRDB = "min_snr_db", maxSNRDB = "max_snr_db"
        case maxDegrees = "max_degrees", minZoom = "min_zoom", maxZoom = "max_zoom"
        case fillMode = "fill_mode", fillValue = "fill_value", featureMeans = "feature_means", featureStds = "feature_stds"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(Name.self, forKey: .name)
        probability = try c.decodeIfPresent(Double.self, forKey: .probability) ?? probability
        maxFrames = try c.decodeIfPresent(Int.self, forKey: .maxFrames) ?? maxFrames
        maxBins = try c.decodeIfPresent(Int.self, forKey: .maxBins) ?? maxBins
        count = try c.decodeIfPresent(Int.self, forKey: .count) ?? count
        fill = try c.decodeIfPresent(MaskFill.self, forKey: .fill) ?? fill
        roll = try c.decodeIfPresent(Bool.self, forKey: .roll) ?? roll
        minFraction = try c.decodeIfPresent(Double.self, forKey: .minFraction) ?? minFraction
        minRate = try c.decodeIfPresent(Double.self, forKey: .minRate) ?? minRate
        maxRate = try c.decodeIfPresent(Double.self, forKey: .maxRate) ?? maxRate
        maxDB = try c.decodeIfPresent(Float.self, forKey: .maxDB) ?? maxDB
        minFactor = try c.decodeIfPresent(Float.self, forKey: .minFactor) ?? minFactor
        maxFactor = try c.decodeIfPresent(Float.self, forKey: .maxFactor) ?? maxFactor
        minSNRDB = try c.decodeIfPresent(Float.self, forKey: .minSNRDB) ?? minSNRDB
        maxSNRDB = try c.decodeIfPresent(Float.self, forKey: .maxSNRDB) ?? maxSNRDB
        alpha = try c.decodeIfPresent(Double.self, forKey: .alpha) ?? alpha
        maxDegrees = try c.decodeIfPresent(Double.self, forKey: .maxDegrees) ?? maxDegrees
        minZoom = try c.decodeIfPresent(Double.self, forKey: .minZoom) ?? minZoom
        maxZoom = try c.decodeIfPresent(Double.self, forKey: .maxZoom) ?? maxZoom
        fillMode = try c.decodeIfPresent(FeatureTransforms.FillMode.self, forKey: .fillMode) ?? fillMode
        fillValue = try c.decodeIfPresent(Float.self, forKey: .fillValue)
        featureMeans = try c.decodeIfPresent([Float].self, forKey: .featureMeans)
        featureStds = try c.decodeIfPresent([Float].self, forKey: .featureStds)
    }

    /// Checks ranges, naming the step.
    public func validate() throws {
        func fail(_ message: String) -> FrogDataError { .invalidConfig("augment step \(name.rawValue): \(message)") }
        guard (0...1).contains(probability) else { throw fail("probability \(probability) is not in [0, 1]") }
        guard maxFrames >= 0, maxBins >= 0, count >= 0 else { throw fail("max_frames, max_bins and count must be ≥ 0") }
        guard minFraction > 0 && minFraction <= 1 else { throw fail("min_fraction must be in (0, 1]") }
        guard minRate > 0 && minRate <= maxRate else { throw fail("need 0 < min_rate ≤ max_rate") }
        guard minZoom > 0 && minZoom <= maxZoom else { throw fail("need 0 < min_zoom ≤ max_zoom") }
        guard minFactor <= maxFactor, minSNRDB <= maxSNRDB, maxDB >= 0, alpha > 0 else {
            throw fail("need min ≤ max for factors and SNR, max_db ≥ 0, alpha > 0")
        }
    }
}
