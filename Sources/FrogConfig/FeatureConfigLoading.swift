import Foundation
import FrogDSP
import Yams

/// A configuration file that could not be used, with the file and the offending key.
public struct FeatureConfigFileError: Error, CustomStringConvertible, Equatable {
    public var path: String
    public var message: String

    public var description: String { "\(path): \(message)" }
}

extension FeatureConfig {
    /// Reads the `features:` section of a YAML file (snake_case keys as in
    /// `configs/reference.yaml`; missing keys take the defaults, unknown keys are errors so a
    /// typo never silently falls back to a default). A file without a `features:` section gives
    /// the defaults.
    public static func load(yamlAt url: URL) throws -> FeatureConfig {
        let path = url.path
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw FeatureConfigFileError(path: path, message: "cannot read the file (\(error.localizedDescription))")
        }
        return try decode(yaml: text, path: path)
    }

    /// Parses YAML text as `load(yamlAt:)` does; `path` names the source in errors.
    public static func decode(yaml text: String, path: String) throws -> FeatureConfig {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            throw FeatureConfigFileError(path: path, message: "not valid YAML: \(error)")
        }
        if let root {
            do {
                try ConfigLoader.rejectDuplicateKeys(in: root, source: path)
            } catch ConfigError.invalidValue(let key, _, let message) {
                throw FeatureConfigFileError(path: path, message: "'\(key)' \(message)")
            }
        }
        guard let section = root?.mapping?["features"] else { return FeatureConfig() }
        guard let mapping = section.mapping else {
            throw FeatureConfigFileError(path: path, message: "'features' must be a mapping of keys to values")
        }
        try checkKeys(mapping, allowed: FeatureConfig.keyNames, prefix: "features.", path: path)
        if let pcen = mapping["pcen"] {
            guard let pcenMapping = pcen.mapping else {
                throw FeatureConfigFileError(path: path, message: "'features.pcen' must be a mapping")
            }
            try checkKeys(pcenMapping, allowed: FeatureConfig.PCEN.keyNames, prefix: "features.pcen.", path: path)
        }
        let config: FeatureConfig
        do {
            config = try YAMLDecoder().decode(FeaturesSection.self, from: text).features ?? FeatureConfig()
        } catch let error as DecodingError {
            throw FeatureConfigFileError(path: path, message: describe(error))
        } catch {
            throw FeatureConfigFileError(path: path, message: "\(error)")
        }
        if let problem = config.problems().first {
            throw FeatureConfigFileError(path: path, message: "features.\(problem)")
        }
        return config
    }

    private static func checkKeys(_ mapping: Node.Mapping, allowed: [String], prefix: String, path: String) throws {
        for key in mapping.keys {
            let name = key.string ?? "\(key)"
            if !allowed.contains(name) {
                throw FeatureConfigFileError(
                    path: path,
                    message: "unknown key '\(prefix)\(name)' (known: \(allowed.sorted().joined(separator: ", ")))")
            }
        }
    }

    /// "features.n_fft: expected Int …" from a decoding error's coding path.
    private static func describe(_ error: DecodingError) -> String {
        func key(_ path: [CodingKey]) -> String {
            path.map(\.stringValue).joined(separator: ".")
        }
        switch error {
        case .typeMismatch(let type, let context):
            return "bad value for '\(key(context.codingPath))': expected \(type)"
        case .valueNotFound(let type, let context):
            return "missing value for '\(key(context.codingPath))': expected \(type)"
        case .dataCorrupted(let context):
            return "bad value for '\(key(context.codingPath))': \(context.debugDescription)"
        case .keyNotFound(let codingKey, let context):
            return "missing key '\(key(context.codingPath + [codingKey]))'"
        @unknown default:
            return "\(error)"
        }
    }
}

/// The part of a config file this loader reads; other sections are ignored.
private struct FeaturesSection: Decodable {
    var features: FeatureConfig?
}
