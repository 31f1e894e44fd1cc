import Foundation

extension AnnotationSet {
    /// Reads label files one by one, matching them to recordings and collecting problems
    /// instead of stopping at the first, so `dataset check` can list them all.
    struct Loader {
        let config: LabelConfig
        /// A single labels FILE must parse; files met while walking a folder may be unrelated.
        let strict: Bool
        var byPath: Set<String>
        /// Recordings by their path with symbolic links resolved, so `link/x.wav` in a
        /// manifest finds `real/x.wav` and the other way round.
        var byResolvedPath: [String: String]
        var byName: [String: [String]]
        var annotations: [Annotation] = []
        var labelFiles: [String] = []
        var problems: [DatasetIssue] = []
        var ignored = 0
        var labelled: Set<String> = []
        /// Where each annotation came from, to merge the same call listed by two label files.
        var seen: [DuplicateKey: (index: Int, labelFile: String)] = [:]

        /// What makes two annotations the same call (or the same whole-recording label).
        struct DuplicateKey: Hashable {
            let file: String
            let start: Double?
            let end: Double?
            let label: String
            let channel: Int?
        }

        init(recordings: [String], config: LabelConfig, strict: Bool) {
            self.config = config
            self.strict = strict
            byPath = Set(recordings)
            byResolvedPath = Dictionary(recordings.map { (AnnotationSet.resolvedPath($0), $0) }) { first, _ in first }
            byName = Dictionary(grouping: recordings) { URL(fileURLWithPath: $0).deletingPathExtension().lastPathComponent }
        }

        /// The recording a name refers to: an exact path, or a unique file-name stem.
        func match(_ name: String) -> String? {
            let standardized = URL(fileURLWithPath: name).standardizedFileURL.path
            if byPath.contains(standardized) { return standardized }
            if let found = byResolvedPath[AnnotationSet.resolvedPath(standardized)] { return found }
            let stem = URL(fileURLWithPath: name).deletingPathExtension().lastPathComponent
            if let candidates = byName[stem], candidates.count == 1 { return candidates[0] }
            if let candidates = byName[URL(fileURLWithPath: name).lastPathComponent], candidates.count == 1 { return candidates[0] }
            return nil
        }

        mutating func read(_ path: String) {
            do {
                let impliedName = AnnotationSet.recordingName(ofLabelFile: path)
                let implied = match(impliedName)
                guard let format = try Self.format(of: path) else {
                    // In a folder, a file that is named like labels (or like a recording) but is
                    // none of the formats is reported; a README or notes file is not.
                    if strict || implied != nil || Self.namedLikeLabels(path) {
                        problems.append(DatasetIssue(
                            location: path, kind: .malformed,
                            message: "not a Raven table, Audacity label file or annotation CSV (damaged, binary, "
                                + "or another format); fix or re-export it, or move it out of the labels folder"))
                    }
                    return
                }
                if Self.isBlank(path) {
                    problems.append(DatasetIssue(
                        location: path, kind: .emptyLabelFile,
                        message: "label file is empty; read as 'no calls in \(impliedName)'; re-export it if that is wrong"))
                }
                let raw: [Annotation]
                switch format {
                case .raven:
                    raw = try RavenTable.read(path: path, recording: implied ?? impliedName, labelColumn: config.labelColumn)
                case .audacity:
                    raw = try AudacityLabels.read(path: path, recording: implied ?? impliedName)
                case .csv(let hasFileColumn):
                    raw = try AnnotationCSV.read(path: path, recording: hasFileColumn ? nil : implied ?? impliedName)
                }
                labelFiles.append(path)
                let perRow: Bool
                if case .csv(true) = format { perRow = true } else { perRow = raw.contains { $0.file != (implied ?? impliedName) } }
                if !perRow && implied == nil {
                    problems.append(DatasetIssue(
                        location: path, kind: .labelFileWithoutRecording,
                        message: "no recording named '\(impliedName)' among the recordings"))
                    return
                }
                if !perRow, let implied { labelled.insert(implied) }
                for var annotation in raw {
                    guard let recording = match(annotation.file) else {
                        problems.append(DatasetIssue(
                            location: annotation.source, kind: .missingRecording,
                            message: "recording '\(annotation.file)' not found among the recordings"))
                        continue
                    }
                    guard let label = config.resolve(annotation.label) else {
                        ignored += 1
                        continue
                    }
                    annotation.file = recording
                    annotation.label = label
                    // A folder may describe the same recordings twice (manifest.csv and
                    // metadata.csv): one label, with the columns of both.
                    let key = DuplicateKey(
                        file: recording, start: annotation.start, end: annotation.end, label: label,
                        channel: annotation.channel)
                    if let first = seen[key], first.labelFile != path {
                        annotations[first.index].attributes.merge(annotation.attributes) { kept, _ in kept }
                        continue
                    }
                    seen[key] = (annotations.count, path)
                    annotations.append(annotation)
                }
            } catch let error as FrogDataError {
                switch error {
                case .malformed(let location, let message):
                    problems.append(DatasetIssue(location: location, kind: .malformed, message: message))
                default:
                    problems.append(DatasetIssue(location: path, kind: .malformed, message: error.description))
                }
            } catch {
                problems.append(DatasetIssue(location: path, kind: .malformed, message: "\(error)"))
            }
        }

        enum Format: Equatable {
            case raven, audacity
            case csv(hasFileColumn: Bool)
        }

        /// `.selections.txt` and `.labels.txt`: what Raven and Audacity exports are called.
        static func namedLikeLabels(_ path: String) -> Bool {
            let name = URL(fileURLWithPath: path).lastPathComponent.lowercased()
            return name.hasSuffix(".selections.txt") || name.hasSuffix(".labels.txt")
        }

        /// True for a file with nothing but white space in it.
        static func isBlank(_ path: String) -> Bool {
            guard let text = try? TextFile.read(path: path) else { return false }
            return text.allSatisfy(\.isWhitespace)
        }

        /// What kind of label file `path` is, or nil when it is none.
        static func format(of path: String) throws -> Format? {
            if AnnotationSet.fileExtension(path) == "csv" {
                guard let header = try AnnotationCSV.header(path: path),
                    header.contains("label") || header.contains("species")
                else { return nil }
                return .csv(hasFileColumn: header.contains("file"))
            }
            let lines = TextFile.lines(try TextFile.read(path: path))
            guard let first = lines.first(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) else {
                return .audacity  // an empty label track: the recording has no calls
            }
            if RavenTable.looksLikeHeader(first) { return .raven }
            if AudacityLabels.looksLikeLabelLine(first) { return .audacity }
            // A label track whose first line is damaged: read it, so the reader names the line.
            if lines.dropFirst().contains(where: AudacityLabels.looksLikeLabelLine) { return .audacity }
            return nil
        }
    }
}
