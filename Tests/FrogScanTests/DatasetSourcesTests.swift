import FrogAudio
@testable import FrogConfig
import FrogData
import FrogDSP
import FrogNN
import FrogTestSupport
@testable import FrogTrain
import XCTest

/// Where `DatasetBuilder`'s inputs come from: the feature cache (`data.cache`), a fixed split
/// (`data.split_file`) and seeded random clip placement.
final class DatasetSourcesTests: XCTestCase {
    private var root: URL!

    override func setUpWithError() throws {
        root = SharedData.temporaryDirectory()
        // 2 species × 3 recordings of 3 s, each with two call boxes; every file's bytes differ.
        var csv = "file,start_s,end_s,label\n"
        for (species, hz) in [("low", 500.0), ("high", 4000.0)] {
            for r in 0..<3 {
                var generator = SeededRNG(seed: UInt64(hz) + UInt64(r))
                let samples = (0..<66_150).map { i -> Float in
                    let t = Double(i) / 22_050
                    let calling = (0.5..<1.0).contains(t) || (2.0..<2.4).contains(t)
                    return (calling ? 0.3 * Float(sin(2 * Double.pi * hz * t)) : 0) + Float.random(in: -0.01...0.01, using: &generator)
                }
                try AudioWriter.write([samples], sampleRate: 22_050, to: root.appendingPathComponent("\(species)_\(r).wav").path)
                csv += "\(species)_\(r).wav,0.5,1.0,\(species)\n\(species)_\(r).wav,2.0,2.4,\(species)\n"
            }
        }
        try csv.write(to: root.appendingPathComponent("labels.csv"), atomically: true, encoding: .utf8)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: root)
    }

    private func config(_ extra: [String] = []) throws -> RunConfig {
        try ConfigLoader.resolve(
            yaml: "", source: "test",
            overrides: [
                "data.recordings=\(root.path)", "data.labels=\(root.path)/labels.csv", "data.cache=\(root.path)/cache",
                "data.validation_fraction=0.3", "data.test_fraction=0.3", "clips.seconds=0.5", "clips.hop_seconds=0.25",
            ] + extra)
    }

    private func build(_ config: RunConfig) throws -> (data: TrainingData, log: [String]) {
        var lines: [String] = []
        let data = try DatasetBuilder.build(config: config) { lines.append($0) }
        return (data, lines)
    }

    private func assertSame(_ a: TrainingData, _ b: TrainingData, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(a.classes, b.classes, file: file, line: line)
        XCTAssertEqual(a.train, b.train, file: file, line: line)
        XCTAssertEqual(a.validation, b.validation, file: file, line: line)
        XCTAssertEqual(a.test, b.test, file: file, line: line)
        XCTAssertEqual(a.noise, b.noise, file: file, line: line)
    }

    // MARK: - Feature cache

    func testSecondBuildReadsTheCacheAndCorruptEntriesAreRewritten() throws {
        let config = try config()
        let first = try build(config)
        XCTAssertTrue(first.log.contains("features: decoded 6 recording(s), 0 from the feature cache (\(root.path)/cache)"), "\(first.log)")
        let cacheFolder = root.appendingPathComponent("cache").path
        let entries = try FileManager.default.contentsOfDirectory(atPath: cacheFolder).sorted()
        XCTAssertEqual(entries.count, 6)
        XCTAssertTrue(entries.allSatisfy { $0.hasSuffix(".features") }, "no temporary files left: \(entries)")

        let second = try build(config)
        XCTAssertTrue(second.log.contains("features: decoded 0 recording(s), 6 from the feature cache (\(root.path)/cache)"), "\(second.log)")
        assertSame(first.data, second.data)

        // Truncate one entry and fill another with garbage: both are decoded again and rewritten.
        let truncated = cacheFolder + "/" + entries[0]
        let garbage = cacheFolder + "/" + entries[1]
        let original = try Data(contentsOf: URL(fileURLWithPath: truncated))
        try original.prefix(100).write(to: URL(fileURLWithPath: truncated))
        try Data(repeating: 0xAB, count: 5000).write(to: URL(fileURLWithPath: garbage))
        let third = try build(config)
        XCTAssertTrue(third.log.contains("features: decoded 2 recording(s), 4 from the feature cache (\(root.path)/cache)"), "\(third.log)")
        assertSame(first.data, third.data)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: truncated)), original, "rewritten whole")
        XCTAssertEqual(try build(config).log.filter { $0.contains("decoded 0 recording(s), 6 from") }.count, 1)
    }

    func testCacheOffAndUnwritableCacheStillBuild() throws {
        let off = try build(try config(["data.cache=\"\""]))
        XCTAssertTrue(off.log.contains("features: decoded 6 recording(s) (data.cache is off)"), "\(off.log)")
        XCTAssertFalse(FileManager.default.fileExists(atPath: root.appendingPathComponent("cache").path))
        // A cache folder inside a file cannot be created: warn once, build anyway.
        let blocked = try build(try config(["data.cache=\(root.path)/labels.csv/cache"]))
        XCTAssertEqual(blocked.log.filter { $0.hasPrefix("feature cache:") }.count, 1, "\(blocked.log)")
        assertSame(off.data, blocked.data)
    }

    // MARK: - Split file

    func testSplitFileFixesEverySplitWhateverTheSeed() throws {
        let reference = try build(try config(["seed=1"])).data
        // As `frogscan dataset split` writes it: paths relative to the file's own folder.
        var rows: [SplitFile.Row] = []
        for (name, part) in [(SplitName.train, reference.train), (.validation, reference.validation), (.test, reference.test)] {
            for recording in Set(part.map(\.recording)).sorted() {
                // Move each recording to another split, so the result cannot come from the seed.
                let moved: SplitName = name == .train ? .test : name == .test ? .validation : .train
                rows.append(.init(recording: recording, group: recording, split: moved))
            }
        }
        let path = root.appendingPathComponent("split.csv").path
        try SplitFile(rows: rows).write(to: path, relativeTo: root.path)
        XCTAssertTrue(try String(contentsOfFile: path, encoding: .utf8).contains("\nlow_0.wav,"), "relative to the file's folder")
        let fixed = try build(try config(["seed=9", "data.split_file=\(path)"])).data
        let expected = Dictionary(uniqueKeysWithValues: rows.map { ($0.recording, $0.split) })
        for (name, part) in [(SplitName.train, fixed.train), (.validation, fixed.validation), (.test, fixed.test)] {
            XCTAssertFalse(part.isEmpty, name.rawValue)
            for example in part { XCTAssertEqual(expected[example.recording], name, example.recording) }
        }
    }

    func testSplitFileErrorsNameFileLineAndWhatToDo() throws {
        let path = root.appendingPathComponent("split.csv").path
        try "recording,group,split\nlow_0.wav,g,train\nlow_1.wav,g,training\n".write(toFile: path, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try build(try config(["data.split_file=\(path)"]))) { error in
            XCTAssertTrue("\(error)".contains("split.csv:3") && "\(error)".contains("'training'"), "\(error)")
        }
        try "recording,group,split\nlow_0.wav,g,train\nother.wav,g,test\n".write(toFile: path, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try build(try config(["data.split_file=\(path)"]))) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains(path) && text.contains("5 recording(s)") && text.contains("frogscan dataset split"), text)
        }
        XCTAssertThrowsError(try build(try config(["data.split_file=\(root.path)/nowhere.csv"]))) { error in
            XCTAssertTrue("\(error)".contains("nowhere.csv"), "\(error)")
        }
        XCTAssertThrowsError(try config(["data.split_file=\(path)", "data.split_column=suggested_split"])) { error in
            XCTAssertTrue("\(error)".contains("data.split_file"), "\(error)")
        }
    }

    // MARK: - Clip placement

    func testRandomPlacementIsSeededAndOnlyMovesTrainingClips() throws {
        let random = try build(try config(["clips.placement=random", "seed=3"])).data
        let again = try build(try config(["clips.placement=random", "seed=3"])).data
        assertSame(random, again)
        let centred = try build(try config(["clips.placement=centered", "seed=3"])).data
        XCTAssertEqual(random.validation, centred.validation, "validation clips stay centred")
        XCTAssertEqual(random.test, centred.test, "test clips stay centred")
        XCTAssertEqual(random.train.count, centred.train.count)
        XCTAssertNotEqual(random.train.map(\.startSeconds), centred.train.map(\.startSeconds))
        // Centred on the 0.5–1.0 s call: a 0.5 s clip (43 frames) starting near 0.5 s.
        let call = centred.validation.first { $0.classIndex != centred.classes.firstIndex(of: "noise") }!
        XCTAssertEqual(call.features.frames, try config().windowFrames)
        XCTAssertEqual(call.startSeconds, 0.5, accuracy: 0.02)
    }
}
