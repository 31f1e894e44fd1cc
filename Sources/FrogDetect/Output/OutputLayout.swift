import Foundation

/// Where a detection run writes each file inside its output folder.
///
/// Per-recording files mirror the recordings' folders below their common ancestor, so
/// AudioMoth cards whose files share names (`20240315_193000.WAV` at every site) do not collide:
/// `out/siteA/20240315_193000.selections.txt`. Completion markers for `--resume` live in
/// `out/.frogscan/` with the same relative paths.
public struct OutputLayout: Sendable {
    /// The output folder.
    public let folder: URL
    private let stems: [String: String]

    /// The layout for `recordings` (paths as discovered) inside `folder`.
    public init(folder: URL, recordings: [String]) {
        self.folder = folder
        let absolute = recordings.map { URL(fileURLWithPath: $0).standardizedFileURL.pathComponents }
        // Common ancestor folder of all recordings (their last component is the file name).
        var common = absolute.first.map { Array($0.dropLast()) } ?? []
        for components in absolute.dropFirst() {
            let folderComponents = components.dropLast()
            var n = 0
            while n < common.count, n < folderComponents.count, common[n] == folderComponents[n] { n += 1 }
            common.removeLast(common.count - n)
        }
        var relative: [String: [String]] = [:]
        for (path, components) in zip(recordings, absolute) {
            relative[path] = Array(components.dropFirst(common.count))
        }
        // Files differing only in extension (a.wav, a.flac) keep their extension in the name.
        var stemCount: [String: Int] = [:]
        for components in relative.values {
            stemCount[Self.stem(components, keepExtension: false), default: 0] += 1
        }
        var stems: [String: String] = [:]
        for (path, components) in relative {
            let plain = Self.stem(components, keepExtension: false)
            stems[path] = stemCount[plain, default: 0] > 1 ? Self.stem(components, keepExtension: true) : plain
        }
        self.stems = stems
    }

    private static func stem(_ components: [String], keepExtension: Bool) -> String {
        var parts = components
        if !keepExtension, let last = parts.last {
            parts[parts.count - 1] = (last as NSString).deletingPathExtension
        }
        return parts.joined(separator: "/")
    }

    /// `out/<relative folder>/NAME` for a recording, to which suffixes are appended.
    public func stem(for recording: String) -> String {
        stems[recording] ?? (URL(fileURLWithPath: recording).deletingPathExtension().lastPathComponent)
    }

    /// The Raven selection table of a recording: `NAME.selections.txt`.
    public func ravenTable(for recording: String) -> URL { file(stem(for: recording) + ".selections.txt") }
    /// The Audacity label file of a recording: `NAME.labels.txt`.
    public func audacityLabels(for recording: String) -> URL { file(stem(for: recording) + ".labels.txt") }
    /// The completion marker of a recording (its outcome as JSON), written last.
    public func marker(for recording: String) -> URL { file(".frogscan/" + stem(for: recording) + ".done.json") }

    public var detectionsCSV: URL { file("detections.csv") }
    public var summaryCSV: URL { file("summary.csv") }
    public var errorsCSV: URL { file("errors.csv") }
    public var warningsCSV: URL { file("warnings.csv") }
    public var combinedRavenTable: URL { file("combined.selections.txt") }
    public var snippetsFolder: URL { file("snippets") }

    private func file(_ relative: String) -> URL { folder.appendingPathComponent(relative) }
}
