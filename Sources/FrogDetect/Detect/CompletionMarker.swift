import Foundation
import FrogCore

/// The `--resume` record of one finished recording, written after its other outputs are in
/// place: the settings it was processed with and its outcome. A recording is skipped on resume
/// only when its marker exists, matches the current settings, model and input file, and every
/// per-recording output it vouches for exists — so an interrupted run never leaves a state that
/// resume would wrongly trust.
struct CompletionMarker: Codable, Equatable {
    /// Bumped when the marker's meaning changes, so old markers are ignored.
    static let currentVersion = 1

    var version: Int
    /// Settings, model and input file identity; see `fingerprint(...)`.
    var fingerprint: String
    var outcome: RecordingOutcome

    /// What must not change for a finished recording to be reused: the detection settings, the
    /// model, and the input file's size and modification time.
    static func fingerprint(settings: DetectionSettings, modelID: String, recording: String) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let settingsText = (try? encoder.encode(settings)).map { String(decoding: $0, as: UTF8.self) } ?? ""
        let attributes = try? FileManager.default.attributesOfItem(atPath: recording)
        let size = (attributes?[.size] as? NSNumber)?.int64Value ?? -1
        let modified = (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? -1
        return "model=\(modelID) size=\(size) mtime=\(modified) settings=\(settingsText)"
    }

    func write(to url: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try AtomicFile.write(try encoder.encode(self), to: url)
    }

    /// The marker at `url` if it exists, is readable and has the current version.
    static func read(_ url: URL) -> CompletionMarker? {
        guard let data = FileManager.default.contents(atPath: url.path),
              let marker = try? JSONDecoder().decode(CompletionMarker.self, from: data),
              marker.version == currentVersion
        else { return nil }
        return marker
    }
}
