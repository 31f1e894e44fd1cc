/// Which channels of a recording a reader returns.
///
/// `.average` averages the channels' **waveforms**. That is not phase-safe: some real stereo
/// recordings are anti-phase between their microphones, and averaging cancels the call band
/// (by up to 16.5 dB in the shared xeno-canto set). The phase-safe mono mix averages the
/// channels' power spectra instead; FrogDSP does that from `.all`. Use `.average` only for
/// recordings known to be in phase, or to reproduce tools that mix this way.
public enum ChannelSelection: Equatable, Sendable {
    /// Every channel, in file order.
    case all
    /// One channel, 0-based.
    case channel(Int)
    /// The mean of all channels' waveforms (not phase-safe; see above).
    case average

    /// How many channels this selection yields from a file with `fileChannels`.
    public func outputChannels(fileChannels: Int) -> Int {
        switch self {
        case .all: return fileChannels
        case .channel, .average: return 1
        }
    }

    /// Throws `.unsupported` when the file has no such channel.
    func validate(fileChannels: Int, path: String) throws {
        if case .channel(let index) = self, !(0..<fileChannels).contains(index) {
            throw AudioError.unsupported(
                path, "channel \(index) requested (0-based) but the file has \(fileChannels)")
        }
    }

    /// Splits `frames` interleaved frames of `fileChannels` channels into the selected channels.
    func extract(_ interleaved: UnsafeBufferPointer<Float>, frames: Int, fileChannels: Int) -> [[Float]] {
        func column(_ body: (UnsafeMutableBufferPointer<Float>) -> Void) -> [Float] {
            [Float](unsafeUninitializedCapacity: frames) { dest, initialized in
                body(dest)
                initialized = frames
            }
        }
        switch self {
        case .all:
            return (0..<fileChannels).map { c in
                column { dest in for i in 0..<frames { dest[i] = interleaved[i * fileChannels + c] } }
            }
        case .channel(let c):
            return [column { dest in for i in 0..<frames { dest[i] = interleaved[i * fileChannels + c] } }]
        case .average:
            let scale = 1 / Float(fileChannels)
            return [column { dest in
                for i in 0..<frames {
                    var sum: Float = 0
                    for c in 0..<fileChannels { sum += interleaved[i * fileChannels + c] }
                    dest[i] = sum * scale
                }
            }]
        }
    }
}
