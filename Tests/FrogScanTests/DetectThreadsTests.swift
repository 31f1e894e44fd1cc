import Foundation
import FrogDetect
import FrogDSP
import FrogModel
import FrogSurvey
import FrogTestSupport
import XCTest

/// One recording on several threads: batches scored by classifier copies on threads of their
/// own (and by the reading thread when it is ahead) give exactly the single-thread result.
final class DetectThreadsTests: XCTestCase {
    private var folder: URL!

    override func setUp() { folder = SharedData.temporaryDirectory("detect-threads") }
    override func tearDown() { try? FileManager.default.removeItem(at: folder) }

    private func chorus(_ name: String, channels: Int = 1) throws -> String {
        let path = folder.appendingPathComponent(name).path
        try SyntheticRecording.write(to: path, seconds: 40, channels: channels, calls: (0..<12).map { i in
            .init(hz: i % 3 == 0 ? 3500 : 700, start: 1 + 3.1 * Double(i), end: 2.2 + 3.1 * Double(i), channels: [i % channels])
        })
        return path
    }

    private func scan(
        _ path: String, _ classifiers: [any WindowClassifier], settings: DetectionSettings
    ) throws -> (detections: [Detection], windows: [[ScoredWindow]]) {
        let detector = try RecordingDetector(
            classifier: classifiers[0], settings: settings, copies: Array(classifiers.dropFirst()))
        let result = try detector.scan(path: path, keepScores: true)
        return (result.detections, result.windows)
    }

    /// Copies that finish their batches out of order (each sleeps a different time per batch)
    /// still give the single-thread windows and detections, in mix and per-channel scans.
    func testCopiesThatFinishOutOfOrderGiveTheSingleThreadResult() throws {
        for (path, channels) in [(try chorus("mono.wav"), ChannelMode.mix), (try chorus("stereo.wav", channels: 2), .each)] {
            let settings = DetectionSettings(overlap: 0.5, channels: channels, batchSize: 3)
            let alone = try scan(path, [BandEnergyClassifier()], settings: settings)
            XCTAssertGreaterThan(alone.windows.flatMap { $0 }.count, 30, "several batches")
            XCTAssertGreaterThanOrEqual(alone.detections.count, 8, "\(alone.detections)")
            for copies in [2, 3] {
                let slow = (0..<copies).map { SlowClassifier(inner: BandEnergyClassifier(), copy: $0) }
                let threaded = try scan(path, slow, settings: settings)
                XCTAssertEqual(threaded.windows, alone.windows, "\(copies) classifiers, \(channels)")
                XCTAssertEqual(threaded.detections, alone.detections, "\(copies) classifiers, \(channels)")
                // Every copy did some of the work (the reading thread's too).
                XCTAssertTrue(slow.allSatisfy { $0.calls.value > 0 }, "\(slow.map(\.calls.value))")
            }
        }
    }

    /// The committed CNN scores bit for bit the same with two copies as with one.
    func testTheCommittedModelScoresTheSameOnTwoThreads() throws {
        let model = SharedData.repositoryRoot.appendingPathComponent("models/default.safetensors").path
        let path = try chorus("model.wav")
        let settings = DetectionSettings(overlap: 0.5, batchSize: 8)
        let alone = try scan(path, [try ModelEnsemble.load(paths: [model])], settings: settings)
        let two = try scan(path, [try ModelEnsemble.load(paths: [model]), try ModelEnsemble.load(paths: [model])], settings: settings)
        XCTAssertGreaterThan(alone.windows[0].count, 16)
        XCTAssertEqual(two.windows, alone.windows)
        XCTAssertEqual(two.detections, alone.detections)
    }

    /// A copy that fails mid-recording fails the scan with its error; the scan returns (its
    /// threads are stopped) rather than hanging, and the detector scans again afterwards.
    func testAFailingCopyFailsTheScanWithItsError() throws {
        let path = try chorus("fail.wav")
        let settings = DetectionSettings(overlap: 0.5, batchSize: 2)
        let failing = SlowClassifier(inner: BandEnergyClassifier(), copy: 1, failAfter: 3)
        let detector = try RecordingDetector(
            classifier: SlowClassifier(inner: BandEnergyClassifier(), copy: 0), settings: settings, copies: [failing])
        XCTAssertThrowsError(try detector.scan(path: path, keepScores: false)) { error in
            XCTAssertEqual(error as? SlowClassifier.Failure, .failed, "\(error)")
        }
        XCTAssertGreaterThan(failing.calls.value, 3)
    }

