import FrogData

/// Splits the annotated recordings of a dataset by group (recording, site or a column) into
/// `split.csv` rows, stratified by label.
public enum DatasetSplitter {
    /// What to group by: each recording alone, or an attribute column (`site`, `group_id` …).
    public enum GroupBy: Equatable, Sendable {
        case recording
        case column(String)

        /// `recording`, or any other word as a column name.
        public init(_ text: String) { self = text == "recording" ? .recording : .column(text) }

        var column: String? {
            if case .column(let name) = self { return name }
            return nil
        }
    }

    /// The groups of `set`'s annotated recordings with their label counts, and each
    /// recording's group. A recording without the column falls back to its own name.
    public static func groups(_ set: AnnotationSet, by groupBy: GroupBy) -> (groups: [GroupedSplit.Group], groupOfRecording: [String: String]) {
        var groupOfRecording: [String: String] = [:]
        var counts: [String: [String: Int]] = [:]
        for a in set.annotations {
            let group = groupOfRecording[a.file] ?? AnnotationSet.group(of: a, column: groupBy.column)
            groupOfRecording[a.file] = group
            counts[group, default: [:]][a.label, default: 0] += 1
        }
        let groups = counts.keys.sorted().map { GroupedSplit.Group(name: $0, labelCounts: counts[$0]!) }
        return (groups, groupOfRecording)
    }

    /// train/validation/test rows, one per annotated recording, sorted by recording.
    public static func split(_ set: AnnotationSet, by groupBy: GroupBy, splitter: GroupedSplit) -> SplitFile {
        let (groups, groupOfRecording) = groups(set, by: groupBy)
        let assignment = splitter.assign(groups)
        return SplitFile(rows: groupOfRecording.keys.sorted().map { recording in
            let group = groupOfRecording[recording]!
            return SplitFile.Row(recording: recording, group: group, split: assignment[group]!)
        })
    }

    /// k files' rows: in file i, fold i is validation and the rest train.
    public static func folds(_ set: AnnotationSet, by groupBy: GroupBy, splitter: GroupedSplit, count: Int) -> [SplitFile] {
        let (groups, groupOfRecording) = groups(set, by: groupBy)
        let fold = splitter.folds(groups, count: count)
        return (0..<count).map { i in
            SplitFile(rows: groupOfRecording.keys.sorted().map { recording in
                let group = groupOfRecording[recording]!
                return SplitFile.Row(recording: recording, group: group, split: fold[group] == i ? .validation : .train)
            })
        }
    }

    /// Annotations per label in each part, as a table for the terminal.
    public static func table(_ file: SplitFile, set: AnnotationSet) -> String {
        let splitOf = file.splitByRecording
        var counts: [String: [SplitName: Int]] = [:]
        var groupsIn: [SplitName: Set<String>] = [:]
        for row in file.rows { groupsIn[row.split, default: []].insert(row.group) }
        for a in set.annotations { if let s = splitOf[a.file] { counts[a.label, default: [:]][s, default: 0] += 1 } }
        let parts = SplitName.allCases
        var lines = [["label"] + parts.map(\.rawValue)]
        lines += counts.keys.sorted().map { label in [label] + parts.map { String(counts[label]![$0, default: 0]) } }
        lines.append(["(groups)"] + parts.map { String(groupsIn[$0]?.count ?? 0) })
        let widths = (0..<lines[0].count).map { c in lines.map { $0[c].count }.max() ?? 0 }
        return lines.map { row in
            row.enumerated().map { c, cell in
                c == 0 ? cell.padding(toLength: widths[c], withPad: " ", startingAt: 0)
                    : String(repeating: " ", count: widths[c] - cell.count) + cell
            }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }
}
