import Foundation
import FrogAudio
import FrogTestSupport
import XCTest

/// Damaged recordings (issue 16, items 4, 6 and 14): headers with impossible rates are refused;
/// truncated files are read up to where they end and the damage is reported with the declared
/// and actual length; a WAV data chunk shorter than its audio and NaN/Inf samples are reported.
/// Every damaged file is made here from a good one, so nothing large is committed.
final class TruncationTests: XCTestCase {
    private var folder: URL!
    private let rate = 22_050
    private let seconds = 6

    override func setUp() { folder = SharedData.temporaryDirectory("frogaudio-truncation") }
    override func tearDown() { try? FileManager.default.removeItem(at: folder) }

    private func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    /// A 6 s tone written as `format`, then cut to `fraction` of its bytes.
    private func cut(_ format: AudioWriter.Format, name: String, fraction: Double) throws -> String {
        let whole = path("whole-\(name)")
        try AudioWriter.write(
            [Signals.sine(frequency: 440, rate: rate, frames: rate * seconds)], sampleRate: rate, to: whole, format: format)
        let data = try Data(contentsOf: URL(fileURLWithPath: whole))
        let target = path(name)
        try data.prefix(Int(Double(data.count) * fraction)).write(to: URL(fileURLWithPath: target))
        return target
    }

