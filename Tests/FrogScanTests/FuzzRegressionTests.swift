import FrogAudio
import FrogData
import FrogDSP
import FrogModel
import FrogNN
import XCTest

/// Replays every input the fuzz targets of `Fuzz/` found trouble with
/// (`Tests/Fixtures/fuzz-regressions/<target>/`), and their seeds (`Fuzz/corpus/<target>/`),
/// through the same readers, the same way: each must throw or return. A crash or trap ends
/// the test process, which is the failure. See docs/fuzzing.md.
///
/// Inputs listed in `fuzz-regressions/OPEN.txt` still crash code owned elsewhere; they are
/// skipped (and named) until the fix lands, then the line is deleted.
final class FuzzRegressionTests: XCTestCase {
    private static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    private static let regressions = repository.appendingPathComponent("Tests/Fixtures/fuzz-regressions")

    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("fuzz-regressions-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    /// `target/file` names in OPEN.txt (the first word of each line that is not a comment).
    private static func openInputs() throws -> Set<String> {
        let url = regressions.appendingPathComponent("OPEN.txt")
        guard FileManager.default.fileExists(atPath: url.path) else { return [] }
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
        return Set(lines.compactMap { line in
            line.hasPrefix("#") ? nil : line.split(separator: " ").first.map(String.init)
        })
    }

    /// The regression inputs, then the seeds, of `target`, without the open ones.
    private func replay(_ target: String, _ body: (Data, String) throws -> Void) throws {
        let open = try Self.openInputs()
        var replayed = 0
        for base in [Self.regressions.appendingPathComponent(target), Self.repository.appendingPathComponent("Fuzz/corpus/\(target)")] {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: base.path)) ?? []
            for name in names.sorted() where !name.hasPrefix(".") {
                if open.contains("\(target)/\(name)") {
                    print("FuzzRegressionTests: skipping \(target)/\(name) (listed in OPEN.txt)")
                    continue
                }
                let data = try Data(contentsOf: base.appendingPathComponent(name))
                try body(data, name)
                replayed += 1
            }
        }
        XCTAssertGreaterThan(replayed, 0, "no inputs for \(target)")
    }

    /// Writes `data` under `name` in this test's folder.
    private func file(_ data: Data, _ name: String) throws -> String {
        let url = folder.appendingPathComponent(name)
        try data.write(to: url)
        return url.path
    }

    private func placeholderRecording() throws -> String { try file(Data(), "rec.wav") }

    func testOpenListNamesExistingInputs() throws {
        for name in try Self.openInputs() {
            XCTAssertTrue(
                FileManager.default.fileExists(atPath: Self.regressions.appendingPathComponent(name).path),
                "OPEN.txt lists \(name), which is not in fuzz-regressions/")
        }
    }

    func testRavenTables() throws {
        let recording = try placeholderRecording()
        try replay("FuzzRaven") { data, _ in
            let path = try file(data, "rec.Table.1.selections.txt")
            _ = try? RavenTable.readSelections(path: path)
            _ = try? RavenTable.read(path: path, recording: recording)
            _ = try? AnnotationSet.load(recordings: recording, labels: path)
        }
    }

    func testAudacityLabels() throws {
        let recording = try placeholderRecording()
        try replay("FuzzAudacity") { data, _ in
            let path = try file(data, "rec.txt")
            _ = try? AudacityLabels.read(path: path, recording: recording)
            _ = try? AnnotationSet.load(recordings: recording, labels: path)
        }
    }

    func testAnnotationCSVs() throws {
        let recording = try placeholderRecording()
        try replay("FuzzAnnotationCSV") { data, _ in
            let path = try file(data, "rec.csv")
            _ = try? AnnotationCSV.header(path: path)
            _ = try? AnnotationCSV.read(path: path)
            _ = try? AnnotationCSV.read(path: path, recording: recording)
            _ = try? AnnotationSet.load(recordings: recording, labels: path)
        }
    }

    func testRunConfigs() throws {
        try replay("FuzzConfig") { data, _ in ReaderProbes.config(yaml: String(decoding: data, as: UTF8.self)) }
    }

    func testModelFiles() throws {
        try replay("FuzzModel") { input, _ in
            ReaderProbes.model(input, path: try file(Data(), "model.safetensors"))
        }
    }

    func testNPY() throws {
        try replay("FuzzNPY") { data, _ in
            guard let (values, shape) = try? NPY.decode(data), shape.count <= 4 else { return }
            let again = try NPY.decode(NPY.encode(values, shape: shape.isEmpty ? [values.count] : shape))
            XCTAssertTrue(again.values.elementsEqual(values) { $0.bitPattern == $1.bitPattern || ($0.isNaN && $1.isNaN) })
        }
    }

    func testAudio() throws {
        try replay("FuzzAudio") { data, name in
            // In memory (virtual I/O, as fuzzed), then the same bytes from a file.
            if let audio = try? AudioFile(data: data, name: name) {
                var blocks = 0
                while blocks < 256, let block = try? audio.readFrames(1_024), block.first?.isEmpty == false {
                    XCTAssertEqual(block.count, audio.info.channels)
                    blocks += 1
                }
                try? audio.seek(toFrame: audio.info.frames / 2)
                _ = try? audio.readFrames(1_024)
            }
            let path = try self.file(data, name)
            if let audio = try? AudioFile(path: path), audio.info.frames < 1_000_000 {
                _ = try? AudioFile.read(path: path)
            }
        }
    }

    /// The seeds are real recordings' formats, so each must open in memory exactly as from disk.
    func testMemoryAndFileReadTheSameSeeds() throws {
        let seeds = Self.repository.appendingPathComponent("Fuzz/corpus/FuzzAudio")
        for name in try FileManager.default.contentsOfDirectory(atPath: seeds.path).sorted() {
            let data = try Data(contentsOf: seeds.appendingPathComponent(name))
            let memory = try AudioFile(data: data, name: name)
            let disk = try AudioFile(path: seeds.appendingPathComponent(name).path)
            XCTAssertEqual(memory.info.sampleRate, disk.info.sampleRate, name)
            XCTAssertEqual(memory.info.channels, disk.info.channels, name)
            XCTAssertEqual(memory.info.frames, disk.info.frames, name)
            XCTAssertEqual(try memory.readFrames(10_000), try disk.readFrames(10_000), name)
        }
        XCTAssertThrowsError(try AudioFile(data: Data("not audio".utf8), name: "text.wav")) { error in
            guard case .notAudio("text.wav", _)? = error as? AudioError else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try AudioFile(data: Data(), name: "empty.wav")) { error in
            XCTAssertEqual(error as? AudioError, .empty("empty.wav"))
        }
    }
}
