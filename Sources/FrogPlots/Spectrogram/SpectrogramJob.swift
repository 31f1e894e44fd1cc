import Foundation
import FrogAudio
import FrogDSP

/// How a multi-channel recording becomes one spectrogram.
public enum SpectrogramChannels: Equatable, Sendable {
    /// Phase-safe mix: the channels' power spectra are averaged (anti-phase microphones would
    /// cancel in a waveform average).
    case mix
    /// One channel, 0-based.
    case channel(Int)
}

/// One recording (or a stretch of it) → a `FeatureImage`, streamed block by block so a long
/// file never sits in memory whole: decode → resample to the config's rate → features.
public struct SpectrogramJob: Sendable {
    public var path: String
    /// Seconds into the recording to start at / stop at (nil: its start / end).
    public var startSeconds: Double?
    public var endSeconds: Double?
    public var config: FeatureConfig
    public var channels: SpectrogramChannels

    public init(
        path: String, startSeconds: Double? = nil, endSeconds: Double? = nil,
        config: FeatureConfig = FeatureConfig(), channels: SpectrogramChannels = .mix
    ) {
        self.path = path
        self.startSeconds = startSeconds
        self.endSeconds = endSeconds
        self.config = config
        self.channels = channels
    }

    /// The features, with `startSeconds` on the recording's time axis.
    /// - Throws: `AudioError` naming the file when it cannot be read.
    public func features() throws -> FeatureImage { try render().image }

    /// The features and the damage met reading the file (truncation, NaN/Inf samples taken
    /// as silence), which the caller reports: the image covers what the file holds.
    public func render() throws -> (image: FeatureImage, damage: [AudioDamage]) {
        let selection: ChannelSelection
        switch channels {
        case .mix: selection = .all
        case .channel(let index): selection = .channel(index)
        }
        let reader = try AudioReader(path: path, targetRate: config.sampleRate, channels: selection)
        if startSeconds != nil || endSeconds != nil {
            try reader.seek(toSeconds: startSeconds ?? 0, until: endSeconds)
        }
        let stream = StreamingFeatureExtractor(config: config, channels: reader.outputChannels)
        var image = FeatureImage(
            bins: stream.extractor.bins, frames: 0, values: [], secondsPerFrame: config.secondsPerFrame,
            binFrequencies: stream.extractor.binFrequencies)
        while let block = try reader.nextBlock() {
            image.append(stream.push(block))
        }
        image.append(stream.finish())
        if image.frames == 0 {
            throw AudioError.empty(path)
        }
        // Whole-clip top_db, as librosa (the stream could only apply it causally).
        if config.scaling == .db, let topDB = config.topDB, let peak = image.values.max() {
            image.values = image.values.map { max($0, peak - topDB) }
        }
        image.startSeconds += min(max(0, startSeconds ?? 0), reader.info.duration)
        return (image, reader.damage)
    }
}