    private func truncation(_ damage: [AudioDamage], file: StaticString = #filePath, line: UInt = #line)
        -> (declared: Double?, actual: Double)?
    {
        guard let first = damage.first(where: { $0.kind == "truncated" }), let actual = first.actualSeconds else {
            XCTFail("no truncation reported: \(damage)", file: file, line: line)
            return nil
        }
        XCTAssertTrue(first.description.contains(first.path), file: file, line: line)
        return (first.declaredSeconds, actual)
    }

    /// Item 4: a 2 s WAV whose header says 1 Hz would be 44,100 "seconds" to analyse.
    func testImplausibleSampleRateIsRefused() throws {
        let good = path("good.wav")
        try AudioWriter.write([Signals.sine(frequency: 440, rate: rate, frames: rate * 2)], sampleRate: rate, to: good)
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: good)))
        for (rateValue, name) in [(1, "one-hz.wav"), (900_000, "fast.wav")] {
            withUnsafeBytes(of: UInt32(rateValue).littleEndian) { bytes.replaceSubrange(24..<28, with: $0) }
            try Data(bytes).write(to: URL(fileURLWithPath: path(name)))
            XCTAssertThrowsError(try AudioFile(path: path(name))) { error in
                XCTAssertEqual(error as? AudioError, .implausibleSampleRate(path(name), rateValue))
                XCTAssertTrue("\(error)".contains(path(name)) && "\(error)".contains("\(rateValue) Hz"), "\(error)")
            }
        }
    }

    func testTruncatedWAVReportsDeclaredAndActualLength() throws {
        let file = try cut(.wav16, name: "cut.wav", fraction: 1.0 / 3)
        let inspected = try AudioFile.inspect(path: file)
        let found = try XCTUnwrap(truncation(inspected.damage))
        XCTAssertEqual(try XCTUnwrap(found.declared), Double(seconds), accuracy: 1e-9)
        XCTAssertEqual(found.actual, inspected.info.duration, accuracy: 1e-9)
        XCTAssertEqual(found.actual, 2, accuracy: 0.01)
        // Reading still yields what is there.
        let reader = try AudioReader(path: file, targetRate: nil)
        var frames = 0
        while let block = try reader.nextBlock() { frames += block[0].count }
        XCTAssertEqual(Double(frames) / Double(rate), found.actual, accuracy: 1e-3)
        XCTAssertEqual(reader.damage.map(\.kind), ["truncated"])
    }

    func testGoodFilesReportNoDamage() throws {
        for (format, name) in [(AudioWriter.Format.wav16, "a.wav"), (.flac, "a.flac"), (.ogg, "a.ogg"), (.mp3, "a.mp3"), (.wavFloat, "f.wav")] {
            let file = try cut(format, name: name, fraction: 1)
            XCTAssertEqual(try AudioFile.inspect(path: file).damage, [], name)
            let reader = try AudioReader(path: file, targetRate: 16_000)
            while try reader.nextBlock() != nil {}
            XCTAssertEqual(reader.damage, [], name)
        }
    }

    /// Compressed files: the header promises 6 s, decoding ends early; `inspect` (for `info`)
    /// and a full read both report it, and reading does not throw.
    func testTruncatedCompressedFilesAreReadToTheirEndAndReported() throws {
        for (format, name) in [(AudioWriter.Format.flac, "cut.flac"), (.mp3, "cut.mp3")] {
            let file = try cut(format, name: name, fraction: 0.4)
            let inspected = try AudioFile.inspect(path: file)
            let found = try XCTUnwrap(truncation(inspected.damage))
            XCTAssertEqual(try XCTUnwrap(found.declared), Double(seconds), accuracy: 1e-9, name)
            XCTAssertLessThan(found.actual, 4, name)
            XCTAssertGreaterThan(found.actual, 0.5, name)
            let reader = try AudioReader(path: file, targetRate: nil)
            var frames = 0
            while let block = try reader.nextBlock() { frames += block[0].count }
            XCTAssertEqual(Double(frames) / Double(rate), found.actual, accuracy: 1e-3, name)
            XCTAssertEqual(reader.info.frames, frames, name)
            XCTAssertEqual(reader.damage.map(\.kind), ["truncated"], name)
        }
    }

    /// An Ogg stream cut before its last page has no length at all: reported as truncated
    /// with no declared length.
    func testTruncatedOggIsReported() throws {
        let file = try cut(.ogg, name: "cut.ogg", fraction: 0.9)
        let inspected = try AudioFile.inspect(path: file)
        let found = try XCTUnwrap(truncation(inspected.damage))
        XCTAssertNil(found.declared)
        XCTAssertLessThan(found.actual, Double(seconds))
        XCTAssertTrue(inspected.damage[0].description.contains("end-of-stream"), inspected.damage[0].description)
    }

    /// libsndfile reads only the frames a `data` chunk declares: 3 bytes over 6 s of audio
    /// would be one frame, silently. It is reported.
    func testDataChunkShorterThanItsAudioIsReported() throws {
        let good = try cut(.wav16, name: "good.wav", fraction: 1)
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: good)))
        XCTAssertEqual(Array(bytes[36..<40]), Array("data".utf8))
        bytes.replaceSubrange(40..<44, with: [3, 0, 0, 0])
        let file = path("short-chunk.wav")
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        let damage = try AudioFile(path: file).damage
        XCTAssertEqual(damage.map(\.kind), ["short_data_chunk"])
        XCTAssertEqual(try XCTUnwrap(damage.first?.declaredSeconds), 1.0 / Double(rate), accuracy: 1e-12)
        XCTAssertTrue(damage[0].description.contains(file) && damage[0].description.contains("1 frame"), damage[0].description)
    }

    /// NaN and ±Inf samples are counted and read as 0.
    func testNonFiniteSamplesAreSilencedAndReported() throws {
        var samples = Signals.sine(frequency: 440, rate: rate, frames: rate)
        samples[10] = .nan
        samples[20] = .infinity
        samples[30] = -.infinity
        let file = path("nan.wav")
        try AudioWriter.write([samples], sampleRate: rate, to: file, format: .wavFloat)
        let reader = try AudioReader(path: file, targetRate: nil)
        var read: [Float] = []
        while let block = try reader.nextBlock() { read += block[0] }
        XCTAssertEqual(read.count, samples.count)
        XCTAssertTrue(read.allSatisfy(\.isFinite))
        XCTAssertEqual([read[10], read[20], read[30]], [0, 0, 0])
        XCTAssertEqual(read[11], samples[11])
        XCTAssertEqual(reader.damage, [.nonFiniteSamples(path: file, count: 3)])
    }
}
