import Foundation
import FrogTestSupport
import XCTest

/// Runs the built `frogscan evaluate-detections` and checks help, usage errors and output.
final class DetectCommandTests: XCTestCase {
    func testEvaluateDetectionsHelpAndUsageErrors() throws {
        let help = try CLI.run(["evaluate-detections", "--help"])
        XCTAssertEqual(help.status, 0, help.stderr)
        XCTAssertTrue(help.stdout.contains("--iou") && help.stdout.contains("Examples:"), help.stdout)
        let bad = try CLI.run(["evaluate-detections", "--detections", "d.csv", "--labels", "l", "--iou", "0"])
        XCTAssertEqual(bad.status, 1, bad.stderr)
        XCTAssertTrue(bad.stderr.contains("--iou"), bad.stderr)
        let missing = try CLI.run(["evaluate-detections", "--detections", "/no/such/d.csv", "--labels", "l"])
        XCTAssertEqual(missing.status, 1, missing.stderr)
        XCTAssertTrue(missing.stderr.contains("/no/such/d.csv"), missing.stderr)
    }

    func testEvaluateDetectionsWritesMetrics() throws {
        let folder = SharedData.temporaryDirectory("evaluate-cli")
        defer { try? FileManager.default.removeItem(at: folder) }
        let recordings = folder.appendingPathComponent("rec")
        let labels = folder.appendingPathComponent("labels")
        try FileManager.default.createDirectory(at: recordings, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: labels, withIntermediateDirectories: true)
        try Data().write(to: recordings.appendingPathComponent("a.wav"))
        try "1.000000\t2.000000\tcrinia\n".write(to: labels.appendingPathComponent("a.labels.txt"), atomically: true, encoding: .utf8)
        let detections = folder.appendingPathComponent("detections.csv")
        try "file,start_s,end_s,species,confidence\n\(recordings.path)/a.wav,1.1,2.0,crinia,0.9\n"
            .write(to: detections, atomically: true, encoding: .utf8)
        let result = try CLI.run(["evaluate-detections", "--detections", detections.path, "--labels", labels.path,
                                  "--out", folder.appendingPathComponent("eval").path])
        XCTAssertEqual(result.status, 0, result.stderr)
        let csv = try String(contentsOf: folder.appendingPathComponent("eval/event_metrics.csv"), encoding: .utf8)
        XCTAssertTrue(csv.contains("crinia,1,0,0,1.0000,1.0000,1.0000\n"), csv)
    }
}

final class DetectRunCommandTests: XCTestCase {
    func testHelpShowsOptionsAndExamples() throws {
        let result = try CLI.run(["detect", "--help"])
        XCTAssertEqual(result.status, 0, result.stderr)
        for text in ["--min-confidence", "--overlap", "--channels", "--resume", "--snippets", "--combined",
                     "Examples:", "frogscan detect recordings/", "errors.csv"] {
            XCTAssertTrue(result.stdout.contains(text), "missing \(text) in:\n\(result.stdout)")
        }
        let evaluate = try CLI.run(["evaluate-detections", "--help"])
        XCTAssertEqual(evaluate.status, 0, evaluate.stderr)
        XCTAssertTrue(evaluate.stdout.contains("--iou"), evaluate.stdout)
    }

    func testBadOptionsAreUsageErrors() throws {
        for (args, mention) in [
            (["detect", "x", "--overlap", "1"], "--overlap"),
            (["detect", "x", "--channels", "left"], "--channels"),
            (["detect", "x", "--format", "csv,excel"], "excel"),
            (["detect", "x", "--timestamp-pattern", "{YYYY}"], "{MM} is missing"),
            (["evaluate-detections", "--detections", "d.csv", "--labels", "l", "--iou", "0"], "--iou"),
        ] {
            let result = try CLI.run(args)
            XCTAssertEqual(result.status, 1, "\(args): \(result.stderr)")
            XCTAssertTrue(result.stderr.contains(mention), "\(args): \(result.stderr)")
        }
    }

    func testMissingModelSaysWhereItLooked() throws {
        let folder = SharedData.temporaryDirectory("detect-cli")
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CLI.run(["detect", "."], in: folder)
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertTrue(result.stderr.contains("runs/*/model.safetensors"), result.stderr)
        XCTAssertTrue(result.stderr.contains("models/default.safetensors"), result.stderr)
    }
}

/// `frogscan detect` end to end: the built executable with the bundled model on a bundled
/// recording, beside a corrupt file.
final class DetectEndToEndTests: XCTestCase {
    var folder: URL!
    var inputs: URL!
    var out: URL!

    override func setUpWithError() throws {
        folder = SharedData.temporaryDirectory("detect-e2e")
        inputs = folder.appendingPathComponent("in")
        out = folder.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: inputs, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: SharedData.repositoryRoot.appendingPathComponent("recordings/synth_001.flac"),
            to: inputs.appendingPathComponent("synth_001.flac"))
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    var model: String { SharedData.repositoryRoot.appendingPathComponent("models/default.safetensors").path }

