import Foundation
import FrogConfig
import FrogModel

/// A training run's folder, `runs/<yyyyMMdd-HHmmss>-<name>/`, and the files in it.
public struct RunFolder: Sendable, Equatable {
    /// The folder's path.
    public let path: String

    /// An existing run folder (for `--resume`, `runs list`, `runs compare`).
    public init(existing path: String) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw DataError.notARunFolder(path)
        }
        self.path = path
    }

    /// Creates `root/<yyyyMMdd-HHmmss>-<name>` (UTC), adding `-2`, `-3` … if that exists.
    public static func create(in root: String, name: String, date: Date = Date()) throws -> RunFolder {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        let base = (root as NSString).appendingPathComponent("\(formatter.string(from: date))-\(name)")
        var candidate = base
        var suffix = 2
        while FileManager.default.fileExists(atPath: candidate) {
            candidate = "\(base)-\(suffix)"
            suffix += 1
        }
        try FileManager.default.createDirectory(atPath: candidate, withIntermediateDirectories: true)
        return try RunFolder(existing: candidate)
    }

    /// The folder's last component (`20261123-171500-cnn`).
    public var name: String { (path as NSString).lastPathComponent }

    public func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

    public var configPath: String { file("config.yaml") }
    public var splitPath: String { file("split.csv") }
    public var metricsPath: String { file("metrics.csv") }
    public var modelPath: String { file(Self.modelFileName) }
    /// The best model's file name in a run folder.
    public static let modelFileName = ModelSource.runModelFileName
    public var checkpointPath: String { file("checkpoint.safetensors") }
    public var curvesPath: String { file("curves.png") }
    public var thresholdsPath: String { file("thresholds.csv") }
    /// The summary `runs list` reads (`run.json`).
    public var summaryPath: String { file("run.json") }
    /// Evaluation outputs of a split (`validation/`, `test/`).
    public func splitDirectory(_ split: String) -> String { file(split) }

    /// Run folders directly under `root`, oldest first (names start with their time).
    public static func all(in root: String) -> [RunFolder] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        return names.sorted().compactMap { name in
            let folder = try? RunFolder(existing: (root as NSString).appendingPathComponent(name))
            return folder.flatMap { FileManager.default.fileExists(atPath: $0.configPath) ? $0 : nil }
        }
    }

    /// Reads the epochs logged so far in `metrics.csv`.
    public func epochRecords() -> [EpochRecord] {
        guard let text = try? String(contentsOfFile: metricsPath, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").dropFirst().compactMap { EpochRecord(csvRow: String($0)) }
    }
}
