import Foundation
import FrogCore

/// Which model file `detect`, `survey run` and `evaluate` use when none is given: the newest
/// run's best model (`runs/<time>-<name>/model.safetensors`, newest by folder name, whose leading
/// timestamp sorts chronologically, then by modification time), else the bundled
/// `models/default.safetensors`.
public enum ModelLocation {
    /// The model to use, or nil with the places searched.
    public static func defaultModel(runsFolder: URL, bundled: URL) -> String? {
        if let newest = newestRunModel(in: runsFolder) { return newest }
        return FileManager.default.fileExists(atPath: bundled.path) ? bundled.path : nil
    }

    /// `runs/*/model.safetensors` of the newest run, if any.
    public static func newestRunModel(in runsFolder: URL) -> String? {
        let fileManager = FileManager.default
        guard let runs = try? fileManager.contentsOfDirectory(atPath: runsFolder.path) else { return nil }
        let candidates = runs.compactMap { name -> (name: String, modified: Date, path: String)? in
            let path = runsFolder.appendingPathComponent(name).appendingPathComponent(ModelSource.runModelFileName).path
            guard let attributes = try? fileManager.attributesOfItem(atPath: path) else { return nil }
            return (name, (attributes[.modificationDate] as? Date) ?? .distantPast, path)
        }
        return candidates.max { ($0.name, $0.modified) < ($1.name, $1.modified) }?.path
    }
}

extension ModelLocation {
    /// The default model seen from `folder` (the current folder by default): the newest
    /// `runs/*/model.safetensors`, else `models/default.safetensors`; an error names both places.
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
    /// cross-validation folders; several make an ensemble), or the default model seen from
    /// `folder` when there are none. `detect`, `survey run` and `evaluate` all use this rule.
    public static func source(
        _ paths: [String], from folder: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    ) throws -> ModelSource {
        try ModelSource.resolve(paths.isEmpty ? [try resolveDefault(from: folder)] : paths)
    }
}
