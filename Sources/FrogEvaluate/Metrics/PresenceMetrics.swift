/// Survey-style presence, the figure a survey report rests on: a species is present in a file
/// when the decision rule makes at least one detection of it there. Measured over labelled
/// recordings and frog-free files together, so false alarms in empty audio count against
/// precision as they do in a real survey.
///
/// Per species: true positives are files labelled with it that got a detection of it, false
/// positives files not labelled with it that did (other species' recordings and frog-free
/// files), false negatives files labelled with it that did not. On frog-free audio: false
/// detections per hour (every detection there is false) and the share of frog-free files with
/// any detection.
public struct PresenceMetrics: Equatable, Sendable {
    /// One evaluated file.
    public struct File: Equatable, Sendable {
        public var path: String
        public var seconds: Double
        /// Species calling in the file (empty: frog-free).
        public var truth: Set<String>
        /// Detections per species (species without any are absent).
        public var detections: [String: Int]

        public init(path: String, seconds: Double, truth: Set<String>, detections: [String: Int]) {
            self.path = path
            self.seconds = seconds
            self.truth = truth
            self.detections = detections
        }

        /// A file known to hold no frog.
        public var isFrogFree: Bool { truth.isEmpty }
    }

    /// Species evaluated (the reported classes), in column order.
    public let species: [String]
    public let files: [File]
    /// Per species, in `species` order.
    public let perSpecies: [ClassMetrics]
    /// Unweighted mean over the species that have at least one labelled file (a species absent
    /// from the data cannot be found, so it would only lower the mean).
    public let macro: AveragedMetrics
    public let frogFreeFiles: Int
    public let frogFreeSeconds: Double
    /// Detections of any species in frog-free files, and per species.
    public let falseDetections: Int
    public let falseDetectionsBySpecies: [Int]
    /// Frog-free files with at least one detection.
    public let frogFreeFilesWithDetection: Int

    public init(species: [String], files: [File]) {
        self.species = species
        self.files = files
        perSpecies = species.map { name in
            var tp = 0, fp = 0, fn = 0
            for file in files {
                let detected = (file.detections[name] ?? 0) > 0
                let present = file.truth.contains(name)
                if detected && present { tp += 1 } else if detected { fp += 1 } else if present { fn += 1 }
            }
            return ClassMetrics(truePositives: tp, falsePositives: fp, falseNegatives: fn)
        }
        let supported = perSpecies.filter { $0.support > 0 }
        let n = Double(max(supported.count, 1))
        macro = AveragedMetrics(
            precision: supported.reduce(0) { $0 + $1.precision } / n, recall: supported.reduce(0) { $0 + $1.recall } / n,
            f1: supported.reduce(0) { $0 + $1.f1 } / n)
        let frogFree = files.filter(\.isFrogFree)
        frogFreeFiles = frogFree.count
        frogFreeSeconds = frogFree.reduce(0) { $0 + $1.seconds }
        falseDetectionsBySpecies = species.map { name in frogFree.reduce(0) { $0 + ($1.detections[name] ?? 0) } }
        falseDetections = falseDetectionsBySpecies.reduce(0, +)
        frogFreeFilesWithDetection = frogFree.filter { file in species.contains { (file.detections[$0] ?? 0) > 0 } }.count
    }

    /// False detections per hour of frog-free audio; nil without frog-free audio.
    public var falsePerHour: Double? { Self.perHour(falseDetections, seconds: frogFreeSeconds) }

    /// One species' false detections per hour of frog-free audio.
    public func falsePerHour(species index: Int) -> Double? { Self.perHour(falseDetectionsBySpecies[index], seconds: frogFreeSeconds) }

    /// Share of frog-free files with any detection; nil without frog-free files.
    public var frogFreeShare: Double? {
        frogFreeFiles > 0 ? Double(frogFreeFilesWithDetection) / Double(frogFreeFiles) : nil
    }

    static func perHour(_ count: Int, seconds: Double) -> Double? { seconds > 0 ? Double(count) * 3600 / seconds : nil }
}
