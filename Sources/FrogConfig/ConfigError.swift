import FrogData

/// Why a run configuration could not be loaded or is not usable; every case names the key and
/// where it came from (a file path or `--set`), so the user knows what to fix. Data and run
/// folders that exist but cannot be used are `DataError`s.
public enum ConfigError: Error, CustomStringConvertible, Equatable {
    /// A key that no section knows (often a typo); lists the keys that are allowed there.
    case unknownKey(path: String, source: String, known: [String])
    /// A value of the wrong type or out of range.
    case invalidValue(path: String, source: String, message: String)
    /// A `--set` argument that is not `key=value`.
    case malformedOverride(String)
    /// The file could not be read or is not YAML.
    case unreadable(path: String, reason: String)
    /// The data the configuration points to is missing.
    case missingData(path: String, hint: String)
    /// The data exists but does not fit the configuration (`key`), such as a class in
    /// `data.classes` that no label in `path` has.
    case dataMismatch(path: String, key: String, message: String)
    /// Training could not fit in memory; `keys` are the settings that drive the largest part.
    case workingSetTooLarge(source: String, message: String, keys: [String])

    public var description: String {
        switch self {
        case .unknownKey(let path, let source, let known):
            let allowed = known.isEmpty ? "" : "; allowed here: \(known.joined(separator: ", "))"
            return "unknown configuration key '\(path)' in \(source)\(allowed)"
        case .invalidValue(let path, let source, let message):
            return "invalid value for '\(path)' in \(source): \(message)"
        case .malformedOverride(let text):
            return "--set expects key=value (for example --set train.epochs=40), got '\(text)'"
        case .unreadable(let path, let reason):
            return "cannot read configuration \(path): \(reason)"
        case .missingData(let path, let hint):
            return "\(path) does not exist: \(hint)"
        case .dataMismatch(let path, let key, let message):
            return "\(path) does not fit '\(key)': \(message)"
        case .workingSetTooLarge(let source, let message, let keys):
            return "the configuration in \(source) is too large for this machine: \(message); lower \(keys.joined(separator: ", ")) (a smaller batch or window, fewer filters)"
        }
    }

    /// The same error, attributed to `source` (decoding does not know which file it reads).
    package func attributed(to source: String) -> ConfigError {
        switch self {
        case .unknownKey(let path, _, let known):
            return .unknownKey(path: path, source: source, known: known)
        case .invalidValue(let path, _, let message):
            return .invalidValue(path: path, source: source, message: message)
        case .workingSetTooLarge(_, let message, let keys):
            return .workingSetTooLarge(source: source, message: message, keys: keys)
        default:
            return self
        }
    }
}

extension ConfigError {
    /// A FrogData section's decoding error (such as `clips:`), attributed to `source`.
    package init(_ error: FrogDataError, source: String) {
        switch error {
        case .unknownKey(let path, let known): self = .unknownKey(path: path, source: source, known: known)
        case .invalidValue(let path, let message): self = .invalidValue(path: path, source: source, message: message)
        default: self = .invalidValue(path: "", source: source, message: "\(error)")
        }
    }
}
