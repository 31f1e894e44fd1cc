import FrogData

extension RunConfig {
    /// Where the recordings and labels are, which labels become classes, and how the
    /// recordings are divided into train / validation / test.
    public struct DataSection: Equatable, Sendable, Codable {
        /// Folder of audio files; relative paths in the labels are resolved against it.
        public var recordings = "recordings"
        /// A folder of Raven / Audacity tables or CSVs, or one CSV file (whole-recording labels
        /// when it has no start/end columns).
        public var labels = "labels"
        /// Raven column holding the class label ("label" tries Species, Annotation, Class …).
        public var labelColumn = "label"
        /// Raw label → class name (merging spellings or species into one class).
        public var aliases: [String: String] = [:]
        /// Labels dropped before anything else (such as a species with one recording).
        public var ignore: [String] = []
        /// Class names in score order; empty means every label found, sorted.
        public var classes: [String] = []
        /// Classes that mean "no call" (such as `noise`): trained on, never reported by detect.
        public var backgroundClasses: [String] = ["noise"]
        /// Column whose value keeps recordings together in one split (a site); empty means the
        /// recording itself is the group.
        public var groupColumn = ""
        /// Column that fixes each recording's split (such as `suggested_split`); empty means the
        /// test split is drawn at random by group.
        public var splitColumn = ""
        /// Values of `splitColumn` used for the test split; everything else is development data.
        public var testValues: [String] = ["test"]
        /// Fraction of the development groups held out for validation.
        public var validationFraction = 0.2
        /// Fraction of groups held out for test when there is no `splitColumn`.
        public var testFraction = 0.2
        /// K-fold cross-validation: the development groups are dealt into `folds` folds
        /// (stratified, seeded) and fold `fold` (1-based) is validation instead of a
        /// `validation_fraction` draw; 0 = off. `frogscan train --folds K` trains every fold.
        public var folds = 0
        public var fold = 1
        /// Recordings known to hold none of the classes (rain, wind, insects, an empty pond):
        /// every window becomes an example of `clips.background_label`, so the model learns to
        /// say "no frog". Each file is its own group in the development split.
        public var negatives: [String] = []
        /// Folder of cached whole-recording features (keyed by the file's content hash, the
        /// feature settings and the sample rate), so a second build skips decoding; relative to
        /// the working directory like the other paths; "" switches the cache off.
        public var cache = ".frogscan-cache"
        /// A `recording,group,split` file (a run's `split.csv`, or `frogscan dataset split`'s)
        /// that fixes every recording's split; "" draws the split from the seed.
        public var splitFile = ""

        public init() {}

        enum CodingKeys: String, CodingKey, CaseIterable {
            case recordings, labels, aliases, ignore, classes, negatives, cache
            case splitFile = "split_file"
            case labelColumn = "label_column"
            case backgroundClasses = "background_classes", groupColumn = "group_column"
            case splitColumn = "split_column", testValues = "test_values"
            case validationFraction = "validation_fraction", testFraction = "test_fraction"
            case folds, fold
        }

        public init(from decoder: Decoder) throws {
            try decoder.rejectUnknownKeys(CodingKeys.self)
            let c = try decoder.container(keyedBy: CodingKeys.self)
            recordings = try c.value(.recordings, default: recordings)
            labels = try c.value(.labels, default: labels)
            labelColumn = try c.value(.labelColumn, default: labelColumn)
            aliases = try c.value(.aliases, default: aliases)
            ignore = try c.list(.ignore, default: ignore)
            classes = try c.list(.classes, default: classes)
            backgroundClasses = try c.list(.backgroundClasses, default: backgroundClasses)
            groupColumn = try c.value(.groupColumn, default: groupColumn)
            splitColumn = try c.value(.splitColumn, default: splitColumn)
            testValues = try c.list(.testValues, default: testValues)
            validationFraction = try c.value(.validationFraction, default: validationFraction)
            testFraction = try c.value(.testFraction, default: testFraction)
            folds = try c.value(.folds, default: folds)
            fold = try c.value(.fold, default: fold)
            negatives = try c.list(.negatives, default: negatives)
            cache = try c.value(.cache, default: cache)
            splitFile = try c.value(.splitFile, default: splitFile)
        }
    }

    /// How recordings are cut into fixed-length clips: FrogData's `ClipConfig`, the same
    /// section the `frogscan dataset` commands read.
    public typealias ClipsSection = ClipConfig
}
