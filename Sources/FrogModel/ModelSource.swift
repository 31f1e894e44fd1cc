import Foundation
import FrogConfig
import FrogData

/// What a `--model` argument names: a model file, a run folder (its `model.safetensors`), or an
/// ensemble folder — from `train --folds` or `train.seeds` — (its `models.txt`, scored as one
/// ensemble with the thresholds chosen for it, `thresholds.csv`).
public struct ModelSource: Equatable, Sendable {
    /// The model files, in order.
    public var files: [String]
    /// Per-class thresholds that replace the members' mean (an ensemble folder's), and
    /// the file they came from.
    public var thresholds: [String: Float]?
    public var thresholdsFile: String?
    /// How those thresholds were chosen (`thresholds.csv`'s `chosen_by`).
    public var thresholdsMode: String?
    /// The ensemble's decision rule (`decision.json`), when the folder stores one; else the
    /// first member's applies.
    public var decision: DecisionRule?

    /// A run folder's model file (`RunFolder.modelFileName` in FrogTrain).
    package static let runModelFileName = "model.safetensors"
    /// An ensemble folder's list of member models (`CrossValidation.modelsFileName`).
    package static let foldModelsFileName = "models.txt"
    /// An ensemble folder's thresholds (out of fold, or the seed ensemble's) (`CrossValidation.thresholdsFileName`).
    package static let foldThresholdsFileName = "thresholds.csv"
    /// An ensemble folder's decision rule (minimum windows, how the thresholds were chosen).
    package static let ensembleDecisionFileName = "decision.json"

    /// Resolves `path`; a folder that is neither kind is an error saying what to pass.
    public static func resolve(_ path: String) throws -> ModelSource {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            return ModelSource(files: [path])  // a file, or a missing path ModelBundle reports
        }
        let folder = URL(fileURLWithPath: path)
        let model = folder.appendingPathComponent(Self.runModelFileName).path
        if FileManager.default.fileExists(atPath: model) { return ModelSource(files: [model]) }
        let list = folder.appendingPathComponent(Self.foldModelsFileName)
        guard FileManager.default.fileExists(atPath: list.path) else {
            throw ModelError.notAModel(
                path: path,
                reason: "the folder has neither \(Self.runModelFileName) nor \(Self.foldModelsFileName); pass a model file, a run folder (runs/<run>/) or an ensemble folder (runs/<run>-cv/, runs/<run>-ensemble/)")
        }
        // (line number, entry), blank lines skipped but counted, so errors name the real line.
        let entries = try String(contentsOf: list, encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            .map { ($0.offset + 1, $0.element.trimmingCharacters(in: .whitespacesAndNewlines)) }
            .filter { !$0.1.isEmpty }
        guard !entries.isEmpty else {
            throw ModelError.notAModel(path: list.path, reason: "it lists no model files")
        }
        let files = try entries.map { line, entry in try member(entry, line: line, list: list) }
        let thresholdsFile = folder.appendingPathComponent(Self.foldThresholdsFileName)
        let table = FileManager.default.fileExists(atPath: thresholdsFile.path)
            ? try ThresholdsCSV.read(thresholdsFile.path) : nil
        let decisionFile = folder.appendingPathComponent(Self.ensembleDecisionFileName)
        var decision: DecisionRule?
        if FileManager.default.fileExists(atPath: decisionFile.path) {
            do {
                decision = try JSONDecoder().decode(DecisionRule.self, from: Data(contentsOf: decisionFile))
            } catch {
                throw ModelError.corrupt(path: decisionFile.path, reason: "not a decision rule (\(error)); delete it to use the members' rule")
            }
        }
        return ModelSource(
            files: files, thresholds: table?.thresholds, thresholdsFile: table == nil ? nil : thresholdsFile.path,
            thresholdsMode: table?.mode, decision: decision)
    }

    /// All of `paths` resolved: their files concatenated; thresholds only when a single
    /// ensemble folder is the whole ensemble (they were chosen for exactly those models).
    public static func resolve(_ paths: [String]) throws -> ModelSource {
        let sources = try paths.map(resolve)
        guard sources.count == 1 else { return ModelSource(files: sources.flatMap(\.files)) }
        return sources[0]
    }

    /// A `models.txt` entry: as written (absolute, or relative to the working directory the
    /// runs were trained from), else the fold run beside the list's folder (the runs folder was
    /// moved or is read from elsewhere).
    private static func member(_ entry: String, line: Int, list: URL) throws -> String {
        if FileManager.default.fileExists(atPath: entry) { return entry }
        let file = URL(fileURLWithPath: entry)
        let beside = list.deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent(file.deletingLastPathComponent().lastPathComponent)
            .appendingPathComponent(file.lastPathComponent).path
        if FileManager.default.fileExists(atPath: beside) { return beside }
        throw ConfigError.missingData(
            path: entry,
            hint: "listed in \(list.path) line \(line), and not at \(beside) either; keep the member runs beside the ensemble folder")
    }
}
