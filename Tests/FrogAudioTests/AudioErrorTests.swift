import FrogAudio
import FrogTestSupport
import XCTest

/// Each kind of bad file gives its typed error, naming the path, and never a crash or hang.
final class AudioErrorTests: XCTestCase {
    private var folder: URL!

    override func setUp() { folder = SharedData.temporaryDirectory("frogaudio-errors") }
    override func tearDown() { try? FileManager.default.removeItem(at: folder) }

    private func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    /// Opens `path` expecting an error; checks it names the path and returns it.
    private func openError(_ path: String, file: StaticString = #filePath, line: UInt = #line) -> AudioError? {
        do {
            _ = try AudioFile(path: path)
            XCTFail("\(path) opened", file: file, line: line)
            return nil
        } catch let error as AudioError {
            XCTAssertEqual(error.path, path, file: file, line: line)
            XCTAssertTrue(error.description.contains(path), error.description, file: file, line: line)
            return error
        } catch {
            XCTFail("untyped error \(error)", file: file, line: line)
            return nil
        }
    }

    func testMissing() {
        let p = path("nope.wav")
        XCTAssertEqual(openError(p), .missing(p))
    }

    func testDirectory() throws {
        let p = path("folder.wav")
        try FileManager.default.createDirectory(atPath: p, withIntermediateDirectories: false)
        guard case .unreadable = openError(p) else { return XCTFail("expected unreadable") }
    }

    func testZeroLengthFile() {
        let p = path("zero.wav")
        XCTAssertTrue(FileManager.default.createFile(atPath: p, contents: Data()))
        XCTAssertEqual(openError(p), .empty(p))
    }

    func testTextRenamedWav() {
        let p = path("notes.wav")
        XCTAssertTrue(FileManager.default.createFile(atPath: p, contents: Data("site 4, night 2: heard L. fallax\n".utf8)))
        guard case .notAudio = openError(p) else { return XCTFail("expected notAudio") }
    }

    func testTruncatedHeader() throws {
        let p = path("cut.wav")
        try AudioWriter.write([[Float](repeating: 0.2, count: 1_000)], sampleRate: 8_000, to: p)
        _ = try FileManager.default.attributesOfItem(atPath: p)  // exists
        truncate(p, 30)
        guard case .corrupt = openError(p) else { return XCTFail("expected corrupt") }
    }

    func testHeaderWithNoFramesIsEmpty() throws {
        let p = path("noframes.wav")
        try AudioWriter.write([[]], sampleRate: 8_000, to: p)
        XCTAssertEqual(openError(p), .empty(p))
    }

    /// A recorder that lost power mid-write leaves a data chunk that claims more than the
    /// file holds: we read what is there (exactly the samples written), or fail naming it.
    func testDataChunkCutMidway() throws {
        let p = path("halfdata.wav")
        let samples = (0..<8_000).map { Float($0 % 100) / 200 }
        try AudioWriter.write([samples], sampleRate: 8_000, to: p, format: .wav16)
        truncate(p, 44 + 2 * 3_000 + 1)  // 3,000 whole frames and half of the next
        do {
            let read = try AudioFile.read(path: p)[0]
            XCTAssertLessThanOrEqual(read.count, 8_000)
            XCTAssertGreaterThanOrEqual(read.count, 3_000)
            // 16-bit quantisation: 2 steps of 2⁻¹⁵ (see AudioRoundTripTests).
            assertClose(Array(read[..<3_000]), Array(samples[..<3_000]), atol: 2 / 32_768)
        } catch let error as AudioError {
            guard case .corrupt(let where_, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(where_, p)
        }
    }

    func testRandomBytesNeverCrash() throws {
        // Fixed pseudo-random bytes (xorshift), so a failure reproduces.
        var state: UInt32 = 2_463_534_242
        func nextByte() -> UInt8 {
            state ^= state << 13
            state ^= state >> 17
            state ^= state << 5
            return UInt8(truncatingIfNeeded: state)
        }
        for (i, magic) in ["RIFF", "fLaC", "OggS", "FORM", "ID3", ""].enumerated() {
            let p = path("junk\(i).wav")
            var bytes = Array(magic.utf8)
            bytes += (0..<2_000).map { _ in nextByte() }
            XCTAssertTrue(FileManager.default.createFile(atPath: p, contents: Data(bytes)))
            // Either it opens (random data can parse as something) and reads to the end, or it
            // throws an AudioError naming the path; what matters is no crash and no hang.
            do {
                _ = try AudioFile.read(path: p, targetRate: 22_050)
            } catch let error as AudioError {
                XCTAssertEqual(error.path, p)
            }
        }
    }
}
