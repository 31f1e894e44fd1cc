import Foundation
import FrogCore
import FrogData

/// Lists of audio named the ways users keep them: single files, folders (walked for audio, as
/// `detect` walks them) and manifests, a `.csv` with a `file` column or a `.txt` with one path
/// per line, relative to the manifest's folder (as `../shared/data/*/manifest.csv` are).
/// Used by `data.negatives`, `data.backgrounds`, `evaluate --background` and `calibrate`.
public enum AudioSources {
    /// Every audio file `paths` name, in the order given (a folder's files sorted), without
    /// repeats. `what` (such as `data.negatives`) names the setting in errors.
    public static func expand(_ paths: [String], what: String) throws -> [String] {
        var result: [String] = []
        var seen = Set<String>()
        func add(_ file: String) { if seen.insert(file).inserted { result.append(file) } }
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw ConfigError.missingData(path: path, hint: "\(what) lists it; give existing audio files, folders or manifests")
            }
            if isDirectory.boolValue {
                let found = try RecordingDiscovery.recordings(in: [path])
                guard !found.isEmpty else {
                    throw ConfigError.invalidValue(path: path, source: what, message: "the folder holds no audio files")
                }
                found.forEach(add)
            } else if isManifest(path) {
                try manifestEntries(path, what: what).forEach(add)
            } else {
                add(path)
            }
        }
        return result
    }

    /// A `.csv` or `.txt` file: a list of recordings rather than a recording.
    public static func isManifest(_ path: String) -> Bool {
        ["csv", "txt"].contains((path as NSString).pathExtension.lowercased())
    }

    /// The files a manifest lists, resolved against its folder; a missing one is an error
    /// naming the manifest's line.
    static func manifestEntries(_ path: String, what: String) throws -> [String] {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ConfigError.invalidValue(path: path, source: what, message: "cannot read the manifest: \(error.localizedDescription)")
        }
        let folder = (path as NSString).deletingLastPathComponent
        var entries: [(line: Int, file: String)] = []
        if path.lowercased().hasSuffix(".csv") {
            let records = try CSVRecords.parse(text, source: path)
            guard let header = records.first, let column = header.fields.firstIndex(of: "file") else {
                throw ConfigError.invalidValue(
                    path: path, source: what, message: "a manifest needs a header with a 'file' column (file,label,… as in the shared data's manifest.csv)")
            }
            for record in records.dropFirst() {
                guard column < record.fields.count, !record.fields[column].isEmpty else {
                    throw ConfigError.invalidValue(path: "\(path):\(record.line)", source: what, message: "no file in this row")
                }
                entries.append((record.line, record.fields[column]))
            }
        } else {
            for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let entry = line.trimmingCharacters(in: .whitespacesAndNewlines)
                if !entry.isEmpty, !entry.hasPrefix("#") { entries.append((index + 1, entry)) }
            }
        }
        guard !entries.isEmpty else {
            throw ConfigError.invalidValue(path: path, source: what, message: "the manifest lists no files")
        }
        return try entries.map { line, entry in
            let resolved = entry.hasPrefix("/") || folder.isEmpty ? entry : (folder as NSString).appendingPathComponent(entry)
            guard FileManager.default.fileExists(atPath: resolved) else {
                throw ConfigError.missingData(path: resolved, hint: "listed in \(path) line \(line) (\(what))")
            }
            return resolved
        }
    }
}
