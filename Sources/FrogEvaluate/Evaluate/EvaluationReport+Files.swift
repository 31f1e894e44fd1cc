import Foundation
import FrogCore
import FrogImage

/// Writing the report's files. Every file is written atomically (temporary file + rename), and
/// numbers use fixed formatting so the same evaluation always produces identical bytes.
extension EvaluationReport {
    /// File names written by `write(to:)`.
    public static let fileNames = [
        "per_species_metrics.csv", "confusion_matrix.csv", "confusion_normalized.csv",
        "metrics.json", "confusion.png",
    ]

    /// Writes the report into `directory` (created if missing): `per_species_metrics.csv`,
    /// `confusion_matrix.csv`, `confusion_normalized.csv`, `metrics.json`, `confusion.png`,
    /// and with recording ids also `recording_per_species_metrics.csv` and
    /// `recording_confusion_matrix.csv`.
    public func write(to directory: URL) throws {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw AtomicFileError(path: directory.path, reason: "cannot create folder: \(error.localizedDescription)")
        }
        func save(_ text: String, _ name: String) throws {
            try AtomicFile.write(text, to: directory.appendingPathComponent(name))
        }
        try save(perSpeciesCSV(window, thresholds: thresholds), "per_species_metrics.csv")
        try save(confusionCSV(window.confusion.counts.map { String($0) }), "confusion_matrix.csv")
        try save(confusionCSV(window.confusion.rowNormalized.map { Self.format($0) }), "confusion_normalized.csv")
        try save(metricsJSON(), "metrics.json")
        if let recording {
            try save(perSpeciesCSV(recording, thresholds: thresholds), "recording_per_species_metrics.csv")
            try save(confusionCSV(recording.confusion.counts.map { String($0) }), "recording_confusion_matrix.csv")
        }
        try PNGEncoder.write(confusionImage(), to: directory.appendingPathComponent("confusion.png").path)
        if let presence {
            try presence.write(
                to: directory, thresholds: Dictionary(uniqueKeysWithValues: zip(classes, thresholds)))
        }
    }

    /// `species,support,tp,fp,fn,precision,recall,f1,ap,auroc,threshold`, one row per class,
    /// then `macro`, `micro` and `weighted` rows. Undefined AP/ROC-AUC are left empty.
    public func perSpeciesCSV(_ metrics: ClassificationMetrics, thresholds: [Float]) -> String {
        Self.perSpeciesCSV(
            classes: classes, perClass: metrics.perClass, macro: metrics.macro, micro: metrics.micro,
            weighted: metrics.weighted, thresholds: thresholds, background: metrics.background)
    }

    /// The per-species table for any metrics (single- or multi-label).
    static func perSpeciesCSV(
        classes: [String], perClass: [ClassMetrics], macro: AveragedMetrics, micro: AveragedMetrics,
        weighted: AveragedMetrics, thresholds: [Float], background: Set<Int> = []
    ) -> String {
        var lines = ["species,support,tp,fp,fn,precision,recall,f1,ap,auroc,threshold"]
        for (c, m) in perClass.enumerated() {
            lines.append([
                Self.csvField(classes[c]), String(m.support), String(m.truePositives),
                String(m.falsePositives), String(m.falseNegatives), Self.format(m.precision),
                Self.format(m.recall), Self.format(m.f1), Self.format(m.averagePrecision),
                Self.format(m.rocAUC), Self.format(Double(thresholds[c])),
            ].joined(separator: ","))
        }
        let support = perClass.reduce(0) { $0 + $1.support }
        let tp = perClass.reduce(0) { $0 + $1.truePositives }
        let fp = perClass.reduce(0) { $0 + $1.falsePositives }
        let fn = perClass.reduce(0) { $0 + $1.falseNegatives }
        // Counts only make sense pooled (micro); macro and weighted rows leave them empty.
        let rows: [(name: String, average: AveragedMetrics, counts: [Int]?, ap: Double?, auc: Double?)] = [
            ("macro", macro, nil, perClass.excluding(background).macroAveragePrecision,
             Self.mean(perClass.excluding(background).map(\.rocAUC))),
            ("micro", micro, [tp, fp, fn], nil, nil),
            ("weighted", weighted, nil,
             Self.weightedMean(perClass.map { ($0.averagePrecision, $0.support) }),
             Self.weightedMean(perClass.map { ($0.rocAUC, $0.support) })),
        ]
        for row in rows {
            let counts = row.counts.map { $0.map(String.init) } ?? ["", "", ""]
            lines.append(([row.name, String(support)] + counts + [
                Self.format(row.average.precision), Self.format(row.average.recall),
                Self.format(row.average.f1), Self.format(row.ap), Self.format(row.auc), "",
            ]).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A class × class table with the true label in the first column and predictions across.
    func confusionCSV(_ cells: [String]) -> String {
        var lines = ["true_label," + classes.map(Self.csvField).joined(separator: ",")]
        for (row, name) in classes.enumerated() {
            let values = cells[(row * classes.count)..<((row + 1) * classes.count)]
            lines.append(Self.csvField(name) + "," + values.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `{"window": {accuracy, macro_f1, micro_f1, weighted_f1, macro_ap}, "recording": {…}}`
    /// plus the pooling method; keys in a fixed order, six decimals.
    public func metricsJSON() -> String {
        let headline = headline
        return Self.metricsJSON(
            window: headline.window, recording: headline.recording, pooling: pooling,
            windows: window.predicted.count, recordings: recordingScores?.recordings.count ?? 0,
            extra: presence.map { [("presence", $0.json(minWindows: presenceMinWindows))] } ?? [])
    }

    static func metricsJSON(
        window: HeadlineMetrics, recording: HeadlineMetrics?, pooling: RecordingPooling,
        windows: Int, recordings: Int, extra: [(String, String)] = []
    ) -> String {
        func object(_ h: HeadlineMetrics) -> String {
            let fields = [
                ("accuracy", Self.format(h.accuracy)), ("macro_f1", Self.format(h.macroF1)),
                ("micro_f1", Self.format(h.microF1)), ("weighted_f1", Self.format(h.weightedF1)),
                ("macro_ap", h.macroAP.map { Self.format($0) } ?? "null"),
            ]
            return "{" + fields.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}"
        }
        let lines = [
            ("window", object(window)), ("recording", recording.map(object) ?? "null"),
            ("recording_pooling", "\"\(pooling.rawValue)\""), ("windows", String(windows)),
            ("recordings", String(recordings)),
        ] + extra
        return "{\n" + lines.map { "  \"\($0.0)\": \($0.1)" }.joined(separator: ",\n") + "\n}\n"
    }

    /// The window-level confusion matrix: colour is the row-normalised fraction, the number the
    /// count.
    public func confusionImage() -> Raster {
        let n = classes.count
        return Heatmap(
            values: window.confusion.rowNormalized, rows: n, columns: n, rowLabels: classes,
            columnLabels: classes, cellLabels: window.confusion.counts.map { String($0) },
            title: "Confusion matrix (windows)", xLabel: "predicted", yLabel: "true",
            colormap: .viridis, range: 0...1
        ).render()
    }

    /// Six decimals; empty for nil (undefined AP/ROC-AUC) or non-finite values.
    static func format(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "" }
        return CSVTable.format(value, decimals: 6)
    }

    static func csvField(_ text: String) -> String { CSVTable.escape(text) }

    static func mean(_ values: [Double?]) -> Double? {
        let defined = values.compactMap { $0 }
        return defined.isEmpty ? nil : defined.reduce(0, +) / Double(defined.count)
    }

    static func weightedMean(_ pairs: [(Double?, Int)]) -> Double? {
        let defined = pairs.compactMap { pair in pair.0.map { ($0, Double(pair.1)) } }
        let total = defined.reduce(0) { $0 + $1.1 }
        return total > 0 ? defined.reduce(0) { $0 + $1.0 * $1.1 } / total : nil
    }
}
