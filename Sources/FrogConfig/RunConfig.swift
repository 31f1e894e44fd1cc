import FrogDSP

/// Everything one training run needs, resolved and validated: immutable once built.
///
/// Built by `ConfigLoader` as defaults in code → a YAML file → `--set key=value` overrides →
/// `validate()`. Keys are snake_case; keys missing from a file take the defaults below (which
/// are `configs/default.yaml`), and unknown keys are rejected by name. The resolved value is
/// written to the run folder as `config.yaml`, and its sections are passed down as plain values
/// (`features` to FrogDSP, the model spec to FrogNN).
public struct RunConfig: Equatable, Sendable, Codable {
    /// Run name, used in the run folder's name.
    public var name = "default"
    /// Seed for initialisation, splitting, sampling and augmentation.
    public var seed = 42
    /// The seed that draws the split: `data.split_seed`, else `seed`.
    public var splitSeed: Int { data.splitSeed ?? seed }
    public var data = DataSection()
    public var features = FeatureConfig()
    public var clips = ClipsSection()
    public var augment = AugmentSection()
    public var balance = BalanceSection()
    public var model = ModelSection()
    public var train = TrainSection()
    public var evaluate = EvaluateSection()

    /// The embedded defaults.
    public init() {}

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, seed, data, features, clips, augment, balance, model, train, evaluate
    }

    public init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.value(.name, default: name)
        seed = try c.value(.seed, default: seed)
        data = try c.value(.data, default: data)
        if c.contains(.features), try !c.decodeNil(forKey: .features) {
            let section = try c.superDecoder(forKey: .features)
            try section.rejectUnknownFeatureKeys()
            features = try FeatureConfig(from: section)
        }
        clips = try c.value(.clips, default: clips)
        augment = try c.value(.augment, default: augment)
        balance = try c.value(.balance, default: balance)
        model = try c.value(.model, default: model)
        train = try c.value(.train, default: train)
        evaluate = try c.value(.evaluate, default: evaluate)
    }

    /// Frames per training window at this configuration's feature rate.
    public var windowFrames: Int {
        clips.frames(secondsPerFrame: features.secondsPerFrame)
    }
    /// Frames between window starts.
    public var hopFrames: Int {
        clips.hopFrames(secondsPerFrame: features.secondsPerFrame)
    }
    /// Extra frames on each side of a training window for `augment.time_crop`.
    public var timeCropMarginFrames: Int {
        Int((augment.timeCrop * Double(windowFrames)).rounded())
    }
}
