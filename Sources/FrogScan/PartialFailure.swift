/// Thrown by a command that finished but could not process some inputs (listed in `errors.csv`
/// or the log); the command line maps it to exit code 2.
public struct PartialFailure: Error, CustomStringConvertible {
    /// How many inputs failed.
    public var failed: Int
    /// Where they are listed, if anywhere.
    public var listedIn: String?

    public init(failed: Int, listedIn: String? = nil) {
        self.failed = failed
        self.listedIn = listedIn
    }

    public var description: String {
        "\(failed) input(s) failed" + (listedIn.map { "; see \($0)" } ?? "")
    }
}
