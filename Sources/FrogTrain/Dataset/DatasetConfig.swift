import Foundation
import FrogConfig
import FrogData
import Yams

/// The config file of the `dataset` commands: the same YAML `frogscan train` reads. Its
/// `data:` section says how raw labels become classes (aliases, ignore, classes,
/// label_column, group_column) and `clips:` how clips are cut; every section is checked as
/// `train` checks it, so an unknown key is an error naming the key and the file. The older
/// `labels:` section (the same keys as LabelConfig) is still accepted in place of data's
/// label keys.
public struct DatasetConfig: Equatable, Sendable {
    /// The whole training configuration in the file (defaults for what it leaves out).
    public var run = RunConfig()
    /// How raw labels become class names: `labels:` if the file has one, else from `data:`.
    public var labels = LabelConfig()
    /// The `clips:` section.
    public var clips: ClipConfig { run.clips }

    public init() {}

    /// The label keys of `data:` that a `labels:` section would duplicate.
    static let dataLabelKeys = ["aliases", "ignore", "classes", "label_column", "group_column"]

    /// Reads a YAML (or JSON) config; errors name the key and the file.
    public static func load(path: String) throws -> DatasetConfig {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError.unreadable(path: path, reason: "no such file, or not readable")
        }
        let node: Node
        do {
            node = try Yams.compose(yaml: String(decoding: data, as: UTF8.self)) ?? Node([(Node, Node)]())
        } catch {
            throw ConfigError.unreadable(path: path, reason: "not valid YAML: \(error)")
        }
        var config = DatasetConfig()
        var rest = node
        if let mapping = node.mapping, let labels = mapping["labels"] {
            if let dataSection = mapping["data"]?.mapping,
                let clash = dataLabelKeys.first(where: { dataSection[$0] != nil }) {
                throw ConfigError.invalidValue(
                    path: "labels", source: path,
                    message: "the file also sets data.\(clash); keep the label keys in one place (data:, shared with train)")
            }
            config.labels = try decodeLabels(labels, path: path)
            rest = Node(mapping.filter { $0.key.string != "labels" }.map { ($0.key, $0.value) })
        }
        let text = rest.mapping == nil ? "" : try Yams.serialize(node: rest)
        config.run = try ConfigLoader.resolve(yaml: text, source: path)
        if node.mapping?["labels"] == nil { config.labels = config.run.data.labelConfig(classes: nil) }
        return config
    }

    /// Decodes `labels:` with its key in error paths (`labels.alias`).
    private static func decodeLabels(_ node: Node, path: String) throws -> LabelConfig {
        struct Wrapper: Decodable { var labels: LabelConfig }
        do {
            let text = try Yams.serialize(node: Node([(Node("labels"), node)]))
            return try YAMLDecoder().decode(Wrapper.self, from: text).labels
        } catch let error as FrogDataError {
            throw ConfigError(error, source: path)
        } catch DecodingError.dataCorrupted(let context) where context.underlyingError is FrogDataError {
            throw ConfigError(context.underlyingError as! FrogDataError, source: path)
        } catch {
            throw ConfigError.invalidValue(path: "labels", source: path, message: "\(error)")
        }
    }
}
