import Foundation
import FrogTestSupport
import XCTest

/// `frogscan dataset …` end to end on small generated datasets (and the shared real data).
final class DatasetCommandTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = SharedData.temporaryDirectory("dataset-cli")
        // Two 4-second and one 2-second silent recordings (only their headers matter here).
        try writeWave(folder.appendingPathComponent("rec/site1_a.wav"), seconds: 4)
        try writeWave(folder.appendingPathComponent("rec/site1_b.wav"), seconds: 4)
        try writeWave(folder.appendingPathComponent("rec/site2_a.wav"), seconds: 2)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    /// A mono 16-bit PCM WAV of silence (RIFF header written by hand: 44 bytes).
    func writeWave(_ url: URL, seconds: Double, rate: Int = 8000) throws {
        let frames = Int(seconds * Double(rate))
        var data = Data()
        func u32(_ v: Int) { withUnsafeBytes(of: UInt32(v).littleEndian) { data.append(contentsOf: $0) } }
        func u16(_ v: Int) { withUnsafeBytes(of: UInt16(v).littleEndian) { data.append(contentsOf: $0) } }
        data.append(contentsOf: Array("RIFF".utf8)); u32(36 + frames * 2)
        data.append(contentsOf: Array("WAVEfmt ".utf8)); u32(16); u16(1); u16(1); u32(rate); u32(rate * 2); u16(2); u16(16)
        data.append(contentsOf: Array("data".utf8)); u32(frames * 2)
        data.append(Data(count: frames * 2))
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    func write(_ text: String, _ name: String) throws {
        let url = folder.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    func args(_ command: String, _ extra: [String] = []) -> [String] {
        ["dataset", command, "--recordings", folder.appendingPathComponent("rec").path, "--labels", folder.appendingPathComponent("labels").path] + extra
    }

    func writeCleanLabels() throws {
        try write("0.5\t1.0\tL. fallax\n2\t3\tfrog_b\n", "labels/site1_a.txt")
        try write("Selection\tView\tChannel\tBegin Time (s)\tEnd Time (s)\tLow Freq (Hz)\tHigh Freq (Hz)\tSpecies\tSite\n"
            + "1\tSpectrogram 1\t1\t1\t2\t100\t900\tfrog_b\tN\n", "labels/site1_b.Table.1.selections.txt")
        try write("file,start_s,end_s,label,site\n../rec/site2_a.wav,,,frog_b,S\n", "labels/site2.csv")
        try write("labels:\n  aliases:\n    L. fallax: frog_a\n  classes: [frog_a, frog_b]\n", "config.yaml")
    }

    func testSummaryPrintsTableAndWritesCSV() throws {
        try writeCleanLabels()
        let out = folder.appendingPathComponent("summary.csv").path
        let result = try CLI.run(args("summary", ["--config", folder.appendingPathComponent("config.yaml").path, "--out", out]))
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("imbalance ratio 3.0"), result.stdout)
        // frog_b: 1 + 1 s boxes and the 2 s whole recording site2_a.
        XCTAssertEqual(
            try String(contentsOfFile: out, encoding: .utf8),
            "label,annotations,recordings,seconds,groups\nfrog_b,3,3,4.000,3\nfrog_a,1,1,0.500,1\n")
    }

    func testCheckIsCleanThenReportsEachProblemWithExitTwo() throws {
        try writeCleanLabels()
        let config = ["--config", folder.appendingPathComponent("config.yaml").path]
        let clean = try CLI.run(args("check", config))
        XCTAssertEqual(clean.status, 0, clean.stdout + clean.stderr)
        XCTAssertTrue(clean.stdout.hasPrefix("ok: 4 annotations, 3 of 3 recordings labelled"), clean.stdout)

        try write("0.5\t1.0\tL. fallax\n3\t2\tfrog_b\n3.5\t4.9\tfrog_b\n1\t2\tcricket\n", "labels/site1_a.txt")
        try write("1\t2\tfrog_a\n", "labels/nowhere.txt")
        try write("0\tabc\tfrog_a\n", "labels/site1_b.labels.txt")
        let bad = try CLI.run(args("check", config))
        XCTAssertEqual(bad.status, 2, bad.stdout + bad.stderr)
        for expected in [
            "site1_a.txt:2", "end_before_start", "site1_a.txt:3", "beyond_duration", "site1_a.txt:4", "unknown_label",
            "nowhere.txt", "label_file_without_recording", "site1_b.labels.txt:1", "malformed", "end 'abc' is not a number",
        ] {
            XCTAssertTrue(bad.stdout.contains(expected), "missing \(expected) in:\n\(bad.stdout)")
        }
    }

    func testSplitWritesCSVAndKeepsSitesTogether() throws {
        try writeCleanLabels()
        let out = folder.appendingPathComponent("split.csv").path
        let result = try CLI.run(args("split", ["--by", "site", "--seed", "3", "--validation", "0.3", "--test", "0.3", "--out", out]))
        XCTAssertEqual(result.status, 0, result.stderr)
        let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.first, "recording,group,split")
        XCTAssertEqual(lines.count, 4)
        // site1_a has no 'site' attribute (Audacity labels), so it is its own group.
        let rows = lines.dropFirst().map { $0.split(separator: ",").map(String.init) }
        XCTAssertEqual(Set(rows.map { $0[1] }), ["site1_a", "N", "S"])
        XCTAssertTrue(rows.allSatisfy { $0[0].hasPrefix("../") || $0[0].hasPrefix("/") || $0[0].hasPrefix("rec/") }, "\(rows)")
        let again = try CLI.run(args("split", ["--by", "site", "--seed", "3", "--validation", "0.3", "--test", "0.3", "--out", out + "2"]))
        XCTAssertEqual(again.status, 0)
        XCTAssertEqual(try String(contentsOfFile: out + "2", encoding: .utf8), try String(contentsOfFile: out, encoding: .utf8), "seeded")
    }

    /// A column fixing the test split (xeno-canto's suggested_split) and the config's negatives:
    /// test rows come from the column, folds divide the rest, negatives are train rows; the
    /// recordings and labels come from the config when not given.
    func testSplitHonoursTheSplitColumnAndNegativesFromTheConfig() throws {
        try writeWave(folder.appendingPathComponent("rec/site3_a.wav"), seconds: 2)
        try writeWave(folder.appendingPathComponent("rec/site4_a.wav"), seconds: 2)
        try writeWave(folder.appendingPathComponent("rain.wav"), seconds: 2)
        try write("""
            file,label,site,part
            rec/site1_a.wav,frog_a,N,dev
            rec/site1_b.wav,frog_b,N,dev
            rec/site2_a.wav,frog_b,S,eval
            rec/site3_a.wav,frog_a,E,dev
            rec/site4_a.wav,frog_b,W,dev

            """, "meta.csv")
        let config = folder.appendingPathComponent("xc.yaml").path
        try write("""
            data:
              recordings: \(folder.appendingPathComponent("rec").path)
              labels: \(folder.appendingPathComponent("meta.csv").path)
              group_column: site
              split_column: part
              test_values: [eval]
              negatives: [\(folder.appendingPathComponent("rain.wav").path)]

            """, "xc.yaml")
        let out = folder.appendingPathComponent("folds/split.csv").path
        let result = try CLI.run(["dataset", "split", "--config", config, "--by", "site", "--folds", "3", "--out", out])
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        var validation: [String] = []
        for fold in 1...3 {
            let rows = try String(contentsOfFile: folder.appendingPathComponent("folds/split.fold\(fold).csv").path, encoding: .utf8)
                .split(separator: "\n").dropFirst().map { $0.split(separator: ",").map(String.init) }
            XCTAssertEqual(rows.count, 6)
            XCTAssertEqual(rows.filter { $0[2] == "test" }.map { $0[1] }, ["S"], "the eval site is test in every fold")
            XCTAssertEqual(rows.filter { $0[0].hasSuffix("rain.wav") }.map { $0[2] }, ["train"])
            XCTAssertTrue(rows.filter { $0[0].hasSuffix("rain.wav") }.allSatisfy { $0[1].hasPrefix("negative:") })
            validation += rows.filter { $0[2] == "validation" }.map { $0[1] }
        }
        XCTAssertEqual(Set(validation), ["N", "E", "W"], "every dev site is validation in exactly one fold")
        XCTAssertEqual(validation.filter { $0 == "N" }.count, 2, "a site's two recordings move together")
    }

    func testUsageErrorsExitOne() throws {
        XCTAssertEqual(try CLI.run(["dataset", "summary", "--labels", "x"]).status, 1)
        let missing = try CLI.run(["dataset", "check", "--recordings", "/no/such/folder", "--labels", "/no/such/labels"])
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.stderr.contains("/no/such/folder"), missing.stderr)
        XCTAssertEqual(try CLI.run(args("split", ["--validation", "0.6", "--test", "0.5"])).status, 1)
    }

    func testHelpHasExamples() throws {
        for command in ["summary", "check", "split"] {
            let help = try CLI.run(["dataset", command, "--help"])
            XCTAssertEqual(help.status, 0)
            XCTAssertTrue(help.stdout.contains("Examples:"), command)
            XCTAssertTrue(help.stdout.contains("--recordings"), command)
        }
    }

    func testRealDataSummaryMatchesManifest() throws {
        guard let root = SharedData.root else { throw XCTSkip("../shared/data is absent: real-data CLI check skipped") }
        let data = root.appendingPathComponent("ribbid-xenocanto")
        let out = folder.appendingPathComponent("ribbid.csv").path
        let result = try CLI.run([
            "dataset", "summary", "--recordings", data.path, "--labels", data.appendingPathComponent("metadata.csv").path,
            "--group-column", "group_id", "--out", out,
        ])
        XCTAssertEqual(result.status, 0, result.stderr)
        let rows = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n").dropFirst()
            .map { $0.split(separator: ",").map(String.init) }
        // Recordings per species and sites, from the data's README and metadata.csv.
        let expected = [
            "Hyla_meridionalis": ("32", "18"), "Alytes_obstetricans": ("22", "19"), "Epidalea_calamita": ("19", "14"),
            "Bufo_bufo": ("18", "16"), "Pelodytes_punctatus": ("17", "10"), "Pelophylax_perezi": ("14", "10"),
            "Pelobates_cultripes": ("1", "1"),
        ]
        XCTAssertEqual(rows.count, expected.count)
        for row in rows {
            XCTAssertEqual(row[1], expected[row[0]]?.0, row[0])
            XCTAssertEqual(row[2], expected[row[0]]?.0, row[0])
            XCTAssertEqual(row[4], expected[row[0]]?.1, row[0])
        }
        let check = try CLI.run(["dataset", "check", "--recordings", data.path, "--labels", data.appendingPathComponent("manifest.csv").path])
        XCTAssertEqual(check.status, 0, check.stdout)
    }
}

