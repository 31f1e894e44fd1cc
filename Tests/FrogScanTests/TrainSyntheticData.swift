@testable import FrogConfig
import FrogData
import FrogDSP
import FrogNN
@testable import FrogTrain

/// A tiny dataset made in the test: class c has a tone (a bright band of bins) at its own
/// frequency on a noisy background, in a random stretch of the window; recordings hold 4
/// windows each, so splits and recording pooling have something to group.
enum TrainSyntheticData {
    static let bins = 16
    static let frames = 16

    static func window(classIndex: Int, generator: inout SeededRNG) -> FeatureImage {
        var values = (0..<(bins * frames)).map { _ in generator.normal() * 0.5 - 60 }
        let low = 2 + classIndex * 4
        let start = Int(generator.next() % 6)
        for t in start..<(start + 10) {
            for f in low..<(low + 2) { values[t * bins + f] += 20 + generator.uniform() * 4 }
        }
        return FeatureImage(
            bins: bins, frames: frames, values: values, secondsPerFrame: 0.01,
            binFrequencies: (0..<bins).map { Float($0) * 100 })
    }

    static func windows(classes: Int, recordingsPerClass: Int, prefix: String, seed: UInt64) -> [Example] {
        var generator = SeededRNG(seed: seed)
        var result: [Example] = []
        for c in 0..<classes {
            for r in 0..<recordingsPerClass {
                let recording = "\(prefix)-c\(c)-r\(r).wav"
                for w in 0..<4 {
                    result.append(Example(
                        features: window(classIndex: c, generator: &generator), classIndex: c,
                        targets: (0..<classes).map { $0 == c ? 1 : 0 }, recording: recording, group: recording,
                        startSeconds: Double(w)))
                }
            }
        }
        return result
    }

    static func data(classes: Int = 3) -> TrainingData {
        TrainingData(
            classes: (0..<classes).map { "species_\($0)" },
            train: windows(classes: classes, recordingsPerClass: 8, prefix: "train", seed: 1),
            validation: windows(classes: classes, recordingsPerClass: 3, prefix: "val", seed: 2),
            test: windows(classes: classes, recordingsPerClass: 3, prefix: "test", seed: 3))
    }

    /// A small, fast configuration of `family`.
    static func config(_ family: RunConfig.ModelSection.Family, epochs: Int = 8) throws -> RunConfig {
        var overrides = [
            "model.family=\(family.rawValue)", "train.epochs=\(epochs)", "train.batch_size=16",
            "train.learning_rate=0.01", "train.early_stopping.patience=0", "train.reduce_lr_on_plateau.patience=0",
            "model.dropout=0.1", "model.dense_units=[]", "seed=7",
        ]
        switch family {
        case .cnn: overrides += ["model.conv_layers=2", "model.filters=[8,8]"]
        case .crnn: overrides += ["model.conv_layers=2", "model.filters=[8,8]", "model.pooled_blocks=2", "model.hidden_size=12"]
        case .birnn: overrides += ["model.hidden_size=12", "model.rnn=gru"]
        }
        var config = try ConfigLoader.resolve(yaml: "", source: "test", overrides: overrides)
        // Windows of 16 frames; the config's clip length only matters when cutting recordings.
        config.clips.seconds = Double(frames) * config.features.secondsPerFrame
        return config
    }
}