    /// `frogscan detect --threads 3` on one recording writes what `--threads 1` writes.
    func testDetectionRunOnOneRecordingIsTheSameAtAnyThreadCount() throws {
        let path = try chorus("run.wav")
        func run(_ threads: Int) throws -> String {
            let out = folder.appendingPathComponent("out\(threads)")
            let options = DetectionRun.Options(
                inputs: [path], outputFolder: out, settings: DetectionSettings(batchSize: 4), threads: threads)
            _ = try DetectionRun(options: options, makeClassifier: { BandEnergyClassifier() }).run()
            return try String(contentsOf: out.appendingPathComponent("detections.csv"), encoding: .utf8)
        }
        let one = try run(1)
        XCTAssertGreaterThan(one.split(separator: "\n").count, 8)
        XCTAssertEqual(try run(3), one)
    }

    /// `survey run` on one recording with `--threads 3` stores what `--threads 1` stores: the
    /// spare threads score the recording's batches on model copies.
    func testSurveyOnOneRecordingIsTheSameAtAnyThreadCount() throws {
        let root = folder.appendingPathComponent("cards")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("pond"), withIntermediateDirectories: true)
        let recording = try chorus("survey.wav")
        try FileManager.default.moveItem(atPath: recording, toPath: root.appendingPathComponent("pond/20240315_193000.wav").path)
        func reports(_ threads: Int) throws -> [String] {
            let db = try SurveyDatabase(path: folder.appendingPathComponent("survey\(threads).sqlite").path)
            let made = LockedCount()
            let summary = try SurveyJob(
                root: root, database: db, config: SurveyConfig(), settings: DetectionSettings(batchSize: 4), threads: threads,
                makeClassifier: {
                    _ = made.increment()
                    return BandEnergyClassifier()
                }).run(arguments: "test")
            XCTAssertEqual(summary.processed, 1)
            XCTAssertEqual(made.value, 1 + threads, "the probe, then one classifier per thread")
            let out = folder.appendingPathComponent("reports\(threads)")
            try SurveyReports(database: db, time: SurveyTime(siteZone: TimeZone(identifier: "UTC")!)).write(to: out)
            return try ["hourly_activity.csv", "nightly_summary.csv"].map {
                try String(contentsOf: out.appendingPathComponent($0), encoding: .utf8)
            }
        }
        let one = try reports(1)
        XCTAssertTrue(one[0].contains("low") || one[0].contains("high"), one[0])
        XCTAssertEqual(try reports(3), one)
    }
}

/// A classifier that sleeps 0–4 ms per batch (varying with the batch and the copy, so batches
/// finish out of order), counts its calls, and optionally throws after `failAfter` calls.
private final class SlowClassifier: WindowClassifier, @unchecked Sendable {
    enum Failure: Error { case failed }
    let inner: BandEnergyClassifier
    let copy: Int
    let failAfter: Int?
    /// Calls so far; read by the test after the scan (the lock makes the read safe).
    let calls = LockedCount()

    init(inner: BandEnergyClassifier, copy: Int, failAfter: Int? = nil) {
        self.inner = inner
        self.copy = copy
        self.failAfter = failAfter
    }

    var classes: [String] { inner.classes }
    var featureConfig: FeatureConfig { inner.featureConfig }
    var windowFrames: Int { inner.windowFrames }
    var thresholds: [Float] { inner.thresholds }
    var backgroundClasses: Set<String> { inner.backgroundClasses }
    var modelID: String { inner.modelID }

    func scores(_ windows: [FeatureImage]) throws -> [[Float]] {
        let n = calls.increment()
        if let failAfter, n > failAfter { throw Failure.failed }
        usleep(UInt32(1000 * ((n * 7 + copy * 3) % 5)))
        return try inner.scores(windows)
    }
}

/// A counter several threads may bump.
private final class LockedCount: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    var value: Int { lock.withLock { count } }
    func increment() -> Int { lock.withLock { count += 1; return count } }
}
