/// Errors from reading and writing label files and building datasets; each names the file (and
/// line, when there is one) and says what is wrong.
public enum FrogDataError: Error, CustomStringConvertible, Equatable {
    /// A label file's content is malformed: `location` is `path:line` (or just `path`).
    case malformed(location: String, message: String)
    /// A file could not be read or written.
    case io(path: String, message: String)
    /// A configuration value is unusable.
    case invalidConfig(String)
    /// A configuration key no section knows (often a typo): its dotted path and the keys
    /// allowed there. Callers add the file's name.
    case unknownKey(path: String, known: [String])
    /// A configuration value of the wrong kind: the key's dotted path and what is wrong.
    case invalidValue(path: String, message: String)

    public var description: String {
        switch self {
        case .malformed(let location, let message): return "\(location): \(message)"
        case .io(let path, let message): return "\(path): \(message)"
        case .invalidConfig(let message): return "invalid configuration: \(message)"
        case .invalidValue(let path, let message): return "invalid value for '\(path)': \(message)"
        case .unknownKey(let path, let known):
            return "unknown configuration key '\(path)'; allowed here: \(known.joined(separator: ", "))"
        }
    }
}
