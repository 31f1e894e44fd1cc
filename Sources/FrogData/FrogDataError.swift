/// Errors from reading and writing label files and building datasets; each names the file (and
/// line, when there is one) and says what is wrong.
public enum FrogDataError: Error, CustomStringConvertible, Equatable {
    /// A label file's content is malformed: `location` is `path:line` (or just `path`).
    case malformed(location: String, message: String)
    /// A file could not be read or written.
    case io(path: String, message: String)
    /// A configuration value is unusable.
    case invalidConfig(String)

    public var description: String {
        switch self {
        case .malformed(let location, let message): return "\(location): \(message)"
        case .io(let path, let message): return "\(path): \(message)"
        case .invalidConfig(let message): return "invalid configuration: \(message)"
        }
    }
}
