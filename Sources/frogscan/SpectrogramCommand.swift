import ArgumentParser
import Foundation
import FrogAudio
import FrogDSP
import FrogPlots

extension Frogscan {
    /// `frogscan spectrogram FILE -o OUT.png|OUT.npy`: one recording's features as a picture or
    /// as the float32 matrix.
    struct Spectrogram: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a recording's spectrogram as a PNG picture or a NumPy .npy matrix.",
            discussion: """
                The audio is resampled to the configuration's rate; multi-channel recordings are \
                mixed phase-safely (power spectra averaged) unless --channel picks one. The .npy \
                holds float32 [frames, bins] (bins low to high), e.g. dB log-mel values.

                Examples:
                  frogscan spectrogram night.wav -o night.png --ticks
                  frogscan spectrogram night.flac --start 60 --end 90 -o clip.npy
                  frogscan spectrogram night.wav --config configs/reference.yaml --channel 0 -o left.npy
                """)

        @Argument(help: "The recording.")
        var file: String

        @Option(name: [.customShort("o"), .customLong("out"), .customLong("output")], help: "Output file: .png or .npy.")
        var output: String

        @Option(help: "Start time in seconds.")
        var start: Double?

        @Option(help: "End time in seconds.")
        var end: Double?

        @Option(help: "YAML file with a 'features:' section (default: the reference preprocessing).")
        var config: String?

        @Option(help: "mix (phase-safe mix of all channels) or a channel number from 0.")
        var channel: SpectrogramChannels = .mix

        @Flag(help: "PNG: draw time (s) and frequency (kHz) tick marks.")
        var ticks = false

        @Option(help: "PNG colormap.")
        var colormap: SpectrogramColormap = .magma

        func validate() throws {
            if let start, start < 0 { throw ValidationError("--start must not be negative") }
            if let start, let end, end <= start { throw ValidationError("--end must be after --start") }
            do { _ = try SpectrogramOutput.kind(of: output) } catch { throw ValidationError("\(error)") }
        }

        func run() throws {
            let features = try config.map { try FeatureConfig.load(yamlAt: URL(fileURLWithPath: $0)) } ?? FeatureConfig()
            let job = SpectrogramJob(
                path: file, startSeconds: start, endSeconds: end, config: features, channels: channel)
            let (image, damage) = try job.render()
            for problem in damage {
                FileHandle.standardError.write(Data("frogscan: warning: \(problem)\n".utf8))
            }
            let picture = SpectrogramPicture(colormap: colormap.colormap, ticks: ticks)
            try SpectrogramOutput.write(image, to: output, picture: picture)
        }
    }
}
