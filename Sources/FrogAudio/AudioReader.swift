/// Streams a recording in fixed-size blocks: decoded, channel-selected and resampled to the
/// target rate. Memory stays constant however long the file is: one input block, the
/// resampler's filter state and one output block.
///
///     let reader = try AudioReader(path: "night.flac", targetRate: 22_050, channels: .channel(0))
///     while let block = try reader.nextBlock() { feed(block[0]) }
///
/// Not thread-safe: one reader per thread.
public final class AudioReader {
    /// The file's header.
    public var info: AudioFileInfo { file.info }
    /// Sample rate of the blocks returned (the target rate, or the file's own).
    public let outputRate: Int
    /// Which channels the blocks hold.
    public let channels: ChannelSelection
    /// Input frames decoded per step.
    public let blockFrames: Int

    private let file: AudioFile
    private let resampler: Resampler?
    /// Input frame at which to stop (exclusive), set by `seek(toSeconds:until:)`.
    private var endFrame: Int?
    private var position = 0
    private var finished = false

    /// Opens `path`; `targetRate` nil keeps the file's rate.
    public init(
        path: String, targetRate: Int?, channels: ChannelSelection = .all, blockFrames: Int = 65_536
    ) throws {
        file = try AudioFile(path: path)
        try channels.validate(fileChannels: file.info.channels, path: path)
        self.channels = channels
        self.blockFrames = max(1, blockFrames)
        outputRate = targetRate ?? file.info.sampleRate
        if outputRate != file.info.sampleRate {
            do {
                resampler = try Resampler(
                    inputRate: file.info.sampleRate, outputRate: outputRate,
                    channels: channels.outputChannels(fileChannels: file.info.channels))
            } catch let error as ResamplerError {
                throw AudioError.unsupported(path, error.description)
            }
        } else {
            resampler = nil
        }
    }

    /// Damage met so far (header, early end, NaN/Inf samples set to 0); complete at the end.
    public var damage: [AudioDamage] { file.damage }

    /// Channels in each block.
    public var outputChannels: Int { channels.outputChannels(fileChannels: info.channels) }

    /// Restarts reading at `seconds` into the file (clamped to its length), optionally stopping
    /// at `end` seconds. Resets the resampler, so the clip is resampled as a stream of its own.
    public func seek(toSeconds seconds: Double, until end: Double? = nil) throws {
        let rate = Double(info.sampleRate)
        let start = min(max(0, Int((seconds * rate).rounded())), info.frames)
        try file.seek(toFrame: start)
        position = start
        endFrame = end.map { max(start, Int(($0 * rate).rounded())) }
        finished = false
        try resampler?.reset()
    }

    /// The next block, one array per selected channel at `outputRate`; nil at the end.
    public func nextBlock() throws -> [[Float]]? {
        while !finished {
            let want = endFrame.map { min(blockFrames, $0 - position) } ?? blockFrames
            let got = want > 0 ? try file.readInterleaved(maxFrames: want) : 0
            if got == 0 {
                finished = true
                guard let resampler else { return nil }
                let tail = try resample { try resampler.flush() }
                return tail.first?.isEmpty == false ? tail : nil
            }
            position += got
            let selected = file.withLastInterleaved {
                channels.extract($0, frames: got, fileChannels: info.channels)
            }
            guard let resampler else { return selected }
            let out = try resample { try resampler.process(selected) }
            // While the filter fills, a small block can produce nothing yet: read on.
            if out.first?.isEmpty == false { return out }
        }
        return nil
    }

    private func resample(_ body: () throws -> [[Float]]) throws -> [[Float]] {
        do {
            return try body()
        } catch let error as ResamplerError {
            throw AudioError.unsupported(info.path, error.description)
        }
    }
}
