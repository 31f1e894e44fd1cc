/// Why a recording could not be read or written. Every case carries the file's path, and
/// `description` names the file and says what to do about it, so commands can print it as is.
public enum AudioError: Error, CustomStringConvertible, Equatable, Sendable {
    /// No file or folder at this path.
    case missing(String)
    /// The file exists but cannot be opened (a folder, no permission, an I/O error).
    case unreadable(String, String)
    /// The file is not audio at all (e.g. a text file renamed `.wav`, an unknown header).
    case notAudio(String, String)
    /// The file starts like audio but its header or data is truncated or damaged.
    case corrupt(String, String)
    /// The file is zero bytes long or holds no sample frames.
    case empty(String)
    /// Audio that this build cannot decode, or a request the file cannot satisfy
    /// (e.g. channel 3 of a stereo file).
    case unsupported(String, String)
    /// Writing the file failed; nothing was left at the destination.
    case writeFailed(String, String)
    /// The header gives a sample rate outside `AudioFile.plausibleSampleRates`.
    case implausibleSampleRate(String, Int)

    /// The file the error is about.
    public var path: String {
        switch self {
        case .missing(let path), .empty(let path), .implausibleSampleRate(let path, _): return path
        case .unreadable(let path, _), .notAudio(let path, _), .corrupt(let path, _),
            .unsupported(let path, _), .writeFailed(let path, _):
            return path
        }
    }

    public var description: String {
        switch self {
        case .missing(let path):
            return "\(path): no such file; check the path"
        case .unreadable(let path, let reason):
            return "\(path): cannot be read (\(reason)); check that it is a file you may read"
        case .notAudio(let path, let reason):
            return "\(path): not an audio file (\(reason)); remove it or convert it to WAV or FLAC"
        case .corrupt(let path, let reason):
            return "\(path): damaged or truncated audio (\(reason)); re-copy it from the recorder"
        case .empty(let path):
            return "\(path): holds no audio (zero frames); re-copy it or remove it"
        case .unsupported(let path, let reason):
            return "\(path): unsupported (\(reason)); convert it to WAV or FLAC"
        case .writeFailed(let path, let reason):
            return "\(path): could not be written (\(reason)); check free space and permissions"
        case .implausibleSampleRate(let path, let rate):
            return "\(path): header gives a sample rate of \(rate) Hz, outside 1 kHz–768 kHz, so the header "
                + "is damaged; re-copy the file from the recorder or repair its header"
        }
    }
}
