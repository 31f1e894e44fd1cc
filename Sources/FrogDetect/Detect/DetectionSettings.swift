/// How a recording's channels are analysed.
public enum ChannelMode: Equatable, Sendable, Codable, CustomStringConvertible {
    /// One phase-safe mix: the channels' power spectra are averaged (never their waveforms,
    /// which cancel on anti-phase microphone pairs). Detections carry no channel.
    case mix
    /// Every channel on its own; detections carry their 1-based channel.
    case each
    /// One channel, 1-based as in Raven and on recorders' labels.
    case number(Int)

    /// Parses `mix`, `each` or a 1-based channel number.
    public init?(argument: String) {
        switch argument.lowercased() {
        case "mix": self = .mix
        case "each": self = .each
        default:
            guard let n = Int(argument), n >= 1 else { return nil }
            self = .number(n)
        }
    }

    public var description: String {
        switch self {
        case .mix: return "mix"
        case .each: return "each"
        case .number(let n): return String(n)
        }
    }
}

/// Which per-recording and folder files a detection run writes (`detections.csv`,
/// `summary.csv` and `errors.csv` are always written).
public enum OutputFormat: String, Equatable, Sendable, Codable, CaseIterable {
    /// `detections.csv` rows (always written; listing it is accepted).
    case csv
    /// `NAME.selections.txt` Raven selection tables.
    case raven
    /// `NAME.labels.txt` Audacity label tracks.
    case audacity
}

/// The choices of one detection run that change its results; stored in every completion marker
/// so `--resume` never trusts outputs made with different settings.
public struct DetectionSettings: Equatable, Sendable, Codable {
    /// Window overlap fraction in [0, 1); hop = window × (1 − overlap).
    public var overlap: Double
    /// One threshold for every species instead of the model's per-species thresholds.
    public var minConfidence: Float?
    public var channels: ChannelMode
    /// Report only these species (nil: every non-background class).
    public var species: [String]?
    public var formats: [OutputFormat]
    /// Windows per classifier call.
    public var batchSize: Int
    /// Positive windows a detection needs instead of the model's `DecisionRule.minWindows`.
    public var minWindows: Int?

    public init(
        overlap: Double = 0.5, minConfidence: Float? = nil, channels: ChannelMode = .mix,
        species: [String]? = nil, formats: [OutputFormat] = OutputFormat.allCases, batchSize: Int = 32,
        minWindows: Int? = nil
    ) {
        self.overlap = overlap
        self.minConfidence = minConfidence
        self.channels = channels
        self.species = species
        self.formats = formats
        self.batchSize = batchSize
        self.minWindows = minWindows
    }

    /// What, beyond the model, decides which detections a recording gets, as a short tag
    /// ("" when every choice is the default): a survey keys its analyses by model id + tag, so
    /// a rerun with another --min-confidence, --min-windows, --overlap or --channels analyses
    /// again instead of calling the recordings done. Output formats and batch size change nothing.
    public var analysisTag: String {
        var parts: [String] = []
        if overlap != 0.5 { parts.append("overlap=\(overlap)") }
        if let minConfidence { parts.append("min_confidence=\(minConfidence)") }
        if let minWindows { parts.append("min_windows=\(minWindows)") }
        if channels != .mix { parts.append("channels=\(channels)") }
        if let species { parts.append("species=\(species.joined(separator: "+"))") }
        return parts.joined(separator: ",")
    }
}
