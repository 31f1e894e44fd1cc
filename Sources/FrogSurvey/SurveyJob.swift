import Foundation
import FrogCore
import FrogDetect
import FrogModel

/// `frogscan survey run` as a library call: discover the recordings under ROOT, place them in
/// site and time from their paths and names, and run the incremental survey with one detector
/// per worker, exactly the preprocessing and thresholds stored in the model.
public struct SurveyJob {
    public var root: URL
    public var database: SurveyDatabase
    public var config: SurveyConfig
    public var settings: DetectionSettings
    public var shard: SurveyShard?
    public var threads: Int
    public var retryFailed: Bool
    /// Loads the model: once to read its classes, then once per thread (a new instance each
    /// call; each is used by one thread).
    public var makeClassifier: @Sendable () throws -> any WindowClassifier

    public init(
        root: URL, database: SurveyDatabase, config: SurveyConfig, settings: DetectionSettings = DetectionSettings(),
        shard: SurveyShard? = nil, threads: Int = 1, retryFailed: Bool = false,
        makeClassifier: @escaping @Sendable () throws -> any WindowClassifier
    ) {
        self.root = root
        self.database = database
        self.config = config
        self.settings = settings
        self.shard = shard
        self.threads = threads
        self.retryFailed = retryFailed
        self.makeClassifier = makeClassifier
    }

    /// Runs one pass; `arguments` is recorded in the runs table.
    public func run(arguments: String, progress: (@Sendable (Int, Int, String) -> Void)? = nil) throws -> SurveyRunner.Summary {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw SurveyError.rootMissing(root.path)
        }
        let config = try self.config.validated()
        let timestamps = try config.fileNamePattern.map { try FileNameTimestamp(pattern: $0) } ?? FileNameTimestamp()
        let files = try RecordingDiscovery.recordings(in: [root.path]).map { URL(fileURLWithPath: $0) }
        let probe = try makeClassifier()
        let reported = probe.classes.filter { !probe.backgroundClasses.contains($0) }
        let allThresholds = probe.decisionThresholds(minConfidence: settings.minConfidence)
        let thresholds = probe.classes.indices
            .filter { !probe.backgroundClasses.contains(probe.classes[$0]) }
            .map { allThresholds[$0] }
        let tag = settings.analysisTag
        let model = SurveyRunner.ModelIdentity(
            id: tag.isEmpty ? probe.modelID : "\(probe.modelID)@\(tag)", classes: reported, thresholds: thresholds,
            description: "window \(String(format: "%.3f", probe.windowSeconds)) s, overlap \(settings.overlap), channels \(settings.channels)")
        let settings = self.settings
        let makeClassifier = self.makeClassifier
        var runner = SurveyRunner(
            database: database, model: model,
            makeAnalyser: { threads in
                let detector = try RecordingDetector(threads: threads, settings: settings, makeClassifier: makeClassifier)
                return { url in
                    do {
                        let result = try detector.detect(path: url.path)
                        let cut = result.damage.first { $0.kind != "non_finite_samples" }
                        let facts = SurveyAudioFacts(
                            duration: result.durationSeconds, sampleRate: result.sampleRate, channels: result.channels,
                            status: result.damage.isEmpty ? .done : cut != nil ? .truncated : .damaged,
                            declaredDuration: cut?.declaredSeconds,
                            warning: result.damage.isEmpty ? nil : result.damage.map(\.description).joined(separator: "; "))
                        return .analysed(facts, result.detections)
                    } catch {
                        return .failed("\(error)")
                    }
                }
            },
            describe: { relative in
                let stamp = timestamps.stamp(for: relative)
                let site = config.fileNamePattern != nil && !stamp.site.isEmpty
                    ? stamp.site : SurveyPaths.site(ofRelativePath: relative, depth: config.siteDepth)
                return (site, stamp.start.map(config.instant(fromWallTime:)))
            })
        runner.threads = threads
        runner.retryFailed = retryFailed
        runner.progress = progress
        return try runner.run(root: root, files: files, shard: shard, arguments: arguments)
    }
}
