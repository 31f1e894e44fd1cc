import Foundation
import FrogData
import Yams

/// Resolves a `RunConfig`: embedded defaults → YAML file → `--set key=value` overrides →
/// `validate()`.
///
/// Overrides use dotted paths and YAML values (`--set model.kernel_sizes=[5,3]`,
/// `--set train.epochs=40`, `--set data.ignore=[Pelobates_cultripes]`). Errors name the key
/// and where it came from: the file's path, or `--set` for an override.
public enum ConfigLoader {
    /// Loads `path` (nil: the embedded defaults) and applies `overrides`.
    public static func load(path: String?, overrides: [String] = []) throws -> RunConfig {
        guard let path else { return try resolve(yaml: "", source: "defaults", overrides: overrides) }
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ConfigError.unreadable(path: path, reason: "no such file, or not UTF-8 text")
        }
        return try resolve(yaml: text, source: path, overrides: overrides)
    }

    /// Resolves a configuration from YAML text; `source` names it in error messages.
    public static func resolve(yaml: String, source: String, overrides: [String] = []) throws -> RunConfig {
        let fileNode = try parse(yaml: yaml, source: source)
        // Decode the file alone first, so its mistakes are reported against the file and not
        // against --set.
        var config = try decode(fileNode, source: source)
        if !overrides.isEmpty {
            var node = fileNode
            for override in overrides {
                let (path, value) = try parseOverride(override)
                node = try setting(value, at: path, in: node)
            }
            config = try decode(node, source: "--set")
        }
        do {
            try config.validate()
        } catch let error as ConfigError {
            // The value may come from the file or from --set; name both when both were given.
            throw error.attributed(to: overrides.isEmpty ? source : "\(source) with --set")
        }
        return config
    }

    /// The dotted leaf keys that `path` (nil: none) and `overrides` actually write
    /// (`train.epochs`, `features.pcen.alpha`; a list is one leaf, a section is not a key of its
    /// own). Fine-tuning uses it to tell a key the config asks for from one left at its default.
    public static func givenKeys(path: String?, overrides: [String] = []) throws -> Set<String> {
        var node = Node([(Node, Node)]())
        if let path {
            let text: String
            do {
                text = try String(contentsOfFile: path, encoding: .utf8)
            } catch {
                throw ConfigError.unreadable(path: path, reason: "no such file, or not UTF-8 text")
            }
            node = try parse(yaml: text, source: path)
        }
        for override in overrides {
            let (keyPath, value) = try parseOverride(override)
            node = try setting(value, at: keyPath, in: node)
        }
        var keys = Set<String>()
        func walk(_ node: Node, _ path: String) {
            // `features:` with nothing after it reads as "the defaults", as decoding does.
            if case .scalar(let scalar) = node, ["", "~", "null"].contains(scalar.string) { return }
            guard let mapping = node.mapping else {
                if !path.isEmpty { keys.insert(path) }
                return
            }
            for (key, value) in mapping {
                let name = key.string ?? "\(key)"
                walk(value, path.isEmpty ? name : "\(path).\(name)")
            }
        }
        walk(node, "")
        return keys
    }

    /// `text` as a YAML scalar for `--set` (single-quoted), so any path survives as a string.
    public static func quoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }

    /// The configuration as YAML, as written to a run folder's `config.yaml`.
    public static func yaml(_ config: RunConfig) throws -> String {
        try YAMLEncoder().encode(config)
    }

    // MARK: - Steps

    private static func parse(yaml: String, source: String) throws -> Node {
        let node: Node
        do {
            node = try Yams.compose(yaml: yaml) ?? Node([(Node, Node)]())
        } catch {
            throw ConfigError.unreadable(path: source, reason: "not valid YAML: \(error)")
        }
        try rejectDuplicateKeys(in: node, source: source)
        if case .scalar(let scalar) = node, scalar.string.isEmpty || scalar.string == "~" {
            return Node([(Node, Node)]())
        }
        return node
    }

    /// Throws for the first key given twice in one mapping, anywhere in `node`. Yams keeps
    /// both and decoding silently uses one of them, so `epochs: 5` further down a file would
    /// quietly lose to (or override) the first.
    static func rejectDuplicateKeys(in node: Node, source: String, path: String = "") throws {
        switch node {
        case .mapping(let mapping):
            var lines: [String: Int] = [:]
            for (key, value) in mapping {
                let name = key.string ?? "\(key)"
                let keyPath = path.isEmpty ? name : "\(path).\(name)"
                let line = key.mark?.line ?? 0
                if let first = lines[name] {
                    throw ConfigError.invalidValue(
                        path: keyPath, source: source,
                        message: "is given twice (lines \(first) and \(line)); keep one of them")
                }
                lines[name] = line
                try rejectDuplicateKeys(in: value, source: source, path: keyPath)
            }
        case .sequence(let sequence):
            for (index, item) in sequence.enumerated() {
                try rejectDuplicateKeys(in: item, source: source, path: "\(path)[\(index)]")
            }
        default:
            break
        }
    }

    /// Splits `key=value` into a dotted path and a YAML value.
    static func parseOverride(_ text: String) throws -> ([String], Node) {
        guard let equals = text.firstIndex(of: "=") else { throw ConfigError.malformedOverride(text) }
        let key = text[..<equals].trimmingCharacters(in: .whitespaces)
        let path = key.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard !key.isEmpty, !path.contains(where: \.isEmpty) else {
            throw ConfigError.malformedOverride(text)
        }
        let valueText = String(text[text.index(after: equals)...])
        // An empty value would read as YAML null, which every key takes as "the default":
        // `--set train.epochs=` would silently train the default number of epochs.
        guard !valueText.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ConfigError.invalidValue(
                path: key, source: "--set",
                message: "has no value after '='; give one (--set \(key)=VALUE), or --set \(key)='\"\"' for an empty string")
        }
        let value: Node
        do {
            value = try Yams.compose(yaml: valueText) ?? Node("")
        } catch {
            throw ConfigError.invalidValue(
                path: key, source: "--set", message: "'\(valueText)' is not a YAML value")
        }
        try rejectDuplicateKeys(in: value, source: "--set", path: key)
        return (path, value)
    }

    /// `node` with `value` placed at `path`, creating mappings on the way.
    private static func setting(_ value: Node, at path: [String], in node: Node) throws -> Node {
        guard let first = path.first else { return value }
        var mapping = node
        if mapping.mapping == nil { mapping = Node([(Node, Node)]()) }
        let child = mapping[first] ?? Node([(Node, Node)]())
        mapping[first] = try setting(value, at: Array(path.dropFirst()), in: child)
        return mapping
    }

    private static func decode(_ node: Node, source: String) throws -> RunConfig {
        do {
            let text = try Yams.serialize(node: node)
            return try YAMLDecoder().decode(RunConfig.self, from: text)
        } catch let error as ConfigError {
            throw error.attributed(to: source)
        } catch let error as FrogDataError {
            throw ConfigError(error, source: source)
        } catch let error as DecodingError {
            throw describe(error, source: source)
        }
    }

    /// A `DecodingError` as a message naming the key, the wanted type and the source.
    private static func describe(_ error: DecodingError, source: String) -> ConfigError {
        switch error {
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            return .invalidValue(
                path: codingPathText(context.codingPath), source: source,
                message: "expected \(typeName(type))")
        case .dataCorrupted(let context):
            // Yams wraps errors thrown inside init(from:) (our unknown-key checks) this way.
            if let inner = context.underlyingError as? ConfigError { return inner.attributed(to: source) }
            if let inner = context.underlyingError as? FrogDataError { return ConfigError(inner, source: source) }
            return .invalidValue(
                path: codingPathText(context.codingPath), source: source,
                message: context.debugDescription)
        case .keyNotFound(let key, let context):
            return .invalidValue(
                path: codingPathText(context.codingPath + [key]), source: source, message: "missing")
        @unknown default:
            return .invalidValue(path: "", source: source, message: "\(error)")
        }
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is Int.Type: return "an integer"
        case is Double.Type, is Float.Type: return "a number"
        case is Bool.Type: return "true or false"
        case is String.Type: return "a string"
        default:
            let name = String(describing: type)
            return name.hasPrefix("Array") ? "a list" : name.hasPrefix("Dictionary") ? "a mapping" : name
        }
    }
}
