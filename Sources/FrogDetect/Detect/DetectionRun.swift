import Foundation
import FrogCore
import FrogModel
import FrogDSP

/// A detection run over folders of recordings (`frogscan detect`): finds the recordings,
/// scans them in parallel, writes the per-recording tables as each finishes, then the folder
/// files (`detections.csv`, `summary.csv`, `errors.csv`, optionally the combined Raven table
/// and snippets) in path order, so the outputs are the same whatever the thread count.
///
/// A recording that cannot be read is listed in `errors.csv` and the run goes on; one analysed
/// only in part (truncated, NaN samples) and links skipped by the walk are listed in
/// `warnings.csv`. `run()` then throws `PartialFailure` after writing everything (exit code 2).
public struct DetectionRun: Sendable {
    /// What to scan and where to write.
    public struct Options: Sendable {
        /// Folders (walked recursively) and files.
        public var inputs: [String]
        public var outputFolder: URL
        public var settings: DetectionSettings
        /// Threads: recordings scanned at once, each with a classifier of its own; with fewer
        /// recordings than threads, the rest score a recording's batches beside it.
        public var threads: Int
        /// Skip recordings whose outputs are complete from an earlier run with the same settings.
        public var resume: Bool
        /// Also write `combined.selections.txt` for the whole sequence of recordings.
        public var combined: Bool
        /// Spectrogram PNGs of the N most confident detections per species (0: none).
        public var snippets: Int
        public var timestamps: FileNameTimestamp

        public init(
            inputs: [String], outputFolder: URL, settings: DetectionSettings = DetectionSettings(),
            threads: Int = 1, resume: Bool = false, combined: Bool = false, snippets: Int = 0,
            timestamps: FileNameTimestamp = FileNameTimestamp()
        ) {
            self.inputs = inputs
            self.outputFolder = outputFolder
            self.settings = settings
            self.threads = threads
            self.resume = resume
            self.combined = combined
            self.snippets = snippets
            self.timestamps = timestamps
        }
    }

    /// What a finished run produced.
    public struct Result: Sendable {
        /// Recordings processed or resumed, in path order.
        public var outcomes: [RecordingOutcome]
        public var failures: [RecordingFailure]
        /// Recordings reused from an earlier run by `--resume`.
        public var resumed: Int
        public var progress: RunProgress
        public var layout: OutputLayout
    }

    public let options: Options
    private let makeClassifier: @Sendable () throws -> any WindowClassifier
    private let display: ProgressDisplay?

    /// `makeClassifier` must return a new instance at each call: it is called once per thread
    /// (`options.threads` in all), because a model keeps per-call workspaces and must not be
    /// shared between threads. Each instance runs on one thread.
    public init(
        options: Options, makeClassifier: @escaping @Sendable () throws -> any WindowClassifier,
        display: ProgressDisplay? = nil
    ) {
        self.options = options
        self.makeClassifier = makeClassifier
        self.display = display
    }

    /// Runs the whole batch. Throws configuration errors (no recordings, unknown species)
    /// before any work, and `PartialFailure` at the end if some recordings failed.
    public func run() throws -> Result {
        let discovery = try RecordingDiscovery.scan(options.inputs)
        let recordings = discovery.recordings
        guard !recordings.isEmpty else { throw DetectError.noRecordings(inputs: options.inputs) }
        let layout = OutputLayout(folder: options.outputFolder, recordings: recordings)
        let pool = WorkerPool(threads: options.threads, items: recordings.count)
        // With fewer recordings than threads, a worker's recording is scored on one classifier
        // per thread while the worker reads (`BatchScorer`).
        let threads = pool.threadsPerWorker, settings = options.settings, makeClassifier = self.makeClassifier
        @Sendable func makeDetector() throws -> RecordingDetector {
            try RecordingDetector(threads: threads, settings: settings, makeClassifier: makeClassifier)
        }
        let first = try makeDetector()
        // What the folder files need of the model, read now: `first` itself goes to worker 0
        // (a detector is used by one thread at a time).
        let modelID = first.classifier.modelID, classes = first.classifier.classes
        let reportedSpecies = classes.indices.filter { first.reported[$0] }.map { classes[$0] }
        let featureConfig = first.classifier.featureConfig
        let bands = FrequencyBands(bySpecies: first.classifier.speciesBands, config: featureConfig)
        let handOver = Locked<RecordingDetector?>(first)
        let tally = Locked(RunTally(total: recordings.count))

        let scans = try pool.map(recordings) { worker in
            worker == 0 ? handOver.withLock { $0.take() } : nil
        } body: { detector, path in
            do {
                if options.resume, let outcome = reusable(path, layout: layout, modelID: modelID) {
                    return Scan.resumed(outcome)
                }
                if detector == nil {
                    detector = try makeDetector()
                }
                return Scan.scanned(try process(path, detector: detector!, layout: layout))
            } catch {
                let message = "\(error)"
                return Scan.failed(RecordingFailure(file: path, error: message.contains(path) ? message : "\(path): \(message)"))
            }
        } completed: { _, scan, _ in
            let progress = tally.withLock { $0.add(scan) }
            display?.update(progress, file: scan.file, failure: scan.failure?.error)
        }
        display?.finish()

        let outcomes = scans.compactMap(\.outcome)
        let failures = scans.compactMap(\.failure)
        let (resumed, progress) = tally.withLock { ($0.resumed, $0.snapshot()) }
        let records = outcomes.flatMap(\.records).sorted(by: DetectionRecord.outputOrder)
        try DetectionsCSV.write(records, to: layout.detectionsCSV)
        try SummaryCSV.write(outcomes: outcomes, failures: failures, species: reportedSpecies, to: layout.summaryCSV)
        try ErrorsCSV.write(failures, to: layout.errorsCSV)
        let warnings = discovery.skipped + outcomes.flatMap(\.warnings)
        try WarningsCSV.write(warnings, to: layout.warningsCSV)
        if options.combined {
            try RavenOutput.write(RavenOutput.combinedSelections(outcomes, bands: bands), to: layout.combinedRavenTable)
        }
        if options.snippets > 0 {
            try SnippetWriter(config: featureConfig, bands: bands)
                .write(best: options.snippets, of: records, to: layout.snippetsFolder)
        }
        let result = Result(outcomes: outcomes, failures: failures, resumed: resumed, progress: progress, layout: layout)
        if !failures.isEmpty || !warnings.isEmpty {
            throw PartialFailure(
                failed: failures.count, listedIn: layout.errorsCSV.path, warned: warnings.count,
                warningsIn: layout.warningsCSV.path)
        }
        return result
    }

