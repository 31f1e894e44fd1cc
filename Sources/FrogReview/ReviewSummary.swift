import Foundation
import FrogCore
import FrogImage

/// `frogscan review summary`: precision per species × confidence bin from filled-in review
/// tables, with Wilson score 95 % intervals — the estimate a user needs to choose a threshold.
///
/// An item counts as correct when its verdict is `yes` (or names its own species), as wrong
/// when `no` or another class; `unsure` and empty verdicts count nowhere (reported apart).
public struct ReviewSummary: Equatable, Sendable {
    /// One species × bin.
    public struct Cell: Equatable, Sendable {
        public var species: String
        public var bin: String
        public var correct = 0
        /// Verdict `no`.
        public var wrong = 0
        /// Verdict naming another class.
        public var otherSpecies = 0
        public var unsure = 0
        public var notReviewed = 0

        /// Items with a yes/no/other-species verdict.
        public var reviewed: Int { correct + wrong + otherSpecies }
        /// correct / reviewed; NaN when nothing was reviewed.
        public var precision: Double { reviewed > 0 ? Double(correct) / Double(reviewed) : .nan }
        /// Wilson score 95 % interval of the precision; NaN bounds when nothing was reviewed.
        public var interval: ClosedRange<Double>? { ReviewSummary.wilson(successes: correct, trials: reviewed) }
    }

    public var cells: [Cell]

    /// Tallies `rows` by species and the table's `Bin` value (bins sorted as text, which for
    /// `0.50-0.70` style names is numeric order).
    public init(rows: [ReviewTable.Row]) {
        var byKey: [String: Cell] = [:]
        for row in rows {
            let key = "\(row.species)\t\(row.bin)"
            var cell = byKey[key] ?? Cell(species: row.species, bin: row.bin)
            switch row.verdict {
            case .yes: cell.correct += 1
            case .no: cell.wrong += 1
            case .species: cell.otherSpecies += 1
            case .unsure: cell.unsure += 1
            case .notReviewed: cell.notReviewed += 1
            }
            byKey[key] = cell
        }
        cells = byKey.keys.sorted().map { byKey[$0]! }
    }

    /// z of a two-sided 95 % interval.
    static let z = 1.959963984540054

    /// Wilson score interval for `successes` out of `trials` (nil for no trials):
    /// (p̂ + z²/2n ± z·√(p̂(1−p̂)/n + z²/4n²)) / (1 + z²/n). Unlike p̂ ± z·se it stays inside [0, 1]
    /// and is not empty at p̂ = 0 or 1, which small review samples often give.
    public static func wilson(successes: Int, trials: Int) -> ClosedRange<Double>? {
        guard trials > 0 else { return nil }
        let n = Double(trials)
        let p = Double(successes) / n
        let z2 = z * z
        let centre = (p + z2 / (2 * n)) / (1 + z2 / n)
        let half = z * ((p * (1 - p) / n + z2 / (4 * n * n)).squareRoot()) / (1 + z2 / n)
        return max(0, centre - half)...min(1, centre + half)
    }

    public static let csvColumns = [
        "species", "bin", "reviewed", "correct", "wrong", "other_species", "unsure", "not_reviewed", "precision",
        "ci_low", "ci_high",
    ]

    /// `precision.csv`: one row per species × bin; precision and bounds are NA without reviews.
    public var csv: String {
        var table = CSVTable(columns: Self.csvColumns)
        for c in cells {
            table.append([
                c.species, c.bin, String(c.reviewed), String(c.correct), String(c.wrong), String(c.otherSpecies),
                String(c.unsure), String(c.notReviewed), CSVTable.format(c.precision),
                CSVTable.format(c.interval?.lowerBound ?? .nan), CSVTable.format(c.interval?.upperBound ?? .nan),
            ])
        }
        return table.text
    }

    /// The console table: species, bin, n, precision [low, high].
    public var consoleTable: String {
        let speciesWidth = max(7, cells.map(\.species.count).max() ?? 0)
        let binWidth = max(3, cells.map(\.bin.count).max() ?? 0)
        func pad(_ text: String, _ width: Int) -> String { text + String(repeating: " ", count: max(0, width - text.count)) }
        func padLeft(_ text: String, _ width: Int) -> String { String(repeating: " ", count: max(0, width - text.count)) + text }
        var lines = [pad("species", speciesWidth) + "  " + pad("bin", binWidth) + "  reviewed  precision  95% CI         unsure  empty"]
        for c in cells {
            let precision = c.reviewed > 0 ? String(format: "%.2f", c.precision) : "-"
            let interval = c.interval.map { String(format: "[%.2f, %.2f]", $0.lowerBound, $0.upperBound) } ?? "-"
            lines.append(
                pad(c.species, speciesWidth) + "  " + pad(c.bin, binWidth) + "  " + padLeft(String(c.reviewed), 8)
                    + "  " + padLeft(precision, 9) + "  " + pad(interval, 13) + "  "
                    + padLeft(String(c.unsure), 6) + "  " + padLeft(String(c.notReviewed), 5))
        }
        return lines.joined(separator: "\n")
    }

    /// Precision against bin (the bin's middle, from its `low-high` name) per species, with the
    /// Wilson intervals as whiskers.
    public func chart() -> Raster {
        let species = Array(Set(cells.map(\.species))).sorted()
        var series: [LineChart.Series] = []
        for (index, name) in species.enumerated() {
            // A small sideways shift per species keeps overlapping whiskers apart.
            let shift = (Double(index) - Double(species.count - 1) / 2) * 0.006
            let mine = cells.filter { $0.species == name && $0.reviewed > 0 }
                .compactMap { cell in Self.binMiddle(cell.bin).map { ($0 + shift, cell) } }
                .sorted { $0.0 < $1.0 }
            var line = LineChart.Series(name: name, x: mine.map { $0.0 }, y: mine.map { $0.1.precision })
            line.intervals = mine.map { $0.1.interval }
            series.append(line)
        }
        let middles = cells.compactMap { Self.binMiddle($0.bin) }
        let low = max(0, (middles.min() ?? 0) - 0.1)
        let high = min(1.05, (middles.max() ?? 1) + 0.1)
        return LineChart(
            title: "Precision by confidence (Wilson 95% CI)", xLabel: "confidence bin (middle)", yLabel: "precision",
            series: series, width: 720, height: 440, xRange: low...high, yRange: 0...1, showsMarkers: true
        ).render()
    }

    /// `0.80` for `0.70-0.90`.
    static func binMiddle(_ bin: String) -> Double? {
        let parts = bin.split(separator: "-").compactMap { Double($0) }
        return parts.count == 2 ? (parts[0] + parts[1]) / 2 : nil
    }

    /// Writes `precision.csv` and `precision.png` into `folder`; returns them.
    public func write(to folder: URL) throws -> [URL] {
        let csvURL = folder.appendingPathComponent("precision.csv")
        try AtomicFile.write(csv, to: csvURL)
        let png = folder.appendingPathComponent("precision.png")
        try PNGEncoder.write(chart(), to: png.path)
        return [csvURL, png]
    }
}
