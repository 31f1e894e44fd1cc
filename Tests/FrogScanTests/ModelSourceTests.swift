import Foundation
@testable import FrogModel
import FrogTestSupport
import XCTest

/// What `--model` accepts: a file, a run folder, a cross-validation folder.
final class ModelSourceTests: XCTestCase {
    private var root: URL!

    override func setUpWithError() throws {
        root = SharedData.temporaryDirectory()
        for run in ["r-fold1", "r-fold2", "single"] {
            let folder = root.appendingPathComponent("runs/\(run)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data("weights".utf8).write(to: folder.appendingPathComponent("model.safetensors"))
        }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("runs/r-cv"), withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: root) }

    private func write(_ text: String, _ path: String) throws {
        try text.write(to: root.appendingPathComponent(path), atomically: true, encoding: .utf8)
    }

    func testFilesAndRunFoldersNameOneModel() throws {
        let file = root.appendingPathComponent("runs/single/model.safetensors").path
        XCTAssertEqual(try ModelSource.resolve(file), ModelSource(files: [file]))
        XCTAssertEqual(try ModelSource.resolve(root.appendingPathComponent("runs/single").path).files, [file])
        // A missing path is passed on: loading it reports the file.
        XCTAssertEqual(try ModelSource.resolve("nope.safetensors").files, ["nope.safetensors"])
    }

    /// models.txt as written at training time (paths relative to where training ran) still
    /// resolves after the runs folder moved: the fold runs beside the list are used.
    func testCrossValidationFolderIsItsModelsWithItsThresholds() throws {
        try write("runs/r-fold1/model.safetensors\nelsewhere/runs/r-fold2/model.safetensors\n\n", "runs/r-cv/models.txt")
        try write("species,threshold,chosen_by\na,0.25000,out_of_fold_max_f1\nb,0.75000,out_of_fold_max_f1\n", "runs/r-cv/thresholds.csv")
        let source = try ModelSource.resolve(root.appendingPathComponent("runs/r-cv").path)
        XCTAssertEqual(source.files.map { URL(fileURLWithPath: $0).standardized.path }, [
            root.appendingPathComponent("runs/r-fold1/model.safetensors").standardized.path,
            root.appendingPathComponent("runs/r-fold2/model.safetensors").standardized.path,
        ])
        XCTAssertEqual(source.thresholds, ["a": 0.25, "b": 0.75])
        // With other models beside it, the thresholds were not chosen for that ensemble.
        let mixed = try ModelSource.resolve([root.appendingPathComponent("runs/r-cv").path, root.appendingPathComponent("runs/single").path])
        XCTAssertEqual(mixed.files.count, 3)
        XCTAssertNil(mixed.thresholds)
    }

    func testUnusableFoldersAreNamedWithWhatToPass() throws {
        try FileManager.default.createDirectory(at: root.appendingPathComponent("empty"), withIntermediateDirectories: true)
        XCTAssertThrowsError(try ModelSource.resolve(root.appendingPathComponent("empty").path)) { error in
            XCTAssertTrue("\(error)".contains("neither model.safetensors nor models.txt"), "\(error)")
            XCTAssertTrue("\(error)".contains("ensemble folder (runs/<run>-cv/, runs/<run>-ensemble/)"), "\(error)")
        }
        try write("\n", "runs/r-cv/models.txt")
        XCTAssertThrowsError(try ModelSource.resolve(root.appendingPathComponent("runs/r-cv").path)) { error in
            XCTAssertTrue("\(error)".contains("lists no model files"), "\(error)")
        }
        try write("runs/r-fold1/model.safetensors\n\nruns/gone/model.safetensors\n", "runs/r-cv/models.txt")
        XCTAssertThrowsError(try ModelSource.resolve(root.appendingPathComponent("runs/r-cv").path)) { error in
            XCTAssertTrue("\(error)".contains("runs/gone/model.safetensors"), "\(error)")
            XCTAssertTrue("\(error)".contains("models.txt line 3"), "\(error)")
        }
        try write("runs/r-fold1/model.safetensors\n", "runs/r-cv/models.txt")
        try write("species,threshold\na,high\n", "runs/r-cv/thresholds.csv")
        XCTAssertThrowsError(try ModelSource.resolve(root.appendingPathComponent("runs/r-cv").path)) { error in
            XCTAssertTrue("\(error)".contains("line 2"), "\(error)")
            XCTAssertTrue("\(error)".contains("thresholds.csv"), "\(error)")
        }
    }

    /// An ensemble folder's decision.json: read with the thresholds' mode; a damaged one is an
    /// error naming the file and what to do.
    func testEnsembleDecisionFileIsReadAndADamagedOneIsNamed() throws {
        try write("runs/r-fold1/model.safetensors\nruns/r-fold2/model.safetensors\n", "runs/r-cv/models.txt")
        try write("species,threshold,chosen_by\na,0.5,seed_ensemble_max_f1\n", "runs/r-cv/thresholds.csv")
        try write("{\"min_windows\": 3, \"threshold_mode\": \"calibrated\", \"max_false_per_hour\": 5}", "runs/r-cv/decision.json")
        let source = try ModelSource.resolve(root.appendingPathComponent("runs/r-cv").path)
        XCTAssertEqual(source.thresholdsMode, "seed_ensemble_max_f1")
        XCTAssertEqual(source.decision, DecisionRule(minWindows: 3, thresholdMode: "calibrated", maxFalsePerHour: 5))
        try write("{\"min_windows\": \"two\"}", "runs/r-cv/decision.json")
        XCTAssertThrowsError(try ModelSource.resolve(root.appendingPathComponent("runs/r-cv").path)) { error in
            XCTAssertTrue("\(error)".contains("decision.json"), "\(error)")
            XCTAssertTrue("\(error)".contains("delete it to use the members' rule"), "\(error)")
        }
    }
}
