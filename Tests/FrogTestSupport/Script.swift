import Foundation

/// Runs outside programs (scripts, make, python3) from tests, with stdout and stderr together.
public enum Script {
    /// `executable arguments…` to the end; its exit status and combined output.
    public static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let log = Pipe()
        process.standardOutput = log
        process.standardError = log
        try process.run()
        // Read before waiting so a chatty child never blocks on a full pipe.
        let output = String(decoding: log.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }

    /// The first `name` on PATH, or nil.
    public static func find(onPath name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
