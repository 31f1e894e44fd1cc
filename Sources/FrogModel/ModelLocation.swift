import Foundation
import FrogCore

/// Which model `detect`, `survey run` and `evaluate` use when none is given: the newest run's
/// (`runs/<time>-<name>/model.safetensors`, or an ensemble folder's `models.txt` — from
/// `train.seeds` or `--folds`, written after its members — newest by the folder name's leading
/// timestamp, then by modification time), else the bundled
/// `models/default.safetensors`.
public enum ModelLocation {
    /// The model to use (a model file or an ensemble folder), or nil with the places searched.
    public static func defaultModel(runsFolder: URL, bundled: URL) -> String? {
        if let newest = newestRunModel(in: runsFolder) { return newest }
        return FileManager.default.fileExists(atPath: bundled.path) ? bundled.path : nil
    }

    /// The newest run's `model.safetensors`, or the newest ensemble folder, if any.
    public static func newestRunModel(in runsFolder: URL) -> String? {
        let fileManager = FileManager.default
        guard let runs = try? fileManager.contentsOfDirectory(atPath: runsFolder.path) else { return nil }
        let candidates = runs.compactMap { name -> (name: String, modified: Date, path: String)? in
            let folder = runsFolder.appendingPathComponent(name)
            let model = folder.appendingPathComponent(ModelSource.runModelFileName).path
            let members = folder.appendingPathComponent(ModelSource.foldModelsFileName).path
            let (marker, path) = fileManager.fileExists(atPath: model) ? (model, model) : (members, folder.path)
            guard let attributes = try? fileManager.attributesOfItem(atPath: marker) else { return nil }
            return (name, (attributes[.modificationDate] as? Date) ?? .distantPast, path)
        }
        // By the `<yyyyMMdd-HHmmss>` prefix, then by when the model was written: an ensemble
        // folder made in the same second as its last member's run still comes after it.
        func stamp(_ name: String) -> Substring { name.prefix(15) }
        return candidates.max { (stamp($0.name), $0.modified, $0.name) < (stamp($1.name), $1.modified, $1.name) }?.path
    }
}

extension ModelLocation {
    /// The default model seen from `folder` (the current folder by default): the newest
    /// `runs/*/model.safetensors` or ensemble folder, else `models/default.safetensors`; an error
    /// names both places.
    /// `detect`, `survey run` and `evaluate` share this rule.
    public static func resolveDefault(
        from folder: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    ) throws -> String {
        let runs = folder.appendingPathComponent("runs")
        let bundled = folder.appendingPathComponent("models/default.safetensors")
        guard let path = defaultModel(runsFolder: runs, bundled: bundled) else {
            throw DetectError.noModel(searched: [runs.path + "/*/" + ModelSource.runModelFileName, bundled.path])
        }
        return path
    }
}

extension ModelLocation {
    /// What a command's `--model` options name: `paths` resolved (files, run folders,
    /// ensemble folders; several make an ensemble), or the default model seen from
    /// `folder` when there are none. `detect`, `survey run` and `evaluate` all use this rule.
    public static func source(
        _ paths: [String], from folder: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    ) throws -> ModelSource {
        try ModelSource.resolve(paths.isEmpty ? [try resolveDefault(from: folder)] : paths)
    }
}
