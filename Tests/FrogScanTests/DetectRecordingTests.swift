import Foundation
import FrogAudio
import FrogDetect
import FrogTestSupport
import XCTest

final class DetectRecordingTests: XCTestCase {
    private var folder: URL!

    override func setUp() { folder = SharedData.temporaryDirectory("detect-recording") }
    override func tearDown() { try? FileManager.default.removeItem(at: folder) }

    private func detect(_ path: String, settings: DetectionSettings = DetectionSettings()) throws -> [Detection] {
        try RecordingDetector(classifier: BandEnergyClassifier(), settings: settings).detect(path: path).detections
    }

    /// Event edges can be off by the hop (window starts are on the hop grid) plus half an FFT
    /// frame (a centred frame reaching 16 ms into a call already shows its tone).
    private var edgeTolerance: Double {
        let config = BandEnergyClassifier().featureConfig
        let hop = Double(BandEnergyClassifier().windowFrames / 2) * config.secondsPerFrame
        return hop + Double(config.nFFT / 2) / Double(config.sampleRate)
    }

    func testDetectionsMatchKnownCallsWithinOneHop() throws {
        let path = folder.appendingPathComponent("chorus.wav").path
        let truth = [("low", 2.0, 3.0), ("high", 5.0, 6.5), ("low", 8.0, 9.0)]
        // Written at 32 kHz: the reader resamples to the model's 16 kHz.
        try SyntheticRecording.write(to: path, seconds: 12, calls: truth.map {
            .init(hz: $0.0 == "low" ? 700 : 3500, start: $0.1, end: $0.2)
        })
        let found = try detect(path)
        XCTAssertEqual(found.map(\.species), truth.map(\.0), "\(found)")
        for (d, t) in zip(found, truth) {
            XCTAssertEqual(d.start, t.1, accuracy: edgeTolerance, "\(d)")
            XCTAssertEqual(d.end, t.2, accuracy: edgeTolerance, "\(d)")
            XCTAssertNil(d.channel)
            XCTAssertGreaterThanOrEqual(d.confidence, d.meanConfidence)
            XCTAssertGreaterThanOrEqual(d.confidence, 0.5)
        }
    }

    func testChannelsMixEachAndNumber() throws {
        let path = folder.appendingPathComponent("stereo.flac").path
        try SyntheticRecording.write(to: path, seconds: 6, channels: 2, calls: [
            .init(hz: 700, start: 1, end: 2, channels: [0]),
            .init(hz: 3500, start: 3, end: 4, channels: [1]),
        ], format: .flac)
        let each = try detect(path, settings: DetectionSettings(channels: .each))
        XCTAssertEqual(each.map(\.species), ["low", "high"])
        XCTAssertEqual(each.map(\.channel), [1, 2], "1-based channels")
        let mix = try detect(path, settings: DetectionSettings(channels: .mix))
        XCTAssertEqual(mix.map(\.species), ["low", "high"])
        XCTAssertEqual(mix.map(\.channel), [nil, nil])
        let second = try detect(path, settings: DetectionSettings(channels: .number(2)))
        XCTAssertEqual(second.map(\.species), ["high"])
        XCTAssertEqual(second.map(\.channel), [2])
        XCTAssertThrowsError(try detect(path, settings: DetectionSettings(channels: .number(3)))) { error in
            XCTAssertTrue("\(error)".contains("stereo.flac"), "\(error)")
        }
    }

    func testAntiPhaseStereoStillDetectedInTheMix() throws {
        // Averaging these waveforms would cancel the call entirely; the power-spectrum mix keeps it.
        let path = folder.appendingPathComponent("antiphase.wav").path
        try SyntheticRecording.write(to: path, seconds: 4, channels: 2, calls: [
            .init(hz: 700, start: 1, end: 2.5, channels: [0, 1], signs: [1, -1]),
        ])
        let mix = try detect(path)
        XCTAssertEqual(mix.map(\.species), ["low"])
        XCTAssertEqual(mix.first?.start ?? -1, 1, accuracy: edgeTolerance)
    }

    func testSpeciesFilterThresholdsAndBackground() throws {
        let path = folder.appendingPathComponent("two.wav").path
        try SyntheticRecording.write(to: path, seconds: 6, calls: [
            .init(hz: 700, start: 1, end: 2), .init(hz: 3500, start: 3, end: 3.6),
        ])
        XCTAssertEqual(try detect(path, settings: DetectionSettings(species: ["high"])).map(\.species), ["high"])
        // With a threshold of 1.0 a window is positive only when every frame is loud, i.e. when it
        // lies inside the call (give or take half an FFT frame at each edge).
        let strict = try detect(path, settings: DetectionSettings(minConfidence: 1.0))
        let high = try XCTUnwrap(strict.first { $0.species == "high" })
        XCTAssertGreaterThanOrEqual(high.start, 3 - Double(256) / 16_000)
        XCTAssertLessThanOrEqual(high.end, 3.6 + Double(256) / 16_000)
        XCTAssertFalse(try detect(path).contains { $0.species == "noise" }, "background class never reported")
        XCTAssertThrowsError(try detect(path, settings: DetectionSettings(species: ["nope"]))) { error in
            XCTAssertTrue("\(error)".contains("nope") && "\(error)".contains("low"), "\(error)")
        }
    }

    func testRecordingShorterThanOneWindowIsScored() throws {
        let path = folder.appendingPathComponent("short.wav").path
        try SyntheticRecording.write(to: path, seconds: 0.4, calls: [.init(hz: 3500, start: 0, end: 0.4)])
        let found = try detect(path)
        XCTAssertEqual(found.map(\.species), ["high"])
        // The end is set to frames / rate; 1e-9 only absorbs that division.
        XCTAssertEqual(found.first?.end ?? 0, 0.4, accuracy: 1e-9, "end clamped to the recording's length")
    }
}
