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

    /// Writes a survey tree `folder/SITE/YYYYMMDD_HHMMSS.wav` for `nights` nights from
    /// `startDate` ("YYYY-MM-DD"). Each site hosts each species with probability
    /// `config.occupancy`; each night scales its calling by a draw from `nightlyActivity`.
    public static func writeSurveyTree(
        config: SynthConfig, sites: [String], nights: Int, startDate: String, seed: UInt64, to folder: String
    ) throws -> [String] {
        guard let midnight = SurveyClock.parseDate(startDate) else {
            throw SynthConfigError("start date '\(startDate)' is not YYYY-MM-DD")
        }
        let firstRecording = Double(SurveyClock.parseTime(config.surveyStartTime) ?? 0)
        let generator = ChorusGenerator(config: config)
        var random = SynthRandom(seed: seed)
        var paths: [String] = []
        for site in sites {
            var siteRandom = random.split()
            let present = Dictionary(uniqueKeysWithValues: SynthSpecies.allCases.map {
                ($0, siteRandom.chance(config.occupancy))
            })
            let siteFolder = URL(fileURLWithPath: folder).appendingPathComponent(site)
            try FileManager.default.createDirectory(at: siteFolder, withIntermediateDirectories: true)
            for night in 0..<nights {
                let activity = Dictionary(uniqueKeysWithValues: SynthSpecies.allCases.map {
                    ($0, present[$0]! ? siteRandom.value(in: config.nightlyActivity) : 0)
                })
                for k in 0..<config.recordingsPerNight {
                    var own = siteRandom.split()
                    let seconds = Double(night) * 86_400 + firstRecording + Double(k) * config.recordingIntervalMinutes * 60
                    let stem = SurveyClock.stem(midnight: midnight, plusSeconds: seconds)
                    let path = siteFolder.appendingPathComponent(stem + ".wav").path
                    try write(generator.generate(random: &own, activity: activity), to: path)
                    paths.append(path)
                }
            }
        }
        return paths
    }
}
