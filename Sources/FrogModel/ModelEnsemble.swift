import Foundation
import FrogConfig
import FrogCore
import FrogDSP

/// Several trained models of one task scored together: the mean of their probabilities.
///
/// Models trained with different seeds make different mistakes, so their mean is steadier than
/// any one of them (the usual way to spend a few more training runs on accuracy). The members
/// must agree on everything that shapes a window and its scores: classes, preprocessing and
/// window length.
public final class ModelEnsemble: WindowClassifier {
    public let members: [ModelBundle]
    /// Per-class thresholds: the members' mean (evaluation may replace them).
    public var thresholds: [Float]
    /// The first member's rule (members of one config share it).
    public var decision: DecisionRule

    /// Checks that `members` agree; `names` (their files) are used in the error messages.
    public init(_ members: [ModelBundle], names: [String]) throws {
        precondition(members.count == names.count && !members.isEmpty, "ModelEnsemble: one name per member, at least one")
        let first = members[0]
        for (member, name) in zip(members, names).dropFirst() {
            func mismatch(_ what: String) -> ConfigError {
                .invalidValue(
                    path: name, source: "--model",
                    message: "its \(what) differ from \(names[0])'s; an ensemble needs models trained on the same classes and features")
            }
            guard member.classes == first.classes else { throw mismatch("classes") }
            guard member.featureConfig == first.featureConfig else { throw mismatch("feature settings") }
            guard member.windowFrames == first.windowFrames else { throw mismatch("window lengths") }
        }
        self.members = members
        decision = first.decision
        thresholds = first.classes.indices.map { c in
            members.reduce(0) { $0 + $1.thresholds[c] } / Float(members.count)
        }
    }

    public var classes: [String] { members[0].classes }
    public var featureConfig: FeatureConfig { members[0].featureConfig }
    public var windowFrames: Int { members[0].windowFrames }
    public var backgroundClasses: Set<String> { members[0].backgroundClasses }
    public var speciesBands: [String: ClosedRange<Float>] { members[0].speciesBands }

    /// The members' ids joined: detections and reports name every model that voted.
    public var modelID: String { members.map(\.modelID).joined(separator: "+") }

    /// The model(s) `paths` name (`ModelSource`: files, run folders, ensemble folders),
    /// with networks using `threads` workers when given: the one bundle itself, or an ensemble
    /// of several (`--model` given more than once, or an ensemble folder).
    public static func load(paths: [String], threads: Int? = nil) throws -> any WindowClassifier {
        try load(ModelSource.resolve(paths), threads: threads)
    }

    /// As `load(paths:threads:)` for paths already resolved (a caller that also needs the files).
    public static func load(_ source: ModelSource, threads: Int? = nil) throws -> any WindowClassifier {
        let bundles = try source.files.map { path -> ModelBundle in
            let bundle = try ModelBundle.load(path: path)
            if let threads { bundle.network.threadCount = threads }
            return bundle
        }
        guard bundles.count > 1 else { return bundles[0] }
        let ensemble = try ModelEnsemble(bundles, names: source.files)
        if let chosen = source.thresholds {
            ensemble.thresholds = try ensemble.classes.map { name in
                guard let value = chosen[name] else {
                    throw ModelError.corrupt(path: source.thresholdsFile ?? "", reason: "no threshold for class '\(name)'")
                }
                guard value >= 0 else {
                    throw ModelError.corrupt(
                        path: source.thresholdsFile ?? "", reason: "the threshold for class '\(name)' is \(value); thresholds must be ≥ 0")
                }
                return value
            }
            ensemble.decision.thresholdMode = "\(source.thresholdsMode ?? "out of fold") (\(source.thresholdsFile ?? ""))"
        }
        if let decision = source.decision {
            guard decision.minWindows >= 1 else {
                throw ModelError.corrupt(path: source.files[0], reason: "the ensemble's decision.json has min_windows \(decision.minWindows); it must be ≥ 1")
            }
            ensemble.decision = decision
        }
        return ensemble
    }

    /// Writes the folder that makes this ensemble a `--model`: `models.txt` (its member files,
    /// `memberPaths`), `thresholds.csv` (its thresholds, `mode` as `chosen_by`) and
    /// `decision.json` (its rule), each atomically.
    public func writeFolder(_ folder: URL, memberPaths: [String], mode: String) throws {
        precondition(memberPaths.count == members.count, "ModelEnsemble.writeFolder: one path per member")
        try AtomicFile.write(memberPaths.joined(separator: "\n") + "\n", to: folder.appendingPathComponent(ModelSource.foldModelsFileName))
        try AtomicFile.write(
            ThresholdsCSV.text(classes: classes, thresholds: thresholds, mode: mode),
            to: folder.appendingPathComponent(ModelSource.foldThresholdsFileName))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try AtomicFile.write(try encoder.encode(decision), to: folder.appendingPathComponent(ModelSource.ensembleDecisionFileName))
    }

    /// Mean of the members' scores, window by window.
    public func scores(_ windows: [FeatureImage]) throws -> [[Float]] {
        var sum = try members[0].scores(windows)
        for member in members.dropFirst() {
            let rows = try member.scores(windows)
            for w in sum.indices {
                for c in sum[w].indices { sum[w][c] += rows[w][c] }
            }
        }
        let n = Float(members.count)
        return sum.map { row in row.map { $0 / n } }
    }
}