/// `frogscan dataset preview` on two short synthetic recordings made by `frogscan synth`.
final class DatasetPreviewCommandTests: XCTestCase {
    func testPreviewWritesAGridOfTheExpectedSize() throws {
        let folder = SharedData.temporaryDirectory("dataset-preview")
        defer { try? FileManager.default.removeItem(at: folder) }
        let synth = try CLI.run(["synth", "--out", "syn", "--count", "2", "--seconds", "6", "--seed", "3"], in: folder)
        XCTAssertEqual(synth.status, 0, synth.stderr)
        // Run where there is no configs/default.yaml: the embedded defaults (64 mels, 1.5 s clips
        // = round(1.5 / (256 / 22050)) = 129 frames), two classes from the config + noise.
        let result = try CLI.run([
            "dataset", "preview", "--set", "data.recordings=syn", "--set", "data.labels=syn",
            "--set", "data.classes=[litoria_fallax,other_frog]", "--per-class", "2", "--augment",
            "--set", "augment.time_masks=1", "--seed", "4", "--out", "out/grid.png",
        ], in: folder)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("augmentation: time_mask"), result.stdout)
        let png = try Data(contentsOf: folder.appendingPathComponent("out/grid.png"))
        XCTAssertEqual(Array(png.prefix(8)), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        // IHDR: width and height, big-endian, at bytes 16..<24.
        let size = [16, 20].map { offset in png[offset..<(offset + 4)].reduce(0) { $0 << 8 | Int($1) } }
        // 2 tiles of 258 px (2 px per frame) + 8 px padding; 3 rows of 128 px (2 px per bin) +
        // a 13 px caption + 8 px padding.
        XCTAssertEqual(size, [2 * (258 + 8) + 8, 3 * (128 + 13 + 8) + 8])

        let again = try CLI.run([
            "dataset", "preview", "--set", "data.recordings=syn", "--set", "data.labels=syn",
            "--set", "data.classes=[litoria_fallax,other_frog]", "--per-class", "2", "--augment",
            "--set", "augment.time_masks=1", "--seed", "4", "--out", "out/again.png",
        ], in: folder)
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertEqual(try Data(contentsOf: folder.appendingPathComponent("out/again.png")), png, "seeded")

        let bad = try CLI.run(["dataset", "preview", "--per-class", "0"], in: folder)
        XCTAssertEqual(bad.status, 1, bad.stderr)
        XCTAssertTrue(bad.stderr.contains("--per-class"), bad.stderr)
    }
}
