/// What a recording's header says: container format, sample encoding, rate, channels, length.
public struct AudioFileInfo: Equatable, Sendable, Codable {
    /// Path as given by the caller.
    public var path: String
    /// Container, e.g. "WAV", "FLAC", "OGG", "MPEG".
    public var format: String
    /// Sample encoding, e.g. "PCM_16", "FLOAT", "VORBIS", "MPEG_LAYER_III".
    public var subtype: String
    /// Frames per second.
    public var sampleRate: Int
    /// Interleaved channels per frame.
    public var channels: Int
    /// Frames per channel.
    public var frames: Int

    public init(path: String, format: String, subtype: String, sampleRate: Int, channels: Int, frames: Int) {
        self.path = path
        self.format = format
        self.subtype = subtype
        self.sampleRate = sampleRate
        self.channels = channels
        self.frames = frames
    }

    /// Length in seconds.
    public var duration: Double { sampleRate > 0 ? Double(frames) / Double(sampleRate) : 0 }
}
