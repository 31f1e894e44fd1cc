import Foundation
import FrogConfig
import FrogData
import Yams

/// Reads the `survey:` section of a YAML config file.
public enum SurveyConfigFile {
    /// The `survey:` section of the file at `path`; a file without one gives the defaults.
    /// Unknown keys are errors naming the key (`survey.site_dept`) and the file.
    public static func load(path: String) throws -> SurveyConfig {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw SurveyError.invalidSetting("\(path): cannot read: \(error.localizedDescription)")
        }
        return try decode(yaml: text, path: path)
    }

    /// Parses YAML text as `load(path:)` does; `path` names the source in errors.
    public static func decode(yaml text: String, path: String) throws -> SurveyConfig {
        do {
            guard let node = try Yams.compose(yaml: text), node.mapping?["survey"] != nil else { return SurveyConfig() }
            // Decoding the whole file through a one-key wrapper keeps `survey.` in the coding
            // path, so errors name the key as it is written in the file.
            return try YAMLDecoder().decode(SurveySection.self, from: text).survey ?? SurveyConfig()
        } catch let error as ConfigError {
            throw SurveyError.invalidSetting("\(error.attributed(to: path))")
        } catch DecodingError.dataCorrupted(let context) where context.underlyingError is ConfigError {
            // Yams wraps errors thrown inside init(from:) (the unknown-key check) this way.
            throw SurveyError.invalidSetting("\((context.underlyingError as! ConfigError).attributed(to: path))")
        } catch DecodingError.typeMismatch(let type, let context) {
            throw SurveyError.invalidSetting(
                "\(ConfigError.invalidValue(path: codingPathText(context.codingPath), source: path, message: "expected \(type)"))")
        } catch {
            throw SurveyError.invalidSetting("\(path): \(error)")
        }
    }

    /// The file's top level: other sections (`features:`, `train:` …) belong to other commands.
    private struct SurveySection: Decodable {
        var survey: SurveyConfig?
    }
}
