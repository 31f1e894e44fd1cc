import Foundation
import FrogTestSupport
import XCTest

/// `frogscan train`, `evaluate` and `runs` end to end on a tiny dataset of tones written here.
final class TrainCommandTests: XCTestCase {
    /// 16-bit mono PCM WAV of a tone at `frequency` Hz plus a little noise.
    private func writeTone(_ url: URL, frequency: Double, seconds: Double = 1.5, rate: Int = 8000, seed: Int) throws {
        let count = Int(seconds * Double(rate))
        var state = UInt64(seed + 1)
        var samples = Data()
        for i in 0..<count {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let noise = Double(Int64(bitPattern: state >> 11) % 1000) / 1000 * 0.05
            let value = 0.4 * sin(2 * Double.pi * frequency * Double(i) / Double(rate)) + noise
            var sample = Int16(max(-1, min(1, value)) * 32000).littleEndian
            withUnsafeBytes(of: &sample) { samples.append(contentsOf: $0) }
        }
        var header = Data("RIFF".utf8)
        func append32(_ v: UInt32) { var x = v.littleEndian; withUnsafeBytes(of: &x) { header.append(contentsOf: $0) } }
        func append16(_ v: UInt16) { var x = v.littleEndian; withUnsafeBytes(of: &x) { header.append(contentsOf: $0) } }
        append32(UInt32(36 + samples.count))
        header.append(Data("WAVEfmt ".utf8))
        append32(16); append16(1); append16(1); append32(UInt32(rate)); append32(UInt32(rate * 2)); append16(2); append16(16)
        header.append(Data("data".utf8))
        append32(UInt32(samples.count))
        try (header + samples).write(to: url)
    }

    /// recordings/ with 3 species × 6 recordings and labels.csv with whole-recording labels.
    private func makeDataset(in root: URL) throws {
        let recordings = root.appendingPathComponent("recordings")
        try FileManager.default.createDirectory(at: recordings, withIntermediateDirectories: true)
        var csv = "file,label\n"
        for (s, (name, frequency)) in [("Litoria_fallax", 600.0), ("Crinia_signifera", 1500.0), ("Limnodynastes_peronii", 3000.0)].enumerated() {
            for r in 0..<6 {
                let file = "\(name)_\(r).wav"
                try writeTone(recordings.appendingPathComponent(file), frequency: frequency * (1 + 0.02 * Double(r)), seed: s * 10 + r)
                csv += "\(file),\(name)\n"
            }
        }
        try csv.write(to: root.appendingPathComponent("labels.csv"), atomically: true, encoding: .utf8)
    }

