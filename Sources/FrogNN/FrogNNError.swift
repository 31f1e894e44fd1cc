/// Errors of the neural-network module: each says what is wrong and, where there is a file,
/// which one.
public enum FrogNNError: Error, CustomStringConvertible, Equatable {
    case missingTensor(name: String)
    case shapeMismatch(name: String, expected: [Int], found: [Int])
    case invalidSpec(String)
    case invalidFile(path: String, reason: String)

    public var description: String {
        switch self {
        case .missingTensor(let name):
            "tensor '\(name)' is missing from the file (was it saved by a different model?)"
        case .shapeMismatch(let name, let expected, let found):
            "tensor '\(name)' has shape \(found), the model expects \(expected)"
        case .invalidSpec(let reason):
            "invalid model spec: \(reason)"
        case .invalidFile(let path, let reason):
            "\(path): \(reason)"
        }
    }
}
