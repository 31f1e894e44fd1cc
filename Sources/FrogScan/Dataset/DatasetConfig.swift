import Foundation
import FrogData
import Yams

/// The parts of a config file the `dataset` commands read: `labels:` (aliases, ignore list,
/// classes, label and group columns), `clips:` and `augment:`. Other sections of the file
/// (model, training …) are ignored here, so one YAML serves every command.
public struct DatasetConfig: Codable, Equatable, Sendable {
    public var labels = LabelConfig()
    public var clips = ClipConfig()
    public var augment = AugmentPipeline.standard

    public init() {}

    enum CodingKeys: String, CodingKey { case labels, clips, augment }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        labels = try c.decodeIfPresent(LabelConfig.self, forKey: .labels) ?? labels
        clips = try c.decodeIfPresent(ClipConfig.self, forKey: .clips) ?? clips
        augment = try c.decodeIfPresent(AugmentPipeline.self, forKey: .augment) ?? augment
    }

    /// Reads a YAML (or JSON) config; errors name the file.
    public static func load(path: String) throws -> DatasetConfig {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FrogDataError.io(path: path, message: "cannot read the config")
        }
        do {
            let config = try YAMLDecoder().decode(DatasetConfig.self, from: String(decoding: data, as: UTF8.self))
            try config.clips.validate()
            try config.augment.validate()
            return config
        } catch let error as FrogDataError {
            throw FrogDataError.invalidConfig("\(path): \(error)")
        } catch {
            throw FrogDataError.invalidConfig("\(path): \(error)")
        }
    }
}