    /// Scans one recording and writes its tables, then its completion marker (last, so a marker
    /// always vouches for files already renamed into place).
    private func process(_ path: String, detector: RecordingDetector, layout: OutputLayout) throws -> RecordingOutcome {
        let found = try detector.detect(path: path)
        let classifier = detector.classifier
        let stamp = options.timestamps.stamp(for: path)
        let classIndex = Dictionary(uniqueKeysWithValues: classifier.classes.enumerated().map { ($1, $0) })
        let records = found.detections.map { detection in
            DetectionRecord(
                detection: detection, site: stamp.site,
                startTime: stamp.start.map { FileNameTimestamp.format($0, offsetSeconds: detection.start) },
                modelID: classifier.modelID, threshold: detector.thresholds[classIndex[detection.species] ?? 0],
                windowSeconds: Double(classifier.windowFrames) * classifier.featureConfig.secondsPerFrame,
                overlap: options.settings.overlap)
        }
        let outcome = RecordingOutcome(
            file: path, durationSeconds: found.durationSeconds, channels: found.channels, records: records,
            warnings: found.damage.map { RecordingWarning($0, file: path) })
        let bands = FrequencyBands(bySpecies: classifier.speciesBands, config: classifier.featureConfig)
        if options.settings.formats.contains(.raven) {
            try RavenOutput.write(RavenOutput.selections(records, bands: bands), to: layout.ravenTable(for: path))
        }
        if options.settings.formats.contains(.audacity) {
            try AudacityOutput.write(records, bands: bands, to: layout.audacityLabels(for: path))
        }
        let marker = CompletionMarker(
            version: CompletionMarker.currentVersion,
            fingerprint: CompletionMarker.fingerprint(settings: options.settings, modelID: classifier.modelID, recording: path),
            outcome: outcome)
        try marker.write(to: layout.marker(for: path))
        return outcome
    }

    /// The earlier outcome of `path` if its marker matches and its tables are all in place.
    private func reusable(_ path: String, layout: OutputLayout, modelID: String) -> RecordingOutcome? {
        guard let marker = CompletionMarker.read(layout.marker(for: path)),
              marker.fingerprint == CompletionMarker.fingerprint(settings: options.settings, modelID: modelID, recording: path),
              marker.outcome.file == path
        else { return nil }
        let fileManager = FileManager.default
        if options.settings.formats.contains(.raven), !fileManager.fileExists(atPath: layout.ravenTable(for: path).path) {
            return nil
        }
        if options.settings.formats.contains(.audacity), !fileManager.fileExists(atPath: layout.audacityLabels(for: path).path) {
            return nil
        }
        return marker.outcome
    }
}

/// What became of one recording of the run.
private enum Scan: Sendable {
    case scanned(RecordingOutcome)
    /// Complete from an earlier run with the same settings (`--resume`).
    case resumed(RecordingOutcome)
    case failed(RecordingFailure)

    var file: String {
        switch self {
        case .scanned(let outcome), .resumed(let outcome): outcome.file
        case .failed(let failure): failure.file
        }
    }

    var outcome: RecordingOutcome? {
        switch self {
        case .scanned(let outcome), .resumed(let outcome): outcome
        case .failed: nil
        }
    }

    var failure: RecordingFailure? {
        if case .failed(let failure) = self { failure } else { nil }
    }
}

/// The running totals behind the progress display, added to in completion order.
private struct RunTally {
    let total: Int
    var done = 0
    var failed = 0
    var resumed = 0
    /// Audio scanned in this run (resumed recordings excluded).
    var scannedSeconds = 0.0
    let started = DispatchTime.now().uptimeNanoseconds

    init(total: Int) { self.total = total }

    /// Counts `scan` and returns the progress so far.
    mutating func add(_ scan: Scan) -> RunProgress {
        done += 1
        switch scan {
        case .scanned(let outcome): scannedSeconds += outcome.durationSeconds
        case .resumed: resumed += 1
        case .failed: failed += 1
        }
        return snapshot()
    }

    func snapshot() -> RunProgress {
        RunProgress(
            filesDone: done, filesTotal: total, failed: failed, audioSeconds: scannedSeconds,
            wallSeconds: Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9)
    }
}
