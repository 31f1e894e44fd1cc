import Foundation

/// The annotations of a dataset matched to its recordings, with the problems met while loading.
///
/// Labels are a FILE or a DIR of Raven tables, Audacity label files and CSVs. Files are matched
/// to recordings by name (`REC.Table.1.selections.txt`, `REC.selections.txt`, `REC.labels.txt`,
/// `REC.txt`, `REC.csv` all belong to `REC.wav`/`REC.flac`/…), or row by row through a CSV
/// `file` column or a Raven `Begin File` column. Labels go through `LabelConfig.resolve`.
/// In a DIR, `.txt` files that are neither Raven tables nor Audacity labels (a README) and CSVs
/// without a label column are skipped; a labels FILE must parse.
public struct AnnotationSet: Sendable {
    /// Every audio file under the recordings folder, sorted.
    public var recordings: [String]
    /// Annotations whose recording was found; `file` is that recording's path.
    public var annotations: [Annotation]
    /// The label files read.
    public var labelFiles: [String]
    /// Unreadable label files, label files without recordings, rows naming missing recordings.
    public var problems: [DatasetIssue]
    /// Annotations dropped by the ignore list.
    public var ignoredCount: Int
    /// Recordings a label file was matched to, even one with no rows (an empty Audacity track
    /// says "no calls here", which is a label).
    public var labelledRecordings: Set<String> = []

    public init(
        recordings: [String], annotations: [Annotation], labelFiles: [String] = [],
        problems: [DatasetIssue] = [], ignoredCount: Int = 0, labelledRecordings: Set<String> = []
    ) {
        self.labelledRecordings = labelledRecordings
        self.recordings = recordings
        self.annotations = annotations
        self.labelFiles = labelFiles
        self.problems = problems
        self.ignoredCount = ignoredCount
    }

    /// Extensions taken as recordings (what libsndfile decodes).
    public static let audioExtensions: Set<String> = ["wav", "flac", "ogg", "oga", "mp3", "aif", "aiff", "w64", "caf", "au", "opus"]

    /// Annotations grouped by recording path.
    public var annotationsByRecording: [String: [Annotation]] {
        Dictionary(grouping: annotations, by: \.file)
    }

    /// The distinct labels, sorted.
    public var labels: [String] { Array(Set(annotations.map(\.label))).sorted() }

    /// The group of an annotation: its `column` attribute if set and present (the column name
    /// compared ignoring case: Raven's `Site` is CSV's `site`), else its recording's file name
    /// without extension.
    public static func group(of annotation: Annotation, column: String?) -> String {
        if let column {
            let value = annotation.attributes[column]
                ?? annotation.attributes.first { $0.key.lowercased() == column.lowercased() }?.value
            if let value, !value.isEmpty { return value }
        }
        return URL(fileURLWithPath: annotation.file).deletingPathExtension().lastPathComponent
    }

    /// Loads labels from `labels` (file or folder) for the recordings under `recordings`
    /// (a folder, searched recursively, or one audio file).
    public static func load(recordings: String, labels: String, config: LabelConfig = LabelConfig()) throws -> AnnotationSet {
        let audio = try audioFiles(under: recordings)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: labels, isDirectory: &isDirectory) else {
            throw FrogDataError.io(path: labels, message: "labels not found")
        }
        let files = isDirectory.boolValue ? try listFiles(under: labels).filter { ["txt", "csv"].contains(fileExtension($0)) } : [labels]
        var loader = Loader(recordings: audio, config: config, strict: !isDirectory.boolValue)
        for file in files { loader.read(file) }
        return AnnotationSet(
            recordings: audio, annotations: loader.annotations, labelFiles: loader.labelFiles,
            problems: loader.problems, ignoredCount: loader.ignored, labelledRecordings: loader.labelled)
    }

    /// Audio files under `path` (recursively), or `path` itself when it is a file.
    public static func audioFiles(under path: String) throws -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw FrogDataError.io(path: path, message: "recordings not found")
        }
        if !isDirectory.boolValue { return [URL(fileURLWithPath: path).standardizedFileURL.path] }
        return try listFiles(under: path).filter { audioExtensions.contains(fileExtension($0)) }
    }

    static func fileExtension(_ path: String) -> String {
        URL(fileURLWithPath: path).pathExtension.lowercased()
    }

    /// Files under `folder`, named below the folder as the caller spelled it: a folder
    /// reached through a symbolic link is walked where the link points, and its files keep the
    /// link's path (so they match what label files and manifests next to them name).
    static func listFiles(under folder: String) throws -> [String] {
        let root = URL(fileURLWithPath: folder).standardizedFileURL
        let walked = root.resolvingSymlinksInPath()
        guard let enumerator = FileManager.default.enumerator(
            at: walked, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
        else { throw FrogDataError.io(path: folder, message: "cannot list the folder") }
        let prefix = walked.standardizedFileURL.pathComponents.count
        var paths: [String] = []
        for case let url as URL in enumerator where url.isRegularFileFollowingLinks {
            let relative = url.standardizedFileURL.pathComponents.dropFirst(prefix)
            paths.append(relative.reduce(root) { $0.appendingPathComponent($1) }.path)
        }
        return paths.sorted()
    }

    /// `path` with every symbolic link resolved (itself when it does not exist).
    static func resolvedPath(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }

    /// The recording name a label file's name implies: `REC.Table.1.selections.txt` → `REC`.
    public static func recordingName(ofLabelFile path: String) -> String {
        var name = URL(fileURLWithPath: path).lastPathComponent
        for suffix in [".selections.txt", ".labels.txt", ".txt", ".csv"] where name.lowercased().hasSuffix(suffix) {
            name = String(name.dropLast(suffix.count))
            break
        }
        // Raven numbers tables: REC.Table.1 → REC.
        if let range = name.range(of: #"\.Table\.[0-9]+$"#, options: .regularExpression) {
            name = String(name[..<range.lowerBound])
        }
        // Some tools keep the audio extension: REC.wav.selections.txt.
        let url = URL(fileURLWithPath: name)
        if audioExtensions.contains(url.pathExtension.lowercased()) { name = url.deletingPathExtension().lastPathComponent }
        return name
    }
}
