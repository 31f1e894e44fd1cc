/// Thrown by a command that finished but could not process some inputs (listed in `errors.csv`
/// or the log), or processed some only in part (damaged audio, listed in `warnings.csv`); the
/// command line maps it to exit code 2.
public struct PartialFailure: Error, CustomStringConvertible {
    /// How many inputs failed.
    public var failed: Int
    /// Where they are listed, if anywhere.
    public var listedIn: String?
    /// Inputs analysed with a warning (truncated audio, NaN samples, skipped links).
    public var warned: Int
    /// Where the warnings are listed.
    public var warningsIn: String?

    public init(failed: Int, listedIn: String? = nil, warned: Int = 0, warningsIn: String? = nil) {
        self.failed = failed
        self.listedIn = listedIn
        self.warned = warned
        self.warningsIn = warningsIn
    }

    public var description: String {
        var parts: [String] = []
        if failed > 0 || warned == 0 { parts.append("\(failed) input(s) failed" + (listedIn.map { "; see \($0)" } ?? "")) }
        if warned > 0 { parts.append("\(warned) warning(s) about damaged or skipped inputs" + (warningsIn.map { "; see \($0)" } ?? "")) }
        return parts.joined(separator: "; ")
    }
}
