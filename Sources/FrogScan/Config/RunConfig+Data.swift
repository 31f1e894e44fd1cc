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
        /// Recordings known to hold none of the classes (rain, wind, insects, an empty pond):
        /// every window becomes an example of `clips.background_label`, so the model learns to
        /// say "no frog". Each file is its own group in the development split.
        public var negatives: [String] = []

        public init() {}

        enum CodingKeys: String, CodingKey, CaseIterable {
            case recordings, labels, aliases, ignore, classes, negatives
            case labelColumn = "label_column"
            case backgroundClasses = "background_classes", groupColumn = "group_column"
            case splitColumn = "split_column", testValues = "test_values"
            case validationFraction = "validation_fraction", testFraction = "test_fraction"
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
            negatives = try c.list(.negatives, default: negatives)
        }
    }

    /// How recordings are cut into fixed-length training windows and normalised.
    public struct ClipsSection: Equatable, Sendable, Codable {
        /// How each window is normalised before the network sees it (stored in the model).
        public enum Normalization: String, Codable, Sendable, CaseIterable {
            /// Subtract the window's mean and divide by its standard deviation: robust to
            /// recording gain, the usual choice for dB features.
            case window
            /// Feed the features as they are.
            case none
        }

        /// Window length in seconds.
        public var seconds = 1.5
        /// Step between windows in seconds.
        public var hopSeconds = 0.75
        /// Fraction of a window (or of the call, if shorter) an annotated call must cover for
        /// the window to carry its label.
        public var minOverlap = 0.5
        /// Label for windows of strongly labelled recordings that contain no call; empty
        /// drops them.
        public var backgroundLabel = "noise"
        /// At most this many windows per recording (evenly spaced); 0 keeps all.
        public var maxPerRecording = 0
        public var normalization = Normalization.window

        public init() {}

        enum CodingKeys: String, CodingKey, CaseIterable {
            case seconds, normalization
            case hopSeconds = "hop_seconds", minOverlap = "min_overlap"
            case backgroundLabel = "background_label", maxPerRecording = "max_per_recording"
        }

        public init(from decoder: Decoder) throws {
            try decoder.rejectUnknownKeys(CodingKeys.self)
            let c = try decoder.container(keyedBy: CodingKeys.self)
            seconds = try c.value(.seconds, default: seconds)
            hopSeconds = try c.value(.hopSeconds, default: hopSeconds)
            minOverlap = try c.value(.minOverlap, default: minOverlap)
            backgroundLabel = try c.value(.backgroundLabel, default: backgroundLabel)
            maxPerRecording = try c.value(.maxPerRecording, default: maxPerRecording)
            normalization = try c.choice(.normalization, default: normalization)
        }
    }
}
