import Foundation
import FrogConfig
import FrogData

/// `data.split_file`: every recording's split read from a `recording,group,split` file — a
/// run's `split.csv` or one written by `frogscan dataset split` — so a run can be repeated on
/// exactly the same split.
enum SplitFileAssignment {
    /// Recording → split for `recordings`. A relative path in the file is matched against the
    /// file's own folder (as `dataset split` writes them) and then the working directory (as a
    /// run's `split.csv` holds them). Rows for other recordings are skipped; a recording the
    /// file does not list is an error.
    static func read(path: String, recordings: [String], log: (String) -> Void) throws -> [String: SplitName] {
        guard FileManager.default.fileExists(atPath: path) else {
            throw ConfigError.missingData(
                path: path,
                hint: "data.split_file names a recording,group,split file: a run's split.csv, or one from `frogscan dataset split --out`")
        }
        // Unknown split names are reported by SplitFile with the file and line.
        let file = try SplitFile.read(path: path)
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        let working = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        func absolute(_ recording: String, from base: URL) -> String {
            recording.hasPrefix("/")
                ? URL(fileURLWithPath: recording).standardizedFileURL.path
                : base.appendingPathComponent(recording).standardizedFileURL.path
        }
        var byPath: [String: String] = [:]
        for recording in recordings { byPath[absolute(recording, from: working)] = recording }
        var result: [String: SplitName] = [:]
        var skipped = 0
        for row in file.rows {
            let candidates = [absolute(row.recording, from: folder), absolute(row.recording, from: working)]
            guard let recording = candidates.lazy.compactMap({ byPath[$0] }).first else {
                skipped += 1
                continue
            }
            if let earlier = result[recording], earlier != row.split {
                throw ConfigError.invalidValue(
                    path: "data.split_file", source: path,
                    message: "\(row.recording) is listed as both \(earlier.rawValue) and \(row.split.rawValue); keep one row")
            }
            result[recording] = row.split
        }
        if skipped > 0 { log("split_file: \(skipped) row(s) name recordings outside this dataset (skipped)") }
        let missing = recordings.filter { result[$0] == nil }
        if let first = missing.first {
            throw ConfigError.invalidValue(
                path: "data.split_file", source: path,
                message: "\(missing.count) recording(s) of the dataset are not listed (first: \(first)); add a "
                    + "'recording,group,split' row for each, write a new file with `frogscan dataset split`, "
                    + "or drop data.split_file to split by seed")
        }
        return result
    }
}
