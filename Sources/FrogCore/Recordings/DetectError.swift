/// Errors of the detection pipeline; each names the path and says what to do.
public enum DetectError: Error, CustomStringConvertible, Equatable {
    case inputNotFound(path: String)
    case noRecordings(inputs: [String])
    case emptyRecording(path: String)
    case channelOutOfRange(path: String, channel: Int, channels: Int)
    case invalidTimestampPattern(pattern: String, reason: String)
    case unreadableDetections(path: String, line: Int, reason: String)
    case noModel(searched: [String])
    case unknownSpecies([String], known: [String])

    public var description: String {
        switch self {
        case .inputNotFound(let path):
            return "\(path): no such file or folder; check the path"
        case .noRecordings(let inputs):
            return "no audio files found in \(inputs.joined(separator: ", ")) (looked for .wav, .flac, .ogg, .mp3, .aif …)"
        case .emptyRecording(let path):
            return "\(path): the recording has no audio frames"
        case .channelOutOfRange(let path, let channel, let channels):
            return "\(path): channel \(channel) requested but the file has \(channels) channel(s); use --channels 1…\(channels), mix or each"
        case .invalidTimestampPattern(let pattern, let reason):
            return "timestamp pattern '\(pattern)': \(reason)"
        case .unreadableDetections(let path, let line, let reason):
            return "\(path):\(line): \(reason); expected a detections.csv written by frogscan detect"
        case .noModel(let searched):
            return "no model given and none found (looked in \(searched.joined(separator: ", "))); pass --model FILE or train one with frogscan train"
        case .unknownSpecies(let names, let known):
            return "--species \(names.joined(separator: ",")): not a class of the model; its species are \(known.joined(separator: ", "))"
        }
    }
}
