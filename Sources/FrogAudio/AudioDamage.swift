import Foundation

/// Damage found in a recording that could still be analysed. Reading goes on (up to where the
/// audio ends, with bad samples as silence); callers report these so nothing is hidden.
public enum AudioDamage: Equatable, Sendable, CustomStringConvertible {
    /// The header promises more frames than the file holds: `declaredFrames` nil when the
    /// container gives no length (an Ogg stream cut before its end-of-stream page).
    case truncated(path: String, sampleRate: Int, declaredFrames: Int?, actualFrames: Int)
    /// A WAV `data` chunk declares fewer bytes than follow it, and what follows is no chunk:
    /// libsndfile (like every reader) decodes only what the header declares.
    case shortDataChunk(path: String, sampleRate: Int, declaredFrames: Int, trailingBytes: Int)
    /// NaN or ±Inf samples (float WAVs), analysed as silence.
    case nonFiniteSamples(path: String, count: Int)

    /// The file the damage is in.
    public var path: String {
        switch self {
        case .truncated(let path, _, _, _), .shortDataChunk(let path, _, _, _), .nonFiniteSamples(let path, _):
            return path
        }
    }

    /// A short name for tables (`truncated`, `short_data_chunk`, `non_finite_samples`).
    public var kind: String {
        switch self {
        case .truncated: return "truncated"
        case .shortDataChunk: return "short_data_chunk"
        case .nonFiniteSamples: return "non_finite_samples"
        }
    }

    /// What the header says the length is, in seconds (nil when it says nothing).
    public var declaredSeconds: Double? {
        switch self {
        case .truncated(_, let rate, let declared, _): return declared.map { Self.seconds($0, rate) }
        case .shortDataChunk(_, let rate, let declared, _): return Self.seconds(declared, rate)
        case .nonFiniteSamples: return nil
        }
    }

    /// What was analysed, in seconds, when that differs from the header (truncation).
    public var actualSeconds: Double? {
        if case .truncated(_, let rate, _, let actual) = self { return Self.seconds(actual, rate) }
        return nil
    }

    public var description: String {
        switch self {
        case .truncated(let path, let rate, let declared, let actual):
            let promised = declared.map { "header declares \(Self.format(Self.seconds($0, rate))) s" }
                ?? "stream ends without its end-of-stream mark"
            return "\(path): truncated: \(promised), file holds \(Self.format(Self.seconds(actual, rate))) s; "
                + "analysed up to where it ends; re-copy it from the recorder"
        case .shortDataChunk(let path, let rate, let declared, let trailing):
            return "\(path): WAV data chunk declares \(declared) frame(s) (\(Self.format(Self.seconds(declared, rate))) s) "
                + "but \(trailing) more bytes follow it; only the declared frames are read; "
                + "repair the header (e.g. 'sox --ignore-length IN OUT') if the rest is audio"
        case .nonFiniteSamples(let path, let count):
            return "\(path): \(count) NaN or infinite sample(s), analysed as silence; check the recorder or the program that wrote it"
        }
    }

    private static func seconds(_ frames: Int, _ rate: Int) -> Double { rate > 0 ? Double(frames) / Double(rate) : 0 }
    private static func format(_ seconds: Double) -> String { String(format: "%.3f", seconds) }
}
