import ArgumentParser
import FrogConfig
import FrogData
import FrogDetect
import FrogImage
import FrogPlots

// Every option with a fixed set of answers parses into a type, so a bad value is a usage error
// naming the option (and, for closed sets, listing the values), `--help` and the shell
// completions list the values, and `run()` never re-parses a string.

/// `detect --channels` / `survey run --channels`: `mix`, `each` or a 1-based channel number
/// (`ChannelMode.init?(argument:)`); open-ended, so the help text names the choices.
extension ChannelMode: ExpressibleByArgument {}

/// `evaluate --pooling`: mean or max.
extension RunConfig.EvaluateSection.Pooling: ExpressibleByArgument {}

/// `evaluate --split`: train, validation or test.
extension SplitName: ExpressibleByArgument {}

/// `spectrogram --channel`: `mix` (phase-safe) or a 0-based channel number.
extension SpectrogramChannels: ExpressibleByArgument {
    public init?(argument: String) {
        if argument.lowercased() == "mix" {
            self = .mix
        } else if let channel = Int(argument), channel >= 0 {
            self = .channel(channel)
        } else {
            return nil
        }
    }

    public var defaultValueDescription: String {
        switch self {
        case .mix: return "mix"
        case .channel(let n): return String(n)
        }
    }
}

/// `spectrogram --colormap`: the colormaps offered for spectrogram pictures.
enum SpectrogramColormap: String, CaseIterable, ExpressibleByArgument {
    case magma, viridis

    var colormap: Colormap {
        switch self {
        case .magma: return .magma
        case .viridis: return .viridis
        }
    }
}

/// `detect --format`: a comma-separated list of output formats (`csv,raven`).
struct OutputFormatList: ExpressibleByArgument, Equatable {
    var formats: [OutputFormat]

    init(_ formats: [OutputFormat]) { self.formats = formats }

    init?(argument: String) {
        var formats: [OutputFormat] = []
        for name in argument.split(separator: ",") {
            guard let format = OutputFormat(rawValue: name.trimmingCharacters(in: .whitespaces).lowercased()) else {
                return nil
            }
            formats.append(format)
        }
        self.formats = formats
    }

    var defaultValueDescription: String { formats.map(\.rawValue).joined(separator: ",") }

    // The values a list is made of: listed in --help and in the message for a bad list.
    static var allValueStrings: [String] { OutputFormat.allCases.map(\.rawValue) }
}
