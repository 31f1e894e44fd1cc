import FrogConfig
import FrogData
import FrogDSP
import FrogImage
import FrogNN
import FrogPlots

/// `frogscan dataset preview`: a grid of training clips as the model receives them, one row
/// per class, so a user can check labels, window length and augmentation by eye (like
/// OpenSoundscape's `show_tensor` grids or a Keras `ImageDataGenerator` preview).
///
/// Clips come from the training split that `DatasetBuilder` makes for the config; with
/// `augment` they first go through the config's training augmentation (`augment:` section),
/// seeded, exactly the steps `frogscan train` applies. Each tile is the clip's spectrogram
/// (magma, low frequencies at the bottom, colour range = the clip's own minimum…maximum, as
/// per-window normalisation sees it), captioned with the class, recording and start time.
public struct DatasetPreview {
    /// Clips shown per class (one row each).
    public var perClass: Int
    /// Apply the config's training augmentation to the clips shown.
    public var augment: Bool
    /// Seeds which clips are picked and the augmentation's draws.
    public var seed: UInt64
    /// Pixels per frame and per frequency bin.
    public var scale = 2

    public init(perClass: Int, augment: Bool, seed: UInt64) {
        precondition(perClass > 0, "DatasetPreview: perClass must be positive")
        self.perClass = perClass
        self.augment = augment
        self.seed = seed
    }

    /// What was drawn: the grid, and how many clips per class it shows (in class order).
    public struct Result {
        public var image: Raster
        public var classes: [String]
        public var shown: [Int]
        /// Frames and bins of one clip.
        public var frames: Int
        public var bins: Int
        /// The augmentation steps applied (empty without `augment` or when the config has none).
        public var steps: [String]
    }

    /// Renders the preview of `data`'s training split with `config`'s augmentation settings.
    public func render(data: TrainingData, config: RunConfig) throws -> Result {
        guard let first = data.train.first?.features else {
            throw DataError.noTrainingWindows(recordings: config.data.recordings, labels: config.data.labels)
        }
        let pipeline = augment
            ? config.augment.pipeline(frames: first.frames, hasBackgrounds: !data.noise.isEmpty)
            : AugmentPipeline(steps: [])
        var generator = SeededRNG(seed: seed)
        var tiles: [ImageGrid.Tile] = []
        var shown: [Int] = []
        let blank = Raster(width: first.frames * scale, height: first.bins * scale, fill: Palette.white)
        for (index, name) in data.classes.enumerated() {
            let candidates = data.train.filter { $0.classIndex == index }
            // A seeded pick, then shown in recording order so a row reads predictably.
            let picked = candidates.indices.shuffled(using: &generator).prefix(perClass).sorted()
            for i in picked {
                let example = candidates[i]
                let features = try pipeline.apply(
                    example.features, training: true, backgrounds: data.noise, using: &generator)
                tiles.append(.init(image: tile(features), caption: caption(name, example)))
            }
            for column in picked.count..<perClass {
                tiles.append(.init(image: blank, caption: column == 0 ? "\(name): no training clips" : ""))
            }
            shown.append(picked.count)
        }
        let image = ImageGrid(columns: perClass).render(tiles)
        return Result(
            image: image, classes: data.classes, shown: shown, frames: first.frames, bins: first.bins,
            steps: pipeline.steps.map(\.name.rawValue))
    }

    /// One clip as a picture: bins up, frames across, `scale` pixels each.
    func tile(_ features: FeatureImage) -> Raster {
        SpectrogramPicture(colormap: .magma, binHeight: scale).render(features)
            .resized(width: features.frames * scale, height: features.bins * scale)
    }

    /// "class recording@start s" (the grid shortens it to the tile's width).
    func caption(_ name: String, _ example: Example) -> String {
        let recording = example.recording.split(separator: "/").last.map(String.init) ?? example.recording
        return "\(name) \(recording)@\(String(format: "%.2f", example.startSeconds))s"
    }
}
