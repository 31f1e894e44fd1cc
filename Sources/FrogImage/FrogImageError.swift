/// Errors from writing and reading images; each names the file involved.
public enum FrogImageError: Error, CustomStringConvertible, Equatable {
    /// The folder the image should go into does not exist.
    case missingFolder(path: String)
    /// libpng (or the final rename) could not write the file.
    case writeFailed(path: String, reason: String)
    /// The file could not be read or is not a PNG libpng understands.
    case readFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case .missingFolder(let path):
            return "\(path): cannot write image, its folder does not exist (create it first)"
        case .writeFailed(let path, let reason):
            return "\(path): cannot write PNG: \(reason)"
        case .readFailed(let path, let reason):
            return "\(path): cannot read PNG: \(reason)"
        }
    }
}
