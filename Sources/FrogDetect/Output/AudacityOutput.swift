import Foundation
import FrogData

/// Audacity label tracks of detections (`NAME.labels.txt`), written with FrogData's
/// `AudacityLabels`: one label per detection named after the species, with the species'
/// frequency band as the label's spectral selection.
public enum AudacityOutput {
    public static func labels(_ records: [DetectionRecord], bands: FrequencyBands) -> [AudacityLabel] {
        records.map { record in
            let d = record.detection
            let band = bands.band(for: d.species)
            return AudacityLabel(
                startSeconds: d.start, endSeconds: d.end, label: d.species,
                lowHz: Double(band.lowerBound), highHz: Double(band.upperBound))
        }
    }

    /// Writes the labels of one recording to `url` (atomically).
    public static func write(_ records: [DetectionRecord], bands: FrequencyBands, to url: URL) throws {
        try AudacityLabels.write(labels(records, bands: bands), to: url.path)
    }
}
