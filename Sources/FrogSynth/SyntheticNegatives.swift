import Foundation
import FrogAudio
import FrogConfig

/// The generator behind `SyntheticNegatives` (declared with its `Kind` in FrogConfig, where
/// `data.synthetic_negatives` is read).
extension SyntheticNegatives {
    /// The files for `settings`, generated into `folder` when missing; `log` hears what was made.
    public static func files(
        _ settings: RunConfig.SyntheticNegativesSection, sampleRate: Int, folder: String, log: (String) -> Void = { _ in }
    ) throws -> [String] {
        guard settings.files > 0 else { return [] }
        let key = "seed\(settings.seed)-\(settings.seconds)s-\(settings.kinds.map(\.rawValue).joined(separator: "+"))-\(sampleRate)Hz"
        let directory = URL(fileURLWithPath: folder).appendingPathComponent("synthetic-negatives").appendingPathComponent(key)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var random = SynthRandom(seed: settings.seed)
        var made = 0
        let paths = try (0..<settings.files).map { index -> String in
            let kind = settings.kinds[index % settings.kinds.count]
            var stream = random.split()
            let path = directory.appendingPathComponent(String(format: "%03d-%@.wav", index + 1, kind.rawValue)).path
            if !FileManager.default.fileExists(atPath: path) {
                try AudioWriter.write([audio(kind, seconds: settings.seconds, rate: sampleRate, random: &stream)], sampleRate: sampleRate, to: path)
                made += 1
            }
            return path
        }
        if made > 0 { log("synthetic negatives: generated \(made) file(s) in \(directory.path)") }
        return paths
    }

    /// One file of `kind`: the model generated at a rate scaled by a random factor (0.7–1.4) and
    /// written at `rate`, which shifts every frequency by that factor (pitch variety), at a
    /// random level between −45 and −15 dBFS (gain variety), over a quiet floor.
    static func audio(_ kind: Kind, seconds: Double, rate: Int, random: inout SynthRandom) -> [Float] {
        let frames = Int(seconds * Double(rate))
        let stretch = random.uniform(0.7, 1.4)
        let level = random.uniform(-45, -15)
        let floorLevel = level - random.uniform(10, 30)
        // Generated at rate × stretch, played at `rate`: frequencies scale by 1 / stretch.
        let generationRate = Int(Double(rate) * stretch)
        var layer: [Float]
        switch kind {
        case .crickets:
            layer = FieldNoise.cricket(frames: frames, rate: generationRate, levelDB: level, random: &random)
            if random.uniform() < 0.5 {
                let second = FieldNoise.cricket(frames: frames, rate: generationRate, levelDB: level - random.uniform(0, 10), random: &random)
                for i in layer.indices { layer[i] += second[i] }
            }
        case .rain: layer = FieldNoise.rain(frames: frames, rate: generationRate, levelDB: level, random: &random)
        case .wind: layer = FieldNoise.wind(frames: frames, rate: generationRate, levelDB: level, random: &random)
        case .traffic: layer = FieldNoise.traffic(frames: frames, rate: generationRate, levelDB: level, random: &random)
        case .birds: layer = NonFrogSounds.birds(frames: frames, rate: generationRate, levelDB: level, random: &random)
        case .knocks: layer = NonFrogSounds.knocks(frames: frames, rate: generationRate, levelDB: level, random: &random)
        case .rumble: layer = NonFrogSounds.rumble(frames: frames, rate: generationRate, levelDB: level, random: &random)
        case .voices: layer = NonFrogSounds.voices(frames: frames, rate: generationRate, levelDB: level, random: &random)
        }
        let floor = FieldNoise.floor(frames: frames, rate: rate, levelDB: floorLevel, random: &random)
        return zip(layer, floor).map { max(-1, min(1, $0 + $1)) }
    }
}
