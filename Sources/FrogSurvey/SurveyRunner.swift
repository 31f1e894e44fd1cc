import Foundation
import FrogCore

/// Runs one survey pass: registers every recording found, skips those already analysed with this
/// model (same content), analyses the rest and commits each recording's detections in its own
/// transaction. Idempotent and resumable: run it again after new cards are copied, or after a
/// crash, and only the missing work is done.
public struct SurveyRunner: Sendable {
    /// Model identity stored with every detection.
    public struct ModelIdentity: Sendable {
        public var id: String
        public var classes: [String]
        public var thresholds: [Float]
        public var description: String

        public init(id: String, classes: [String], thresholds: [Float], description: String) {
            self.id = id
            self.classes = classes
            self.thresholds = thresholds
            self.description = description
        }
    }

    /// Counts of one pass.
    public struct Summary: Equatable, Sendable {
        public var found = 0
        public var inShard = 0
        public var processed = 0
        public var skipped = 0
        public var failed = 0
        public var failures: [(path: String, error: String)] = []
        /// Recordings analysed with a warning (status `truncated` or `damaged`), among `processed`.
        public var warned = 0
        public var warnings: [(path: String, warning: String)] = []

        public static func == (a: Summary, b: Summary) -> Bool {
            a.found == b.found && a.inShard == b.inShard && a.processed == b.processed
                && a.skipped == b.skipped && a.failed == b.failed
        }
    }

    public var database: SurveyDatabase
    public var model: ModelIdentity
    /// Makes one analyser per worker (models cache activations, so workers don't share one).
    /// Its argument is the threads that worker's recordings may use: 1, or more when there are
    /// fewer recordings than `threads` (the analyser may then score on model copies, as
    /// `detect` does). An analyser must not throw for bad audio but return `.failed` naming
    /// the problem.
    public var makeAnalyser: @Sendable (_ threads: Int) throws -> (URL) -> SurveyOutcome
    /// Site and start time for a recording path relative to the root.
    public var describe: @Sendable (String) -> (site: String, startTime: Date?)
    public var threads: Int = 1
    public var retryFailed = false
    /// Called after each recording with (done, total, path) for progress reporting.
    public var progress: (@Sendable (Int, Int, String) -> Void)?

    public init(
        database: SurveyDatabase, model: ModelIdentity,
        makeAnalyser: @escaping @Sendable (_ threads: Int) throws -> (URL) -> SurveyOutcome,
        describe: @escaping @Sendable (String) -> (site: String, startTime: Date?)
    ) {
        self.database = database
        self.model = model
        self.makeAnalyser = makeAnalyser
        self.describe = describe
    }

    /// One pass over `files` (absolute URLs under `root`).
    public func run(root: URL, files: [URL], shard: SurveyShard?, arguments: String) throws -> Summary {
        var summary = Summary()
        summary.found = files.count
        try database.registerModel(id: model.id, classes: model.classes, thresholds: model.thresholds, description: model.description)
        let runID = try database.beginRun(arguments: arguments, modelID: model.id, shard: shard, startedAt: Date())

        // Register (or refresh) every recording of this shard, then decide what needs work.
        var pending: [(url: URL, id: Int64, hash: String, path: String)] = []
        for url in files {
            let relative = SurveyPaths.relative(url, to: root)
            if let shard, !shard.owns(relativePath: relative) { continue }
            summary.inShard += 1
            let entry = try recordingEntry(url: url, relative: relative)
            let id = try database.upsertRecording(entry)
            if try database.isProcessed(recordingID: id, modelID: model.id, contentHash: entry.contentHash, retryFailed: retryFailed) {
                summary.skipped += 1
            } else {
                pending.append((url, id, entry.contentHash, relative))
            }
        }

        // Analyse in parallel; the database serialises the commits. A commit that fails stops
        // its worker (the database is in trouble), and the run then throws.
        let work = pending
        let pool = WorkerPool(threads: threads, items: work.count)
        let outcomes = try pool.map(work) { _ in
            try makeAnalyser(pool.threadsPerWorker)
        } body: { analyse, item in
            let outcome = analyse(item.url)
            try database.commit(recordingID: item.id, modelID: model.id, contentHash: item.hash, runID: runID, outcome: outcome)
            return outcome
        } completed: { index, _, done in
            progress?(done, work.count, work[index].path)
        }
        for (item, outcome) in zip(work, outcomes) {
            if case .failed(let message) = outcome {
                summary.failed += 1
                summary.failures.append((item.path, message))
            } else {
                summary.processed += 1
                if case .analysed(let facts, _) = outcome, let warning = facts.warning {
                    summary.warned += 1
                    summary.warnings.append((item.path, warning))
                }
            }
        }
        summary.failures.sort { $0.path < $1.path }
        summary.warnings.sort { $0.path < $1.path }
        try database.finishRun(id: runID, processed: summary.processed, skipped: summary.skipped, failed: summary.failed, endedAt: Date())
        return summary
    }

    /// Size and modification time decide whether a file must be hashed again; an unchanged file
    /// keeps its stored hash (hashing hours of audio every night would dominate the run).
    private func recordingEntry(url: URL, relative: String) throws -> SurveyRecording {
        let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
        let size = (attributes[.size] as? NSNumber)?.int64Value ?? 0
        let mtime = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        let place = describe(relative)
        let hash: String
        if let stored = try database.recording(path: relative), stored.size == size, stored.mtime == mtime {
            hash = stored.contentHash
        } else {
            hash = try ContentHash.ofFile(at: url)
        }
        return SurveyRecording(path: relative, size: size, mtime: mtime, contentHash: hash, site: place.site, startTime: place.startTime)
    }
}

/// Path conventions of the survey tree.
public enum SurveyPaths {
    /// `url` relative to `root`, with `/` separators (stable across machines and mounts).
    public static func relative(_ url: URL, to root: URL) -> String {
        let base = root.standardizedFileURL.path
        let full = url.standardizedFileURL.path
        guard full.hasPrefix(base) else { return full }
        var rest = String(full.dropFirst(base.count))
        while rest.hasPrefix("/") { rest.removeFirst() }
        return rest
    }

    /// The site of a relative path: its folder at `depth` (1 = first folder level), or `root`
    /// for files directly under the root.
    public static func site(ofRelativePath path: String, depth: Int = 1) -> String {
        let folders = path.split(separator: "/").dropLast()
        guard depth >= 1, folders.count >= depth else { return folders.last.map(String.init) ?? "root" }
        return String(folders[folders.startIndex + depth - 1])
    }
}
