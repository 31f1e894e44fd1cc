import FrogData

extension RunConfig {
    /// Training-only augmentation of feature windows (never applied to validation, test or
    /// detection). Zero counts or probabilities switch a step off.
    public struct AugmentSection: Equatable, Sendable, Codable {
        /// Random circular shift in time, as a fraction of the window (0 = off).
        public var timeShift = 0.0
        /// Random time crop with real context: training windows are cut this fraction of a
        /// window wider on each side, and every draw takes a window-long stretch of that at a
        /// random offset (0 = off). Unlike `time_shift` no frames wrap round or are invented.
        public var timeCrop = 0.0
        /// SpecAugment-style masks: how many, and the widest mask.
        public var frequencyMasks = 0
        public var frequencyMaskBins = 8
        public var timeMasks = 0
        public var timeMaskFrames = 16
        /// Background recordings mixed under training windows.
        public var noiseFiles: [String] = []
        /// Chance a training window gets a background overlay.
        public var noiseProbability = 0.0
        /// Signal-to-noise range of the overlay, dB.
        public var noiseSNRDB: [Double] = [0, 20]
        /// Random gain range, ± dB (0 = off).
        public var gainDB = 0.0
        /// Chance a training example is blended with another (mixup, features and targets;
        /// 0 = off), with λ ~ Beta(`mixup_alpha`, `mixup_alpha`).
        public var mixup = 0.0
        public var mixupAlpha = 0.4
        /// Any further steps of the augmentation library, in its own syntax, run after the
        /// ones above: `[{name: time_stretch, probability: 0.5, min_rate: 0.9, max_rate: 1.1},
        /// {name: frequency_shift, max_bins: 2}, {name: random_crop, min_fraction: 0.8}]`.
        public var steps: [AugmentStep] = []

        public init() {}

        enum CodingKeys: String, CodingKey, CaseIterable {
            case timeShift = "time_shift", timeCrop = "time_crop", frequencyMasks = "frequency_masks"
            case frequencyMaskBins = "frequency_mask_bins", timeMasks = "time_masks"
            case timeMaskFrames = "time_mask_frames", noiseFiles = "noise_files"
            case noiseProbability = "noise_probability", noiseSNRDB = "noise_snr_db"
            case gainDB = "gain_db", mixup, mixupAlpha = "mixup_alpha", steps
        }

        public init(from decoder: Decoder) throws {
            try decoder.rejectUnknownKeys(CodingKeys.self)
            let c = try decoder.container(keyedBy: CodingKeys.self)
            timeShift = try c.value(.timeShift, default: timeShift)
            timeCrop = try c.value(.timeCrop, default: timeCrop)
            frequencyMasks = try c.value(.frequencyMasks, default: frequencyMasks)
            frequencyMaskBins = try c.value(.frequencyMaskBins, default: frequencyMaskBins)
            timeMasks = try c.value(.timeMasks, default: timeMasks)
            timeMaskFrames = try c.value(.timeMaskFrames, default: timeMaskFrames)
            noiseFiles = try c.list(.noiseFiles, default: noiseFiles)
            noiseProbability = try c.value(.noiseProbability, default: noiseProbability)
            noiseSNRDB = try c.list(.noiseSNRDB, default: noiseSNRDB)
            gainDB = try c.value(.gainDB, default: gainDB)
            mixup = try c.value(.mixup, default: mixup)
            mixupAlpha = try c.value(.mixupAlpha, default: mixupAlpha)
            steps = try c.list(.steps, default: steps)
        }
    }

    /// How unequal class sizes are evened out in training batches.
    public struct BalanceSection: Equatable, Sendable, Codable {
        /// The balancing strategy.
        public enum Mode: String, Codable, Sendable, CaseIterable {
            /// Draw each batch with equal chances per class (rare classes repeat).
            case oversample
            /// Drop windows of common classes down to the rarest class's count each epoch.
            case undersample
            /// Keep every window once, in random order.
            case none
            /// Keep every window once, in random order, and weight the loss per class by
            /// `windows / (classes × class windows)` (scikit-learn's "balanced" weights).
            case class_weights
        }

        public var mode = Mode.oversample
        /// With `oversample`: the share of each epoch's draws given to the background classes
        /// (`data.background_classes`) together, every other class still drawn as often as the
        /// largest; 0 = one class's share like the others. More "no frog" examples than that
        /// (outlier exposure) teach the model to say "no frog" to more kinds of sound.
        public var backgroundShare = 0.0

        public init(mode: Mode = .oversample, backgroundShare: Double = 0) {
            self.mode = mode
            self.backgroundShare = backgroundShare
        }

        enum CodingKeys: String, CodingKey, CaseIterable { case mode, backgroundShare = "background_share" }

        public init(from decoder: Decoder) throws {
            try decoder.rejectUnknownKeys(CodingKeys.self)
            let c = try decoder.container(keyedBy: CodingKeys.self)
            mode = try c.choice(.mode, default: mode)
            backgroundShare = try c.value(.backgroundShare, default: backgroundShare)
        }
    }
}
