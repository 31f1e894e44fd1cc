import FrogAudio
@testable import FrogConfig
import FrogData
import FrogNN
@testable import FrogReview
import FrogTestSupport
@testable import FrogTrain
import XCTest

/// `data.reviews`: verified review tables become training windows — yes as calls, a class name
/// as a relabelled call, no as background — and nothing else of the reviewed recording.
final class ReviewTrainingTests: XCTestCase {
    private var root: URL!

    override func setUpWithError() throws {
        root = SharedData.temporaryDirectory("frogscan-review-train")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: root)
    }

    /// A mono recording at 22,050 Hz: quiet noise, or a tone at `hz`.
    private func writeRecording(_ name: String, seconds: Double, hz: Double?) throws -> String {
        var generator = SeededRNG(seed: UInt64(name.utf8.count))
        let samples = (0..<Int(seconds * 22_050)).map { i -> Float in
            if let hz { return 0.3 * Float(sin(2 * Double.pi * hz * Double(i) / 22_050)) }
            return Float.random(in: -0.1...0.1, using: &generator)
        }
        let path = root.appendingPathComponent(name).path
        try AudioWriter.write([samples], sampleRate: 22_050, to: path)
        return path
    }

    /// A review table as `review sample` writes it, filled in: (species, start, end, verdict).
    private func writeTable(_ name: String, recording: String, items: [(String, Double, Double, String)]) throws -> String {
        let selections = items.enumerated().map { index, item in
            RavenSelection(
                selection: index + 1, beginSeconds: item.1, endSeconds: item.2, lowHz: 0, highHz: 11_025,
                values: [
                    "Begin File": URL(fileURLWithPath: recording).lastPathComponent, "Begin Path": recording,
                    "File Offset (s)": String(format: "%.6f", item.1), "Verdict": item.3, "Species": item.0,
                    "Confidence": "0.8000", "Bin": "0.70-0.90",
                ])
        }
        let path = root.appendingPathComponent(name).path
        try ReviewTable.write(selections, to: URL(fileURLWithPath: path))
        return path
    }

    private func config(reviews: [String]) throws -> RunConfig {
        for i in 0..<3 {
            _ = try writeRecording("low_\(i).wav", seconds: 3, hz: 500)
            _ = try writeRecording("high_\(i).wav", seconds: 3, hz: 4000)
        }
        let csv = "file,label\n" + (0..<3).map { "low_\($0).wav,low\nhigh_\($0).wav,high\n" }.joined()
        try csv.write(to: root.appendingPathComponent("labels.csv"), atomically: true, encoding: .utf8)
        return try ConfigLoader.resolve(
            yaml: "", source: "test",
            overrides: [
                "data.recordings=\(root.path)", "data.labels=\(root.path)/labels.csv", "data.cache=\(root.path)/cache",
                "data.reviews=[\(reviews.joined(separator: ","))]",
            ])
    }

    func testReviewsAddExactlyTheExpectedWindows() throws {
        let site = try writeRecording("site.wav", seconds: 6, hz: nil)
        let table = try writeTable("review.selections.txt", recording: site, items: [
            ("low", 1.0, 1.4, "yes"),  // a call: one clip centred on it
            ("high", 2.0, 2.3, "low"),  // relabelled
            ("low", 3.0, 3.3, "no"),  // a hard negative
            ("low", 4.0, 4.2, "unsure"),  // ignored
            ("high", 4.5, 4.7, ""),  // not reviewed
            ("high", 0.5, 3.5, "Yes"),  // longer than a clip: clips every hop across it
            ("low", 5.0, 5.2, "NOISE"),  // naming the background class is a no
            ("mystery", 4.0, 4.2, "no"),  // a species the model does not know can still be a no
        ])
        var log: [String] = []
        let data = try DatasetBuilder.build(config: try config(reviews: [table])) { log.append($0) }
        let plain = try DatasetBuilder.build(config: try config(reviews: []))
        XCTAssertEqual(data.classes, ["high", "low", "noise"])

        let reviewed = (data.train + data.validation + data.test).filter { $0.recording == site }
        XCTAssertEqual(reviewed.count, data.train.filter { $0.recording == site }.count, "reviews train")
        let secondsPerFrame = 256.0 / 22_050
        let clip = (1.5 / secondsPerFrame).rounded() * secondsPerFrame
        // (class, centre of the item − half a clip), or the hop starts across the long item.
        let expected: [(String, Double)] = [
            ("high", 0.5), ("high", 1.25), ("high", 2.0), ("low", 1.2 - clip / 2), ("low", 2.15 - clip / 2),
            ("noise", 3.15 - clip / 2), ("noise", 4.1 - clip / 2), ("noise", 5.1 - clip / 2),
        ]
        let got = reviewed.map { (data.classes[$0.classIndex], $0.startSeconds) }.sorted { ($0.0, $0.1) < ($1.0, $1.1) }
        XCTAssertEqual(got.map(\.0), expected.map(\.0))
        for (g, e) in zip(got, expected) {
            // Clips start on the frame grid: within half a frame of the intended start.
            XCTAssertEqual(g.1, e.1, accuracy: secondsPerFrame / 2 + 1e-9, "\(g.0)")
        }
        for example in reviewed {
            XCTAssertEqual(example.targets, data.classes.indices.map { $0 == example.classIndex ? 1 : 0 })
            XCTAssertEqual(example.features.frames, Int((1.5 / secondsPerFrame).rounded()))
            XCTAssertEqual(example.group, "review:\(site)")
        }
        // Everything else is as without the reviews.
        XCTAssertEqual(data.train.filter { $0.recording != site }, plain.train)
        XCTAssertEqual(data.validation, plain.validation)
        XCTAssertEqual(data.test, plain.test)
        let report = log.joined(separator: "\n")
        XCTAssertTrue(report.contains("\(table): 2 yes, 1 relabelled, 3 no, 2 ignored"), report)
        XCTAssertTrue(report.contains("8 windows from 1 recording(s)"), report)
    }

    func testAConfirmedUnknownSpeciesOrAnUnknownVerdictIsAnErrorWithItsLine() throws {
        let site = try writeRecording("site.wav", seconds: 4, hz: nil)
        let unknown = try writeTable("a.txt", recording: site, items: [("low", 1, 1.3, "yes"), ("mystery", 2, 2.2, "yes")])
        XCTAssertThrowsError(try DatasetBuilder.build(config: try config(reviews: [unknown]))) { error in
            XCTAssertTrue("\(error)".contains("\(unknown):3") && "\(error)".contains("mystery"), "\(error)")
        }
        let typo = try writeTable("b.txt", recording: site, items: [("low", 1, 1.3, "yse")])
        XCTAssertThrowsError(try DatasetBuilder.build(config: try config(reviews: [typo]))) { error in
            XCTAssertTrue("\(error)".contains("\(typo):2") && "\(error)".contains("yse"), "\(error)")
        }
    }
}