    /// species → threshold from a CSV with `species` and `threshold` columns.
    private func thresholdColumn(_ url: URL) throws -> [String: Float] {
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",").map(String.init) }
        let species = try XCTUnwrap(lines.first?.firstIndex(of: "species")), threshold = try XCTUnwrap(lines.first?.firstIndex(of: "threshold"))
        var result: [String: Float] = [:]
        for row in lines.dropFirst() where row.count > threshold { result[row[species]] = Float(row[threshold]) }
        return result
    }

    private let tinySettings = [
        "--set", "data.labels=labels.csv", "--set", "features.sample_rate=8000", "--set", "features.n_fft=256",
        "--set", "features.hop_length=128", "--set", "features.n_mels=16", "--set", "features.fmax=4000",
        "--set", "clips.seconds=0.5", "--set", "clips.hop_seconds=0.25", "--set", "model.conv_layers=2",
        "--set", "model.filters=[8,8]", "--set", "model.dense_units=[]", "--set", "train.epochs=3",
        "--set", "train.batch_size=16", "--set", "train.learning_rate=0.01", "--set", "data.validation_fraction=0.25",
        "--set", "data.test_fraction=0.25",
    ]

    func testTrainEvaluateAndListRuns() throws {
        let root = SharedData.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        try makeDataset(in: root)
        let trained = try CLI.run(["train"] + tinySettings + ["--set", "name=tones"], in: root)
        XCTAssertEqual(trained.status, 0, trained.stderr + trained.stdout)
        XCTAssertTrue(trained.stdout.contains("epoch 3/3"), trained.stdout)
        XCTAssertTrue(trained.stdout.contains("val_macro_f1"), trained.stdout)
        XCTAssertTrue(trained.stdout.contains("Litoria_fallax"), "per-species table: \(trained.stdout)")

        let runs = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("runs").path)
        XCTAssertEqual(runs.count, 1)
        let run = root.appendingPathComponent("runs").appendingPathComponent(runs[0])
        XCTAssertTrue(runs[0].hasSuffix("-tones"))
        for file in ["config.yaml", "split.csv", "metrics.csv", "model.safetensors", "checkpoint.safetensors",
                     "curves.png", "thresholds.csv", "run.json", "validation/metrics.json",
                     "validation/per_species_metrics.csv", "validation/predictions.csv", "test/confusion.png"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: run.appendingPathComponent(file).path), file)
        }
        let events = try FileManager.default.contentsOfDirectory(atPath: run.path).filter { $0.hasPrefix("events.out.tfevents.") }
        XCTAssertEqual(events.count, 1)

        let listed = try CLI.run(["runs", "list"], in: root)
        XCTAssertEqual(listed.status, 0, listed.stderr)
        XCTAssertTrue(listed.stdout.contains(runs[0]), listed.stdout)
        XCTAssertTrue(listed.stdout.contains("train.epochs=3"), "flags differing from defaults: \(listed.stdout)")

        let evaluated = try CLI.run(
            ["evaluate", "--model", run.appendingPathComponent("model.safetensors").path, "--recordings", "recordings",
             "--labels", "labels.csv", "--split", "test", "--out", "eval"], in: root)
        XCTAssertEqual(evaluated.status, 0, evaluated.stderr + evaluated.stdout)
        XCTAssertTrue(FileManager.default.fileExists(atPath: root.appendingPathComponent("eval/metrics.json").path))
        // The same model twice is an ensemble whose mean is that model: same report, and --split
        // reads both run folders' split.csv.
        let model = run.appendingPathComponent("model.safetensors").path
        let ensemble = try CLI.run(
            ["evaluate", "--model", model, "--model", model, "--recordings", "recordings",
             "--labels", "labels.csv", "--split", "test", "--out", "eval2"], in: root)
        XCTAssertEqual(ensemble.status, 0, ensemble.stderr + ensemble.stdout)
        XCTAssertTrue(ensemble.stdout.contains("ensemble of 2 models"), ensemble.stdout)
        XCTAssertEqual(try String(contentsOf: root.appendingPathComponent("eval2/metrics.json"), encoding: .utf8),
                       try String(contentsOf: root.appendingPathComponent("eval/metrics.json"), encoding: .utf8))
        // --overlap 0.75 halves the hop: about twice the windows of the default 0.5.
        let dense = try CLI.run(
            ["evaluate", "--model", model, "--recordings", "recordings", "--labels", "labels.csv", "--split", "test",
             "--overlap", "0.75", "--out", "eval3"], in: root)
        XCTAssertEqual(dense.status, 0, dense.stderr + dense.stdout)
        func windowCount(_ folder: String) throws -> Int {
            let json = try JSONSerialization.jsonObject(with: Data(contentsOf: root.appendingPathComponent("\(folder)/metrics.json")))
            return try XCTUnwrap((json as? [String: Any])?["windows"] as? Int)
        }
        let (plain, denser) = (try windowCount("eval"), try windowCount("eval3"))
        XCTAssertGreaterThan(denser, plain * 3 / 2, "\(plain) windows at overlap 0.5, \(denser) at 0.75")
        let badOverlap = try CLI.run(["evaluate", "--model", model, "--recordings", "recordings", "--labels", "labels.csv", "--overlap", "1"], in: root)
        XCTAssertEqual(badOverlap.status, 1)
        XCTAssertTrue(badOverlap.stderr.contains("--overlap"), badOverlap.stderr)

        let resumed = try CLI.run(["train", "--resume", run.path, "--set", "train.epochs=4"], in: root)
        XCTAssertEqual(resumed.status, 1, "--resume takes the run's own config: \(resumed.stdout)")
    }

    func testASecondRunWithTheFirstRunsSplitFileHasItsSplitAndReadsTheFeatureCache() throws {
        let root = SharedData.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        try makeDataset(in: root)
        let first = try CLI.run(["train"] + tinySettings + ["--set", "name=first", "--set", "seed=1", "--set", "train.epochs=1"], in: root)
        XCTAssertEqual(first.status, 0, first.stderr + first.stdout)
        XCTAssertTrue(first.stdout.contains("decoded 18 recording(s), 0 from the feature cache (.frogscan-cache)"), first.stdout)
        let runs = root.appendingPathComponent("runs")
        let firstRun = try FileManager.default.contentsOfDirectory(atPath: runs.path)[0]
        let split = runs.appendingPathComponent(firstRun).appendingPathComponent("split.csv").path
        let second = try CLI.run(
            ["train"] + tinySettings + ["--set", "name=second", "--set", "seed=2", "--set", "train.epochs=1",
                                        "--set", "data.split_file=\(split)"], in: root)
        XCTAssertEqual(second.status, 0, second.stderr + second.stdout)
        XCTAssertTrue(second.stdout.contains("decoded 0 recording(s), 18 from the feature cache"), second.stdout)
        let secondRun = try FileManager.default.contentsOfDirectory(atPath: runs.path).first { $0.hasSuffix("-second") }!
        XCTAssertEqual(
            try String(contentsOfFile: runs.appendingPathComponent(secondRun).appendingPathComponent("split.csv").path, encoding: .utf8),
            try String(contentsOfFile: split, encoding: .utf8))
    }

    /// `--folds 3`: three runs whose validation recordings partition the development data,
    /// one shared test split, and the cross-validation folder with the out-of-fold report, the
    /// ensemble's test report, folds.csv and models.txt.
    func testFoldsTrainOneRunPerFoldAndReportOutOfFoldAndTheEnsemble() throws {
        let root = SharedData.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        try makeDataset(in: root)
        let result = try CLI.run(["train"] + tinySettings + ["--set", "name=cv", "--set", "train.epochs=1", "--folds", "3"], in: root)
        XCTAssertEqual(result.status, 0, result.stderr + result.stdout)
        XCTAssertTrue(result.stdout.contains("out of fold"), result.stdout)
        XCTAssertTrue(result.stdout.contains("test, ensemble of the 3"), result.stdout)
        let runs = root.appendingPathComponent("runs")
        let names = try FileManager.default.contentsOfDirectory(atPath: runs.path).sorted()
        XCTAssertEqual(names.filter { $0.hasSuffix("-cv-fold1") || $0.hasSuffix("-cv-fold2") || $0.hasSuffix("-cv-fold3") }.count, 3, "\(names)")
        var validation: [[String]] = []
        var tests: Set<[String]> = []
        var development: Set<String> = []
        for k in 1...3 {
            let run = names.first { $0.hasSuffix("-cv-fold\(k)") }!
            let rows = try String(contentsOf: runs.appendingPathComponent(run).appendingPathComponent("split.csv"), encoding: .utf8)
                .split(separator: "\n").dropFirst().map { $0.split(separator: ",").map(String.init) }
            XCTAssertEqual(rows.count, 18)
            validation.append(rows.filter { $0[2] == "validation" }.map { $0[0] })
            tests.insert(rows.filter { $0[2] == "test" }.map { $0[0] }.sorted())
            development.formUnion(rows.filter { $0[2] != "test" }.map { $0[0] })
        }
        XCTAssertEqual(tests.count, 1, "one test split for every fold")
        XCTAssertFalse(tests.first!.isEmpty)
        XCTAssertFalse(validation.contains { $0.isEmpty }, "\(validation)")
        XCTAssertEqual(validation.flatMap { $0 }.count, development.count, "each development recording validated once")
        XCTAssertEqual(Set(validation.flatMap { $0 }), development)
        let cv = runs.appendingPathComponent(try XCTUnwrap(names.first { $0.hasSuffix("-cv-cv") }))
        for file in ["validation/metrics.json", "validation/predictions.csv", "test/metrics.json", "folds.csv", "models.txt"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: cv.appendingPathComponent(file).path), file)
        }
        let predictions = try String(contentsOf: cv.appendingPathComponent("validation/predictions.csv"), encoding: .utf8)
        XCTAssertEqual(Set(predictions.split(separator: "\n").dropFirst().map { String($0.split(separator: ",")[1]) }), development)
        XCTAssertEqual(try String(contentsOf: cv.appendingPathComponent("models.txt"), encoding: .utf8).split(separator: "\n").count, 3)
        XCTAssertEqual(try String(contentsOf: cv.appendingPathComponent("folds.csv"), encoding: .utf8).split(separator: "\n").count, 4)
        // The folder is a model: its 3 runs as an ensemble deciding with the out-of-fold thresholds.
        let chosen = try thresholdColumn(cv.appendingPathComponent("thresholds.csv"))
        XCTAssertTrue(try String(contentsOf: cv.appendingPathComponent("thresholds.csv"), encoding: .utf8).contains("out_of_fold_max_f1"))
        let evaluated = try CLI.run(
            ["evaluate", "--model", cv.path, "--recordings", "recordings", "--labels", "labels.csv", "--split", "test",
             "--out", "cv-eval"], in: root)
        XCTAssertEqual(evaluated.status, 0, evaluated.stderr + evaluated.stdout)
        XCTAssertTrue(evaluated.stdout.contains("ensemble of 3 models"), evaluated.stdout)
        let used = try thresholdColumn(root.appendingPathComponent("cv-eval/per_species_metrics.csv"))
        // (The report leaves out the background class, which has no examples here.)
        XCTAssertEqual(Set(used.keys).subtracting(chosen.keys), [])
        XCTAssertEqual(used.count, 3, "\(used)")
        for (species, value) in used { XCTAssertEqual(value, chosen[species]!, accuracy: 1e-3, species) }
        // … which are not what the members' own thresholds average to.
        let members = try (1...3).map { k in
            try thresholdColumn(runs.appendingPathComponent(names.first { $0.hasSuffix("-cv-fold\(k)") }!).appendingPathComponent("thresholds.csv"))
        }
        XCTAssertTrue(used.keys.contains { species in abs(members.map { $0[species]! }.reduce(0, +) / 3 - used[species]!) > 1e-3 })
        // The folder's own test report decided with them too.
        let reported = try thresholdColumn(cv.appendingPathComponent("test/per_species_metrics.csv"))
        for (species, value) in reported { XCTAssertEqual(value, chosen[species]!, accuracy: 1e-3, species) }
        // A thresholds.csv without one of the classes is named, with the class.
        let thresholdsFile = cv.appendingPathComponent("thresholds.csv")
        let full = try String(contentsOf: thresholdsFile, encoding: .utf8)
        try full.split(separator: "\n").filter { !$0.hasPrefix("Litoria_fallax,") }.joined(separator: "\n")
            .write(to: thresholdsFile, atomically: true, encoding: .utf8)
        let missing = try CLI.run(["evaluate", "--model", cv.path, "--recordings", "recordings", "--labels", "labels.csv"], in: root)
        XCTAssertEqual(missing.status, 1, missing.stderr)
        XCTAssertTrue(missing.stderr.contains("thresholds.csv") && missing.stderr.contains("Litoria_fallax"), missing.stderr)
        try full.write(to: thresholdsFile, atomically: true, encoding: .utf8)
        // detect takes the folder too: every detection names the three members.
        let detected = try CLI.run(["detect", "recordings", "--model", cv.path, "--out", "cv-detect"], in: root)
        XCTAssertEqual(detected.status, 0, detected.stderr + detected.stdout)
        let detections = try String(contentsOf: root.appendingPathComponent("cv-detect/detections.csv"), encoding: .utf8)
            .split(separator: "\n").dropFirst()
        XCTAssertFalse(detections.isEmpty)
        XCTAssertTrue(detections.allSatisfy { $0.split(separator: ",").contains { $0.split(separator: "+").count == 3 } }, "\(detections.prefix(2))")
        let listed = try CLI.run(["runs", "list"], in: root)
        XCTAssertFalse(listed.stdout.contains("-cv-cv"), "the cross-validation folder is not a run: \(listed.stdout)")
        let bad = try CLI.run(["train"] + tinySettings + ["--folds", "1"], in: root)
        XCTAssertEqual(bad.status, 1)
        XCTAssertTrue(bad.stderr.contains("--folds"), bad.stderr)
    }

    /// `--seeds 2`: two runs on one split and the ensemble folder, which `evaluate` takes as a
    /// model (its two members with the thresholds chosen for them); `--folds` with train.seeds
    /// trains one model per fold and says so.
    func testSeedsTrainOneSplitAndKeepTheEnsembleAsAModel() throws {
        let root = SharedData.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        try makeDataset(in: root)
        let result = try CLI.run(["train"] + tinySettings + ["--set", "name=ens", "--set", "train.epochs=1", "--seeds", "2"], in: root)
        XCTAssertEqual(result.status, 0, result.stderr + result.stdout)
        XCTAssertTrue(result.stdout.contains("ensemble of 2 seeds"), result.stdout)
        let runs = root.appendingPathComponent("runs")
        let names = try FileManager.default.contentsOfDirectory(atPath: runs.path).sorted()
        let members = names.filter { $0.hasSuffix("-ens-seed42") || $0.hasSuffix("-ens-seed43") }
        XCTAssertEqual(members.count, 2, "\(names)")
        let splits = try members.map { try String(contentsOf: runs.appendingPathComponent($0).appendingPathComponent("split.csv"), encoding: .utf8) }
        XCTAssertEqual(splits[0], splits[1], "the members share one split")
        let folder = runs.appendingPathComponent(try XCTUnwrap(names.first { $0.hasSuffix("-ens-ensemble") }))
        for file in ["models.txt", "thresholds.csv", "members.csv", "config.yaml", "validation/metrics.json", "test/metrics.json"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: folder.appendingPathComponent(file).path), file)
        }
        XCTAssertTrue(try String(contentsOf: folder.appendingPathComponent("thresholds.csv"), encoding: .utf8).contains("seed_ensemble_max_f1"))
        let evaluated = try CLI.run(
            ["evaluate", "--recordings", "recordings", "--labels", "labels.csv", "--split", "test", "--out", "ens-eval"], in: root)
        XCTAssertEqual(evaluated.status, 0, evaluated.stderr + evaluated.stdout)
        XCTAssertTrue(evaluated.stdout.contains("ensemble of 2 models"), "the newest run is the ensemble: \(evaluated.stdout)")
        // The folder's rule is the one detect applies: the same detections per test file.
        let detected = try CLI.run(["detect", "recordings", "--model", folder.path, "--out", "ens-detect"], in: root)
        XCTAssertEqual(detected.status, 0, detected.stderr + detected.stdout)
        var byDetect: [String: [String: Int]] = [:]
        for row in try String(contentsOf: root.appendingPathComponent("ens-detect/detections.csv"), encoding: .utf8)
            .split(separator: "\n").dropFirst() {
            let fields = row.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            byDetect[URL(fileURLWithPath: fields[0]).lastPathComponent, default: [:]][fields[3], default: 0] += 1
        }
        let presence = try String(contentsOf: root.appendingPathComponent("ens-eval/presence_files.csv"), encoding: .utf8)
            .split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        XCTAssertFalse(presence.isEmpty)
        for fields in presence {
            var counts: [String: Int] = [:]
            for item in fields[4].split(separator: ";") where !item.isEmpty {
                let parts = item.split(separator: ":")
                counts[String(parts[0])] = Int(parts[1])
            }
            let name = URL(fileURLWithPath: fields[0]).lastPathComponent
            XCTAssertEqual(counts, byDetect[name] ?? [:], name)
        }
        let folds = try CLI.run(["train"] + tinySettings + ["--set", "name=cv", "--set", "train.epochs=1", "--seeds", "2", "--folds", "2"], in: root)
        XCTAssertEqual(folds.status, 0, folds.stderr + folds.stdout)
        XCTAssertTrue(folds.stdout.contains("each fold trains one model"), folds.stdout)
        XCTAssertFalse(try FileManager.default.contentsOfDirectory(atPath: runs.path).contains { $0.contains("-cv-fold1-seed") })
        let resumed = try CLI.run(["train", "--resume", folder.path], in: root)
        XCTAssertEqual(resumed.status, 1, resumed.stderr)
        XCTAssertTrue(resumed.stderr.contains("is an ensemble folder"), resumed.stderr)
        let bad = try CLI.run(["train"] + tinySettings + ["--seeds", "0"], in: root)
        XCTAssertEqual(bad.status, 1, bad.stderr)
        XCTAssertTrue(bad.stderr.contains("--seeds"), bad.stderr)
    }

    func testMissingDemoDataIsAClearUsageError() throws {
        let root = SharedData.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try CLI.run(["train"], in: root)
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("recordings"), result.stderr)
        XCTAssertTrue(result.stderr.contains("frogscan synth"), result.stderr)
    }

    /// `train --init-from` a run folder: the features and window come from the init model (the
    /// second run names none), the log and init.csv say what was copied, the features stay
    /// frozen, and the model records where it started; asking for other features is an error.
    func testInitFromARunFolderFineTunesWithItsFeatures() throws {
        let root = SharedData.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        try makeDataset(in: root)
        let base = try CLI.run(["train"] + tinySettings + ["--set", "name=base", "--set", "train.epochs=1"], in: root)
        XCTAssertEqual(base.status, 0, base.stderr + base.stdout)
        let runs = root.appendingPathComponent("runs")
        let baseRun = runs.appendingPathComponent(try FileManager.default.contentsOfDirectory(atPath: runs.path)[0])
        // From here `train` falls back to configs/default.yaml, which spells out the default
        // features (22 050 Hz, n_fft 1024): written by no one for this run, they do not count.
        try FileManager.default.createDirectory(at: root.appendingPathComponent("configs"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: SharedData.repositoryRoot.appendingPathComponent("configs/default.yaml"),
            to: root.appendingPathComponent("configs/default.yaml"))

        let noFeatures = [
            "--set", "data.labels=labels.csv", "--set", "clips.hop_seconds=0.25", "--set", "model.conv_layers=2",
            "--set", "model.filters=[8,8]", "--set", "model.dense_units=[]", "--set", "train.batch_size=16",
            "--set", "data.validation_fraction=0.25", "--set", "data.test_fraction=0.25", "--set", "train.epochs=2",
        ]
        let tuned = try CLI.run(
            ["train", "--init-from", baseRun.path] + noFeatures
                + ["--set", "name=tuned", "--set", "train.freeze=features", "--set", "train.unfreeze_after=1"], in: root)
        XCTAssertEqual(tuned.status, 0, tuned.stderr + tuned.stdout)
        XCTAssertTrue(tuned.stdout.contains("init from \(baseRun.path)/model.safetensors"), tuned.stdout)
        XCTAssertTrue(tuned.stdout.contains("tensors copied, 0 new, 0 skipped"), tuned.stdout)
        XCTAssertTrue(tuned.stdout.contains("features frozen (layers 0…"), tuned.stdout)
        XCTAssertTrue(tuned.stdout.contains("epoch 2: features unfrozen"), tuned.stdout)
        let tunedRun = runs.appendingPathComponent(
            try XCTUnwrap(try FileManager.default.contentsOfDirectory(atPath: runs.path).first { $0.hasSuffix("-tuned") }))
        let initCSV = try String(contentsOf: tunedRun.appendingPathComponent("init.csv"), encoding: .utf8)
        XCTAssertTrue(initCSV.hasPrefix("tensor,action,shape,init_shape,reason\nlayers.0.weight,copied,8x1x3x3,8x1x3x3,"), initCSV)
        let config = try String(contentsOf: tunedRun.appendingPathComponent("config.yaml"), encoding: .utf8)
        XCTAssertTrue(config.contains("n_fft: 256") && config.contains("sample_rate: 8000"), config)
        XCTAssertTrue(config.contains("init_from: \(baseRun.path)"), config)
        // The safetensors header is JSON at the start of the file; the provenance is in it.
        let header = String(decoding: try Data(contentsOf: tunedRun.appendingPathComponent("model.safetensors")).prefix(20_000), as: UTF8.self)
        XCTAssertTrue(header.contains("init_from") && header.contains("model_id"), header)

        let clash = try CLI.run(
            ["train", "--init-from", baseRun.path] + noFeatures + ["--set", "features.n_fft=512"], in: root)
        XCTAssertEqual(clash.status, 1)
        XCTAssertTrue(clash.stderr.contains("features.n_fft (512 here, 256 in the init model)"), clash.stderr)
        XCTAssertFalse(clash.stderr.contains("sample_rate"), "default.yaml's own keys are not the user's: \(clash.stderr)")
    }

    func testUnknownSettingIsNamed() throws {
        let result = try CLI.run(["train", "--set", "train.epoks=3"])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("'train.epoks'"), result.stderr)
        XCTAssertTrue(result.stderr.contains("--set"), result.stderr)
    }
}