    /// Data rows of a CSV file, split on commas (detect's files quote nothing in these tests).
    func rows(_ name: String) throws -> [[String]] {
        let text = try String(contentsOf: out.appendingPathComponent(name), encoding: .utf8)
        return text.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    /// Two --model files make an ensemble: the same model twice gives the same detections as
    /// once, with both ids in model_id; models of different classes are refused by name.
    func testEnsembleOfModels() throws {
        let single = folder.appendingPathComponent("single"), double = folder.appendingPathComponent("double")
        XCTAssertEqual(try CLI.run(["detect", inputs.path, "--model", model, "--out", single.path]).status, 0)
        let result = try CLI.run(["detect", inputs.path, "--model", model, "--model", model, "--out", double.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        func table(_ folder: URL) throws -> [[String]] {
            try String(contentsOf: folder.appendingPathComponent("detections.csv"), encoding: .utf8)
                .split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        }
        let (one, two) = (try table(single), try table(double))
        XCTAssertFalse(one.count < 2, "the bundled model finds calls in synth_001")
        let id = one[0].firstIndex(of: "model_id")!
        XCTAssertEqual(one.map { row in row.enumerated().filter { $0.offset != id }.map(\.element) },
                       two.map { row in row.enumerated().filter { $0.offset != id }.map(\.element) })
        XCTAssertEqual(two[1][id], one[1][id] + "+" + one[1][id])
        let other = folder.appendingPathComponent("other.safetensors").path
        XCTAssertEqual(try CLI.run(["detect", inputs.path, "--model", model, "--model", other, "--out", double.path]).status, 1)
    }

    func testCorruptFileIsListedAndTheGoodOneStillDetected() throws {
        // 4 KiB of seeded pseudo-random bytes: no audio header libsndfile recognises.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        let bytes = (0..<4096).map { _ -> UInt8 in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 56)
        }
        let bad = inputs.appendingPathComponent("x.wav")
        try Data(bytes).write(to: bad)
        let good = inputs.appendingPathComponent("synth_001.flac")

        let result = try CLI.run(["detect", inputs.path, "--model", model, "--out", out.path])
        XCTAssertEqual(result.status, 2, result.stderr)
        XCTAssertTrue(result.stderr.contains("errors.csv"), result.stderr)

        let errors = try rows("errors.csv")
        XCTAssertEqual(errors.count, 1, "\(errors)")
        XCTAssertEqual(errors.first?.first, bad.path)
        XCTAssertTrue(errors.first?.dropFirst().joined(separator: ",").contains("x.wav") == true, "\(errors)")

        let detections = try rows("detections.csv")
        XCTAssertFalse(detections.isEmpty, "the bundled model finds calls in synth_001")
        XCTAssertEqual(Set(detections.map { $0[0] }), [good.path], "no detections for the corrupt file")
        let summary = try rows("summary.csv")
        XCTAssertEqual(summary.map { [$0[0], $0[1]] }, [[good.path, "ok"], [bad.path, "failed"]])
        XCTAssertEqual(summary.first?[3], String(detections.count))
        for table in ["synth_001.selections.txt", "synth_001.labels.txt"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent(table).path), table)
        }
    }

    func testSnippetsAreAtMostNValidPNGsPerSpecies() throws {
        let best = 1
        // A second recording, so some species is detected more than N times.
        try FileManager.default.copyItem(
            at: SharedData.repositoryRoot.appendingPathComponent("recordings/synth_002.flac"),
            to: inputs.appendingPathComponent("synth_002.flac"))
        let result = try CLI.run(["detect", inputs.path, "--model", model, "--out", out.path, "--snippets", String(best)])
        XCTAssertEqual(result.status, 0, result.stderr)
        var perSpecies: [String: Int] = [:]
        for row in try rows("detections.csv") { perSpecies[row[3], default: 0] += 1 }
        XCTAssertTrue(perSpecies.values.contains { $0 > best }, "some species has more detections than N: \(perSpecies)")

        let snippets = out.appendingPathComponent("snippets")
        let folders = try FileManager.default.contentsOfDirectory(atPath: snippets.path).sorted()
        XCTAssertEqual(folders, perSpecies.keys.sorted(), "one folder per detected species")
        for species in folders {
            let files = try FileManager.default.contentsOfDirectory(atPath: snippets.appendingPathComponent(species).path)
            XCTAssertEqual(files.count, min(best, perSpecies[species]!), "\(species): \(files)")
            for file in files {
                XCTAssertTrue(file.hasSuffix(".png"), file)
                let data = try Data(contentsOf: snippets.appendingPathComponent(species).appendingPathComponent(file))
                XCTAssertEqual(Array(data.prefix(8)), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], file)
                XCTAssertGreaterThan(data.count, 100, file)
            }
        }
    }
}
