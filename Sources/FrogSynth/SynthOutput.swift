import Foundation
import FrogAudio
import FrogData

/// Writes synthetic recordings with their ground truth beside them: `NAME.wav` (16-bit PCM)
/// and `NAME.Table.1.selections.txt` (a Raven selection table with a `Species` column).
public enum SynthOutput {
    /// The ground-truth table's path for a recording's path.
    public static func tablePath(forRecording path: String) -> String {
        let url = URL(fileURLWithPath: path)
        return url.deletingPathExtension().path + ".Table.1.selections.txt"
    }

    /// Writes one recording and its table.
    public static func write(_ recording: SynthRecording, to path: String) throws {
        try AudioWriter.write([recording.samples], sampleRate: recording.sampleRate, to: path, format: .wav16)
        let rows = recording.events.enumerated().map { index, event in
            RavenSelection(
                selection: index + 1, beginSeconds: event.start, endSeconds: event.end,
                lowHz: event.lowHz, highHz: event.highHz, values: ["Species": event.species.label])
        }
        try RavenTable.write(rows, extraColumns: ["Species"], to: tablePath(forRecording: path))
    }

    /// Writes `count` recordings `synth_001.wav` … into `folder`; returns their paths.
    public static func writeSet(config: SynthConfig, count: Int, seed: UInt64, to folder: String) throws -> [String] {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let generator = ChorusGenerator(config: config)
        var random = SynthRandom(seed: seed)
        let digits = max(3, String(count).count)
        return try (1...max(1, count)).map { index in
            var own = random.split()
            let path = URL(fileURLWithPath: folder)
                .appendingPathComponent("synth_" + String(format: "%0\(digits)d", index) + ".wav").path
            try write(generator.generate(random: &own, activity: [:]), to: path)
            return path
        }
    }
}
