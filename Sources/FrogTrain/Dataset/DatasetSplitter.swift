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

    /// Recordings whose `column` value is one of `values` form the test split (a source's own
    /// split, such as xeno-canto's `suggested_split = eval`); the rest is divided.
    public struct FixedTest: Equatable, Sendable {
        public var column: String
        public var values: [String]

        public init(column: String, values: [String]) {
            self.column = column
            self.values = values
        }

        /// The recordings `set` puts in the fixed test split.
        func recordings(in set: AnnotationSet) -> Set<String> {
            Set(set.annotations.filter { values.contains($0.attributes[column] ?? "") }.map(\.file))
        }
    }

    /// The groups of `set`'s annotated recordings with their label counts, and each
    /// recording's group. A recording without the column falls back to its own name.
    public static func groups(
        _ set: AnnotationSet, by groupBy: GroupBy, excluding excluded: Set<String> = []
    ) -> (groups: [GroupedSplit.Group], groupOfRecording: [String: String]) {
        var groupOfRecording: [String: String] = [:]
        var counts: [String: [String: Int]] = [:]
        for a in set.annotations where !excluded.contains(a.file) {
            let group = groupOfRecording[a.file] ?? AnnotationSet.group(of: a, column: groupBy.column)
            groupOfRecording[a.file] = group
            counts[group, default: [:]][a.label, default: 0] += 1
        }
        let groups = counts.keys.sorted().map { GroupedSplit.Group(name: $0, labelCounts: counts[$0]!) }
        return (groups, groupOfRecording)
    }

    /// train/validation/test rows, one per annotated recording, sorted by recording; with
    /// `fixedTest`, its recordings are test and the rest train/validation. `negatives`
    /// (`data.negatives`: recordings with no labels of their own) are added as train rows,
    /// each its own group, so `train` can reuse the file.
    public static func split(
        _ set: AnnotationSet, by groupBy: GroupBy, splitter: GroupedSplit, fixedTest: FixedTest? = nil,
        negatives: [String] = []
    ) -> SplitFile {
        let test = fixedTest?.recordings(in: set) ?? []
        let (groups, groupOfRecording) = groups(set, by: groupBy, excluding: test)
        let assignment = splitter.assign(groups)
        var rows = groupOfRecording.keys.map { recording in
            SplitFile.Row(recording: recording, group: groupOfRecording[recording]!, split: assignment[groupOfRecording[recording]!]!)
        }
        rows += fixedRows(set, by: groupBy, test: test, negatives: negatives)
        return SplitFile(rows: rows.sorted { $0.recording < $1.recording })
    }

    /// k files' rows: in file i, fold i is validation and the rest train (fixed test and
    /// negatives as in `split`).
    public static func folds(
        _ set: AnnotationSet, by groupBy: GroupBy, splitter: GroupedSplit, count: Int, fixedTest: FixedTest? = nil,
        negatives: [String] = []
    ) -> [SplitFile] {
        let test = fixedTest?.recordings(in: set) ?? []
        let (groups, groupOfRecording) = groups(set, by: groupBy, excluding: test)
        let fold = splitter.folds(groups, count: count)
        let fixed = fixedRows(set, by: groupBy, test: test, negatives: negatives)
        return (0..<count).map { i in
            let rows = groupOfRecording.keys.map { recording in
                let group = groupOfRecording[recording]!
                return SplitFile.Row(recording: recording, group: group, split: fold[group] == i ? .validation : .train)
            } + fixed
            return SplitFile(rows: rows.sorted { $0.recording < $1.recording })
        }
    }

    /// Rows of the fixed test recordings and of the negatives (train, as `train` groups them).
    private static func fixedRows(_ set: AnnotationSet, by groupBy: GroupBy, test: Set<String>, negatives: [String]) -> [SplitFile.Row] {
        var rows: [SplitFile.Row] = []
        var seen = Set<String>()
        for a in set.annotations where test.contains(a.file) && seen.insert(a.file).inserted {
            rows.append(SplitFile.Row(recording: a.file, group: AnnotationSet.group(of: a, column: groupBy.column), split: .test))
        }
        for path in negatives where seen.insert(path).inserted {
            rows.append(SplitFile.Row(recording: path, group: DatasetBuilder.negativeGroup(path), split: .train))
        }
        return rows
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
