import Foundation
import FrogData

/// Finds the recordings under the folders (and files) given on the command line.
///
/// Folders are walked recursively; a file counts as a recording when its extension is one that
/// libsndfile decodes, compared case-insensitively (`.WAV` from AudioMoth cards counts). The
/// result is sorted by path so every run, at every thread count, sees the same order.
public enum RecordingDiscovery {
    /// Extensions of the containers libsndfile reads (lower case, without the dot).
    public static let audioExtensions: Set<String> = [
        "wav", "wave", "flac", "ogg", "oga", "opus", "mp3", "aif", "aiff", "aifc", "w64", "rf64",
        "caf", "au", "snd", "sd2", "voc", "paf", "iff", "svx", "nist", "sph", "ircam", "sf",
        "mat4", "mat5", "mat", "pvf", "xi", "htk", "wve", "avr",
    ]

    /// True if `path` has a recording's extension.
    public static func isAudioFile(_ path: String) -> Bool {
        audioExtensions.contains((path as NSString).pathExtension.lowercased())
    }

    /// All recordings under `inputs` (folders walked recursively, audio files taken as given),
    /// sorted by path without duplicates. Hidden files and folders (names starting with `.`,
    /// such as macOS `._` resource forks on recorder cards) are skipped.
    public static func recordings(in inputs: [String]) throws -> [String] {
        let fileManager = FileManager.default
        var found = Set<String>()
        for input in inputs {
            var isDirectory: ObjCBool = false
            guard fileManager.fileExists(atPath: input, isDirectory: &isDirectory) else {
                throw DetectError.inputNotFound(path: input)
            }
            if !isDirectory.boolValue {
                found.insert(input)
                continue
            }
            let root = URL(fileURLWithPath: input)
            guard let walker = fileManager.enumerator(
                at: root, includingPropertiesForKeys: [.isRegularFileKey],
                options: [.skipsHiddenFiles])
            else { throw DetectError.inputNotFound(path: input) }
            for case let url as URL in walker {
                guard isAudioFile(url.path), url.isRegularFileFollowingLinks else { continue }
                found.insert(joined(input, relative: relativePath(of: url, under: root)))
            }
        }
        return found.sorted()
    }

    /// `url`'s path relative to `root` (both resolved the same way by the enumerator).
    private static func relativePath(of url: URL, under root: URL) -> String {
        let rootComponents = root.standardizedFileURL.pathComponents
        let components = url.standardizedFileURL.pathComponents
        return components.dropFirst(rootComponents.count).joined(separator: "/")
    }

    /// Keeps the folder as the user spelled it, so outputs name files the way they were asked for.
    private static func joined(_ folder: String, relative: String) -> String {
        folder.hasSuffix("/") ? folder + relative : folder + "/" + relative
    }
}
