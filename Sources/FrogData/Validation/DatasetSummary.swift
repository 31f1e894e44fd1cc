import Foundation

/// Per-label counts of a dataset: annotations, recordings, seconds and groups (sites), and how
/// uneven the classes are.
public struct DatasetSummary: Equatable, Sendable {
    /// One label's figures.
    public struct Row: Equatable, Sendable {
        public var label: String
        public var annotations: Int
        public var recordings: Int
        /// Annotated time: box lengths, or the recording's length for whole-recording labels
        /// (once per recording and label).
        public var seconds: Double
        public var groups: Int
    }

    /// Rows, most annotations first (ties by label).
    public var rows: [Row]

    /// Largest over smallest annotation count (1 for a single label, 0 for none).
    public var imbalanceRatio: Double {
        guard let most = rows.map(\.annotations).max(), let least = rows.map(\.annotations).min(), least > 0 else { return 0 }
        return Double(most) / Double(least)
    }

    /// Summarises `set`.
    ///
    /// - Parameters:
    ///   - groupColumn: attribute naming the group (site); nil counts recordings as groups.
    ///   - duration: a recording's length, for whole-recording labels; nil counts them as 0 s.
    public init(_ set: AnnotationSet, groupColumn: String?, duration: ((String) throws -> Double)?) {
        var lengths: [String: Double] = [:]
        func length(_ file: String) -> Double {
            if let known = lengths[file] { return known }
            var value = 0.0
            if let duration, let known = try? duration(file) { value = known }
            lengths[file] = value
            return value
        }
        rows = Dictionary(grouping: set.annotations, by: \.label).map { label, annotations in
            var seconds = 0.0
            var weakCounted = Set<String>()
            for a in annotations {
                if let start = a.start, let end = a.end {
                    seconds += max(0, end - start)
                } else if weakCounted.insert(a.file).inserted {
                    seconds += length(a.file)
                }
            }
            return Row(
                label: label, annotations: annotations.count, recordings: Set(annotations.map(\.file)).count,
                seconds: seconds, groups: Set(annotations.map { AnnotationSet.group(of: $0, column: groupColumn) }).count)
        }.sorted { $0.annotations != $1.annotations ? $0.annotations > $1.annotations : $0.label < $1.label }
    }

    /// The CSV `label,annotations,recordings,seconds,groups`.
    public var csv: String {
        CSVRecords.line(["label", "annotations", "recordings", "seconds", "groups"])
            + rows.map { CSVRecords.line([$0.label, String($0.annotations), String($0.recordings), String(format: "%.3f", $0.seconds), String($0.groups)]) }
            .joined()
    }

    /// Writes `csv` atomically.
    public func write(to path: String) throws { try AtomicFile.write(csv, to: path) }

    /// An aligned table for the terminal, with totals and the imbalance ratio.
    public var table: String {
        var lines = [["label", "annotations", "recordings", "seconds", "groups"]]
        lines += rows.map { [$0.label, String($0.annotations), String($0.recordings), String(format: "%.1f", $0.seconds), String($0.groups)] }
        let widths = (0..<5).map { c in lines.map { $0[c].count }.max() ?? 0 }
        var text = lines.map { row in
            row.enumerated().map { c, cell in
                c == 0 ? cell.padding(toLength: widths[c], withPad: " ", startingAt: 0)
                    : String(repeating: " ", count: widths[c] - cell.count) + cell
            }.joined(separator: "  ")
        }.joined(separator: "\n")
        text += "\n\(rows.count) labels, \(rows.map(\.annotations).reduce(0, +)) annotations; imbalance ratio "
            + String(format: "%.1f", imbalanceRatio) + " (largest / smallest class)\n"
        return text
    }
}
