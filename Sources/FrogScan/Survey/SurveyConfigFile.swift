import Foundation
import Yams

/// Reads the `survey:` section of a YAML config file.
public enum SurveyConfigFile {
    public static func load(path: String) throws -> SurveyConfig {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw SurveyError.invalidSetting("\(path): cannot read: \(error.localizedDescription)")
        }
        do {
            guard let node = try Yams.compose(yaml: text), let section = node.mapping?["survey"] else { return SurveyConfig() }
            return try YAMLDecoder().decode(SurveyConfig.self, from: try Yams.serialize(node: section))
        } catch {
            throw SurveyError.invalidSetting("\(path): \(error)")
        }
    }
}
