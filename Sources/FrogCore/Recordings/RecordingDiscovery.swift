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

    /// What a walk found: the recordings, and the links it had to skip.
    public struct Result: Sendable {
        /// Sorted by path, without duplicates.
        public var recordings: [String]
        /// Dangling links and link loops met in the folders (kinds `dangling_link`,
        /// `symlink_loop`), when named like a recording or a folder; sorted by path.
        public var skipped: [RecordingWarning]
    }

    /// All recordings under `inputs` (folders walked recursively, audio files taken as given),
    /// sorted by path without duplicates. Hidden files and folders (names starting with `.`,
    /// such as macOS `._` resource forks on recorder cards) are skipped.
    public static func recordings(in inputs: [String]) throws -> [String] {
        try scan(inputs).recordings
    }

    /// As `recordings(in:)`, also listing the links that lead nowhere (a card that is not
    /// mounted, a loop), which a run reports instead of skipping them silently.
    public static func scan(_ inputs: [String]) throws -> Result {
        let fileManager = FileManager.default
        var found = Set<String>()
        var skipped: [RecordingWarning] = []
        for input in inputs {
            var isDirectory: ObjCBool = false
            guard fileManager.fileExists(atPath: input, isDirectory: &isDirectory) else {
                throw DetectError.inputNotFound(path: input)
            }
            if !isDirectory.boolValue {
                found.insert(input)
                continue
            }
            // A folder reached through a link is walked where the link points; its files keep
            // the path the user gave.
            let root = URL(fileURLWithPath: input).resolvingSymlinksInPath()
            guard let walker = fileManager.enumerator(
                at: root, includingPropertiesForKeys: [.isRegularFileKey],
                options: [.skipsHiddenFiles])
            else { throw DetectError.inputNotFound(path: input) }
            for case let url as URL in walker {
                let path = joined(input, relative: relativePath(of: url, under: root))
                if let warning = brokenLink(url, reportedAs: path) {
                    skipped.append(warning)
                    continue
                }
                guard isAudioFile(url.path), url.isRegularFileFollowingLinks else { continue }
                found.insert(path)
            }
        }
        return Result(recordings: found.sorted(), skipped: skipped.sorted { $0.file < $1.file })
    }

    /// A warning for a symbolic link that cannot be followed, when its name is a recording's
    /// or a folder's (no extension); nil for anything else.
    private static func brokenLink(_ url: URL, reportedAs path: String) -> RecordingWarning? {
        guard (try? url.resourceValues(forKeys: [.isSymbolicLinkKey]))?.isSymbolicLink == true else { return nil }
        let name = url.lastPathComponent as NSString
        guard isAudioFile(url.path) || name.pathExtension.isEmpty else { return nil }
        guard let resolved = realpath(url.path, nil) else {
            let loop = errno == ELOOP
            let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: url.path)) ?? "?"
            return loop
                ? RecordingWarning(
                    file: path, kind: "symlink_loop",
                    message: "\(path): symbolic link loop (-> \(target)); skipped; fix or remove the link")
                : RecordingWarning(
                    file: path, kind: "dangling_link",
                    message: "\(path): symbolic link to \(target), which does not exist; skipped; "
                        + "mount or copy what it points to, or remove the link")
        }
        free(resolved)
        return nil
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
