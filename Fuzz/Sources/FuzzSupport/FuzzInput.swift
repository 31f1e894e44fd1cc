import Foundation

/// Hands fuzz inputs to readers that take a path: each input is written to the same file in a
/// folder of this process's own (in /dev/shm when there is one, so no disk is touched).
public enum FuzzInput {
    /// This process's folder, made on first use.
    public static let folder: String = {
        let base = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        let path = "\(base)/frogscan-fuzz-\(getpid())"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(atPath: FuzzInput.folder) }
        return path
    }()

    /// The input as bytes.
    public static func data(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> Data {
        Data(bytes: bytes, count: count)
    }

    /// Writes the input to `name` in `folder` and returns its path.
    public static func file(_ bytes: UnsafePointer<UInt8>, _ count: Int, name: String) -> String {
        let path = "\(folder)/\(name)"
        _ = FileManager.default.createFile(atPath: path, contents: data(bytes, count))
        return path
    }

    /// An empty placeholder recording named `name` (the label loaders match names, never read audio).
    public static func placeholder(name: String) -> String {
        let path = "\(folder)/\(name)"
        if !FileManager.default.fileExists(atPath: path) {
            _ = FileManager.default.createFile(atPath: path, contents: Data())
        }
        return path
    }
}
