/// Problems with model files and model inputs; each names the file or the mismatch.
public enum ModelError: Error, CustomStringConvertible, Equatable {
    /// The file is not a frogscan model (no frogscan metadata, or another tool's safetensors).
    case notAModel(path: String, reason: String)
    /// The file is damaged or cut short.
    case corrupt(path: String, reason: String)
    /// Written by a newer frogscan.
    case unsupportedVersion(path: String, version: Int)
    /// A metadata value out of range or inconsistent (`key` is its name in the file, such as
    /// `features.n_fft` or `classes`): the file parses but cannot be used.
    case invalidMetadata(path: String, key: String, message: String)
    /// Windows that do not fit the model.
    case inputMismatch(String)

    public var description: String {
        switch self {
        case .notAModel(let path, let reason): return "\(path) is not a frogscan model: \(reason)"
        case .corrupt(let path, let reason): return "\(path) is damaged or truncated: \(reason)"
        case .unsupportedVersion(let path, let version):
            return "\(path) has model format version \(version); this frogscan reads up to \(ModelBundle.formatVersion) (upgrade frogscan)"
        case .invalidMetadata(let path, let key, let message):
            return "\(path): model metadata '\(key)' \(message); this model file cannot be used: retrain it (frogscan train) or pass another --model"
        case .inputMismatch(let message): return "model input mismatch: \(message)"
        }
    }
}
