import Foundation
import FrogConfig
import FrogDSP
import FrogModel

/// The model a fine-tuning run starts from (`train.init_from` / `train --init-from`): a model
/// file, a run folder (its `model.safetensors`) or one fold run of a `--folds` folder.
///
/// Its preprocessing is part of what its layers learned, so the new run uses the init model's
/// features and input window (`clips.seconds` as frames, `clips.normalization`,
/// `clips.floor_db`): `adopting(_:givenKeys:)` takes them over, and a config that sets one of
/// those keys to another value is an error naming every key that differs.
public struct InitModel {
    /// The model file read (a folder resolved to its model).
    public let path: String
    public let bundle: ModelBundle

    /// Resolves `location` as `--model` does and reads the model; a cross-validation folder
    /// (several models) is an error naming its members.
    public static func load(_ location: String) throws -> InitModel {
        let source: ModelSource
        do {
            source = try ModelSource.resolve(location)
        } catch {
            throw ConfigError.invalidValue(path: "train.init_from", source: "configuration", message: "\(error)")
        }
        guard source.files.count == 1 else {
            throw ConfigError.invalidValue(
                path: "train.init_from", source: "configuration",
                message: "\(location) is a cross-validation folder of \(source.files.count) models; fine-tune from one of them: "
                    + source.files.map { URL(fileURLWithPath: $0).deletingLastPathComponent().path }.joined(separator: ", "))
        }
        return InitModel(path: source.files[0], bundle: try ModelBundle.load(path: source.files[0]))
    }

    /// What the new model's provenance records about this one.
    public var provenance: ModelBundle.InitSource {
        ModelBundle.InitSource(
            modelID: bundle.modelID, path: path, run: bundle.provenance.run, classes: bundle.classes)
    }

    /// `config` with this model's features and input window. `givenKeys` are the dotted keys the
    /// config file and `--set` actually wrote (`ConfigLoader.givenKeys`): a given key must agree
    /// with the model, the rest are taken from it.
    public func adopting(_ config: RunConfig, givenKeys: Set<String>) throws -> RunConfig {
        var result = config
        var differences: [String] = []
        // Features: compare the keys the config set (leaf paths such as features.n_fft).
        let wanted = try Self.flatten(config.features, prefix: "features")
        let model = try Self.flatten(bundle.featureConfig, prefix: "features")
        for key in wanted.keys.sorted() where Self.isGiven(key, in: givenKeys) && wanted[key] != model[key] {
            differences.append("\(key) (\(wanted[key] ?? "-") here, \(model[key] ?? "-") in the init model)")
        }
        result.features = bundle.featureConfig
        // The window: frames at the model's frame rate.
        let layout = bundle.layout
        let modelSeconds = Double(layout.frames) * bundle.featureConfig.secondsPerFrame
        if givenKeys.contains("clips.seconds") {
            let frames = config.clips.frames(secondsPerFrame: bundle.featureConfig.secondsPerFrame)
            if frames != layout.frames {
                differences.append(
                    "clips.seconds (\(config.clips.seconds) s = \(frames) frames here, \(layout.frames) frames = "
                        + String(format: "%.4g", modelSeconds) + " s in the init model)")
            }
        } else {
            result.clips.seconds = modelSeconds
        }
        if givenKeys.contains("clips.normalization"), config.clips.normalization != layout.normalization {
            differences.append(
                "clips.normalization (\(config.clips.normalization.rawValue) here, \(layout.normalization.rawValue) in the init model)")
        }
        result.clips.normalization = layout.normalization
        let modelFloor = Double(layout.floorDB ?? 0)
        if givenKeys.contains("clips.floor_db"), config.clips.floorDB != modelFloor {
            differences.append("clips.floor_db (\(config.clips.floorDB) here, \(modelFloor) in the init model)")
        }
        result.clips.floorDB = modelFloor
        guard differences.isEmpty else {
            throw ConfigError.invalidValue(
                path: "train.init_from", source: "configuration",
                message: "the init model \(path) was trained on other features or windows than the config asks for: "
                    + differences.joined(separator: "; ")
                    + ". Fine-tuning keeps the init model's; drop these keys from the config (or train from scratch)")
        }
        try result.validate()
        return result
    }

    /// A key counts as given when it, or a non-mapping value above it, was written.
    private static func isGiven(_ key: String, in givenKeys: Set<String>) -> Bool {
        var path = key
        while true {
            if givenKeys.contains(path) { return true }
            guard let dot = path.lastIndex(of: ".") else { return false }
            path = String(path[..<dot])
        }
    }

    /// A Codable value as leaf key → JSON text (`features.pcen.alpha` → "0.98").
    static func flatten<T: Encodable>(_ value: T, prefix: String) throws -> [String: String] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let object = try JSONSerialization.jsonObject(with: try encoder.encode(value), options: [.fragmentsAllowed])
        var leaves: [String: String] = [:]
        func walk(_ node: Any, _ path: String) throws {
            if let mapping = node as? [String: Any] {
                for (key, child) in mapping { try walk(child, "\(path).\(key)") }
            } else {
                let data = try JSONSerialization.data(withJSONObject: node, options: [.fragmentsAllowed, .sortedKeys])
                leaves[path] = String(decoding: data, as: UTF8.self)
            }
        }
        try walk(object, prefix)
        return leaves
    }
}

extension ConfigLoader {
    /// `load(path:overrides:)` for training: when the result sets `train.init_from`, the init
    /// model's features and window are adopted (`InitModel.adopting`), judged against the keys
    /// the file and overrides actually write. With `pathIsImplicitDefault` (`train` fell back to
    /// `configs/default.yaml`, which spells out every default) only the overrides count as asked.
    public static func loadForTraining(
        path: String?, overrides: [String] = [], pathIsImplicitDefault: Bool = false
    ) throws -> RunConfig {
        let config = try load(path: path, overrides: overrides)
        guard !config.train.initFrom.isEmpty else { return config }
        let given = try givenKeys(path: pathIsImplicitDefault ? nil : path, overrides: overrides)
        return try InitModel.load(config.train.initFrom).adopting(config, givenKeys: given)
    }
}
