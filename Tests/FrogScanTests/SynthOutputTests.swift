import Foundation
import FrogSynth
import FrogTestSupport
import XCTest

/// Files written by the synth: WAV + Raven table pairs, byte-identical per seed, survey tree.
final class SynthOutputTests: XCTestCase {
    private var folder: URL!

    override func setUp() { folder = SharedData.temporaryDirectory("frogscan-synthout") }
    override func tearDown() { try? FileManager.default.removeItem(at: folder) }

    private var config: SynthConfig {
        var config = SynthConfig()
        config.seconds = 4
        config.sampleRate = 16_000
        return config
    }

    func testSameSeedWritesIdenticalBytes() throws {
        let a = folder.appendingPathComponent("a").path
        let b = folder.appendingPathComponent("b").path
        let first = try SynthOutput.writeSet(config: config, count: 2, seed: 9, to: a)
        let second = try SynthOutput.writeSet(config: config, count: 2, seed: 9, to: b)
        XCTAssertEqual(first.map { URL(fileURLWithPath: $0).lastPathComponent }, ["synth_001.wav", "synth_002.wav"])
        for (x, y) in zip(first, second) {
            XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: x)), try Data(contentsOf: URL(fileURLWithPath: y)))
            let tx = SynthOutput.tablePath(forRecording: x)
            XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: tx)), try Data(contentsOf: URL(fileURLWithPath: SynthOutput.tablePath(forRecording: y))))
        }
        XCTAssertNotEqual(try Data(contentsOf: URL(fileURLWithPath: first[0])), try Data(contentsOf: URL(fileURLWithPath: first[1])))
    }

    func testTableIsARavenSelectionTableOfTheEvents() throws {
        var dense = config
        dense.seconds = 10
        let path = folder.appendingPathComponent("one.wav").path
        let recording = ChorusGenerator(config: dense).generate(seed: 4)
        try SynthOutput.write(recording, to: path)
        XCTAssertTrue(SynthOutput.tablePath(forRecording: path).hasSuffix("one.Table.1.selections.txt"))
        let text = try String(contentsOfFile: SynthOutput.tablePath(forRecording: path), encoding: .utf8)
        let lines = text.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        XCTAssertEqual(lines[0], ["Selection", "View", "Channel", "Begin Time (s)", "End Time (s)", "Low Freq (Hz)", "High Freq (Hz)", "Species"])
        XCTAssertEqual(lines.count - 1, recording.events.count)
        for (row, event) in zip(lines.dropFirst(), recording.events) {
            XCTAssertEqual(row[7], event.species.label)
            // The table prints seconds with 6 decimals and hertz with 3.
            XCTAssertEqual(Double(row[3])!, event.start, accuracy: 1e-6)
            XCTAssertEqual(Double(row[4])!, event.end, accuracy: 1e-6)
            XCTAssertEqual(Double(row[5])!, event.lowHz, accuracy: 1e-3)
        }
    }

    func testSurveyTreeUsesAudioMothNames() throws {
        var survey = config
        survey.seconds = 2
        survey.surveyStartTime = "19:30:00"
        survey.surveyEndTime = "00:00:00"
        survey.recordingIntervalMinutes = 270  // 19:30 then 00:00 next day
        let paths = try SynthOutput.writeSurveyTree(
            config: survey, sites: ["A", "B"], nights: 2, startDate: "2024-10-31", seed: 3, to: folder.path)
        let relative = paths.map { String($0.dropFirst(folder.path.count + 1)) }
        XCTAssertEqual(relative, [
            "A/20241031_193000.wav", "A/20241101_000000.wav", "A/20241101_193000.wav", "A/20241102_000000.wav",
            "B/20241031_193000.wav", "B/20241101_000000.wav", "B/20241101_193000.wav", "B/20241102_000000.wav",
        ])
        for path in paths {
            XCTAssertTrue(FileManager.default.fileExists(atPath: SynthOutput.tablePath(forRecording: path)), path)
        }
        XCTAssertTrue(FileManager.default.fileExists(atPath: SynthOutput.truthPath(folder: folder.path)))
        XCTAssertTrue(FileManager.default.fileExists(atPath: SynthOutput.weatherPath(folder: folder.path)))
        XCTAssertThrowsError(try SynthOutput.writeSurveyTree(
            config: survey, sites: ["A"], nights: 1, startDate: "2024-02-30", seed: 3, to: folder.path))
    }
}
