import Foundation
import FrogData

/// Raven Pro selection tables of detections, written with FrogData's `RavenTable`.
///
/// Each detection is one selection: the standard leading columns (`Selection`, `View`,
/// `Channel`, `Begin Time (s)`, `End Time (s)`, `Low Freq (Hz)`, `High Freq (Hz)`), then
/// `Begin File`, `Begin Path`, `File Offset (s)`, `Species`, `Confidence` and the provenance
/// columns. The frequency box is the species' band when the model knows it, else the whole
/// analysed range, so the selection shows up over the call in Raven's spectrogram view.
public enum RavenOutput {
    /// Columns after the standard ones, in order.
    public static let extraColumns = [
        "Begin File", "Begin Path", "File Offset (s)", "Species", "Confidence", "Mean Confidence",
        "Site", "Start Time", "Model ID", "Threshold", "Window (s)", "Overlap",
    ]

    /// The table of one recording: times from the recording's start.
    public static func selections(_ records: [DetectionRecord], bands: FrequencyBands) -> [RavenSelection] {
        selections(records.map { ($0, 0) }, bands: bands)
    }

    /// The combined table of a folder: Begin/End Time count on over the recordings in order
    /// (each recording's times shifted by the lengths of the recordings before it), as Raven
    /// expects when it opens the files as one sequence. `outcomes` must be in path order and
    /// hold every recording of the sequence, including those without detections, which add
    /// their length but no rows.
    public static func combinedSelections(_ outcomes: [RecordingOutcome], bands: FrequencyBands) -> [RavenSelection] {
        var shifted: [(DetectionRecord, Double)] = []
        var offset = 0.0
        for outcome in outcomes {
            shifted += outcome.records.map { ($0, offset) }
            offset += outcome.durationSeconds
        }
        return selections(shifted, bands: bands)
    }

    /// Writes one table to `url` (atomically).
    public static func write(_ selections: [RavenSelection], to url: URL) throws {
        try RavenTable.write(selections, extraColumns: extraColumns, to: url.path)
    }

    private static func selections(_ records: [(DetectionRecord, Double)], bands: FrequencyBands) -> [RavenSelection] {
        records.enumerated().map { index, item in
            let (record, offset) = item
            let d = record.detection
            let band = bands.band(for: d.species)
            return RavenSelection(
                selection: index + 1, view: "Spectrogram 1", channel: d.channel ?? 1,
                beginSeconds: offset + d.start, endSeconds: offset + d.end,
                lowHz: Double(band.lowerBound), highHz: Double(band.upperBound),
                values: [
                    "Begin File": URL(fileURLWithPath: d.file).lastPathComponent,
                    "Begin Path": d.file,
                    "File Offset (s)": String(format: "%.6f", d.start),
                    "Species": d.species,
                    "Confidence": DetectionsCSV.score(d.confidence),
                    "Mean Confidence": DetectionsCSV.score(d.meanConfidence),
                    "Site": record.site ?? "",
                    "Start Time": record.startTime ?? "",
                    "Model ID": record.modelID,
                    "Threshold": DetectionsCSV.score(record.threshold),
                    "Window (s)": DetectionsCSV.seconds(record.windowSeconds),
                    "Overlap": String(format: "%.4g", record.overlap),
                ])
        }
    }
}
