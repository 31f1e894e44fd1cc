import Foundation

/// How far a detection run has got: files done (processed, resumed or failed) out of all,
/// audio hours scanned and the speed in multiples of real time.
public struct RunProgress: Sendable, Equatable {
    public var filesDone: Int
    public var filesTotal: Int
    public var failed: Int
    /// Audio scanned in this run (resumed files excluded, so the speed is honest).
    public var audioSeconds: Double
    public var wallSeconds: Double

    public init(filesDone: Int, filesTotal: Int, failed: Int, audioSeconds: Double, wallSeconds: Double) {
        self.filesDone = filesDone
        self.filesTotal = filesTotal
        self.failed = failed
        self.audioSeconds = audioSeconds
        self.wallSeconds = wallSeconds
    }

    /// Audio seconds per wall-clock second.
    public var timesRealTime: Double { wallSeconds > 0 ? audioSeconds / wallSeconds : 0 }

    /// `12/40 files, 3.20 h audio, 540× real time, 1 failed`.
    public var line: String {
        var text = "\(filesDone)/\(filesTotal) files, " + String(format: "%.2f h audio, %.0f× real time", audioSeconds / 3600, timesRealTime)
        if failed > 0 { text += ", \(failed) failed" }
        return text
    }

    /// A text bar for a terminal, `[#######.............] 12/40 files, …`.
    public func bar(width: Int = 24) -> String {
        let filled = filesTotal > 0 ? width * filesDone / filesTotal : width
        return "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "] " + line
    }
}
