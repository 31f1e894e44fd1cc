import Foundation

/// Runs the `frogscan` executable built next to the test bundle.
public enum CLI {
    /// The outcome of one run.
    public struct Result {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// The built executable: in the build products folder that holds the test bundle.
    public static var executable: URL {
        let bundle = Bundle(for: Marker.self).bundleURL
        // Linux reports the products folder itself; macOS the .xctest bundle inside it.
        let candidates = [bundle, bundle.deletingLastPathComponent()]
            .map { $0.appendingPathComponent("frogscan") }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }

    /// Runs `frogscan args…` in `directory`, with `environment` added to the test's own, and
    /// waits for it.
    @discardableResult
    public static func run(_ args: [String], in directory: URL? = nil, environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = args
        if let directory { process.currentDirectoryURL = directory }
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, added in added }
        }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read before waiting so a chatty child never blocks on a full pipe.
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }

    private final class Marker {}
}
