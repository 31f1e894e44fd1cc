import Foundation

/// Locates the real recordings in `../shared/data/` (beside the repository) for tests that use
/// them; such tests call `XCTSkip` with a message when it is absent.
public enum SharedData {
    /// The repository root (the folder holding Package.swift), found from this source file.
    public static var repositoryRoot: URL {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url
    }

    /// `../shared/data` beside the repository, or `FROGSCAN_SHARED_DATA` if set; nil if absent.
    public static var root: URL? {
        if let env = ProcessInfo.processInfo.environment["FROGSCAN_SHARED_DATA"] {
            return URL(fileURLWithPath: env)
        }
        let url = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/data")
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }

    /// A scratch directory unique to this call, removed by the caller when done.
    public static func temporaryDirectory(_ prefix: String = "frogscan-test") -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
